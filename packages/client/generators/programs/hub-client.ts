// The scenario of the client check, written against @hub/client (openapi-typescript + openapi-fetch).
// The same scenario is written against @hey-api/openapi-ts (hey-api.ts) and orval (orval.ts); each
// is compiled with `tsc --strict` against a client generated from openapi.json with no hand edit.
import { createHubClient, withIdempotencyKey, type HubError, type Schemas } from '@hub/client';

export async function run(baseUrl: string, token: string): Promise<string[]> {
  const hub = createHubClient({ baseUrl, token, language: 'en' });
  const seen: string[] = [];

  const summary = await hub.POST('/api/v1/customer-summary', { body: { legalId: '079090001234' } });
  if (summary.error) return failed(summary.error);
  seen.push(`customer summary: ${summary.data.total} CIF ${summary.data.data[0]?.cif ?? '-'}`);

  const lead: Schemas['ComboCreateLeadOpportunityRequestDto'] = {
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId: '079199999999',
    mobileNumber: '0913999999',
    fullName: 'Nguyễn Văn An',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
  };
  const combo = await hub.POST('/integration-service/int/api/crm/v1/combo-create-lead-opportunity', {
    body: lead,
    params: { header: withIdempotencyKey() },
  });
  if (combo.error) return failed(combo.error);
  seen.push(`CRM: ${combo.data.result} ${combo.data.leadId ?? combo.data.opportunityId ?? ''}`);

  const customer: Schemas['CreateCustomerRequestDto'] = {
    type: 'PRIVATE',
    firstName: 'Minh',
    lastName: 'Pham',
    dateOfBirth: '1990-04-12',
    address: { address1: '12 Le Loi', city: 'Ho Chi Minh', zipCode: '700000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: 'C-1',
    regNo: 'REG-1',
  };
  const created = await hub.POST('/card-registry/v1/customers', { body: customer });
  if (created.error) return failed(created.error);
  const read = await hub.GET('/card-registry/v1/customers/{id}', {
    params: { path: { id: created.data.id } },
  });
  if (read.error) return failed(read.error);
  seen.push(`card customer: ${read.data.id} version ${read.data.version} ${read.data.cardScope}`);

  const started = await hub.POST('/financial-segments/v1/processes', { body: { externalUserId: 'ext-1' } });
  if (started.error) return failed(started.error);
  const job = await hub.POST('/financial-segments/v1/users/{userId}/synchronize', {
    params: { path: { userId: started.data.userId } },
    body: { callbackUrl: 'https://receiver.example/hooks' },
  });
  if (job.error) return failed(job.error);
  seen.push(`financial segments: job ${job.data.jobId}`);
  return seen;
}

function failed(error: HubError): string[] {
  return [`${error.statusCode} ${error.code}: ${error.message}`];
}
