// The scenario of hub-client.ts, written against the client @hey-api/openapi-ts generates.
import { client } from './generated/client.gen';
import {
  comboCreateLeadOpportunity,
  createCardCustomer,
  createProcess,
  getCardCustomer,
  getCusSummary,
  synchronize,
  type ComboCreateLeadOpportunityRequestDto,
  type CreateCustomerRequestDto,
  type ErrorResponseDto,
} from './generated';

export async function run(baseUrl: string, token: string): Promise<string[]> {
  client.setConfig({ baseUrl, auth: token, headers: { 'Accept-Language': 'en' } });
  const seen: string[] = [];

  const summary = await getCusSummary({ body: { legalId: '079090001234' } });
  if (summary.error) return failed(summary.error);
  seen.push(`customer summary: ${summary.data.total} CIF ${summary.data.data[0]?.cif ?? '-'}`);

  const lead: ComboCreateLeadOpportunityRequestDto = {
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId: '079199999999',
    mobileNumber: '0913999999',
    fullName: 'Nguyễn Văn An',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
  };
  const combo = await comboCreateLeadOpportunity({
    body: lead,
    headers: { 'Idempotency-Key': globalThis.crypto.randomUUID() },
  });
  if (combo.error) return failed(combo.error);
  seen.push(`CRM: ${combo.data.result} ${combo.data.leadId ?? combo.data.opportunityId ?? ''}`);

  const customer: CreateCustomerRequestDto = {
    type: 'PRIVATE',
    firstName: 'Minh',
    lastName: 'Pham',
    dateOfBirth: '1990-04-12',
    address: { address1: '12 Le Loi', city: 'Ho Chi Minh', zipCode: '700000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: 'C-1',
    regNo: 'REG-1',
  };
  const created = await createCardCustomer({ body: customer });
  if (created.error) return failed(created.error);
  const read = await getCardCustomer({ path: { id: created.data.id } });
  if (read.error) return failed(read.error);
  seen.push(`card customer: ${read.data.id} version ${read.data.version} ${read.data.cardScope}`);

  const started = await createProcess({ body: { externalUserId: 'ext-1' } });
  if (started.error) return failed(started.error);
  const job = await synchronize({
    path: { userId: started.data.userId },
    body: { callbackUrl: 'https://receiver.example/hooks' },
  });
  if (job.error) return failed(job.error);
  seen.push(`financial segments: job ${job.data.jobId}`);
  return seen;
}

function failed(error: ErrorResponseDto): string[] {
  return [`${error.statusCode} ${error.code}: ${error.message}`];
}
