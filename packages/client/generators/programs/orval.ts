// The scenario of hub-client.ts, written against the fetch client orval generates. orval takes the
// base URL from the document's `servers` (getBaseUrlFromSpecification), so `baseUrl` is not used.
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
} from './generated/hub';

export async function run(_baseUrl: string, token: string): Promise<string[]> {
  const init = { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' } };
  const seen: string[] = [];

  const summary = await getCusSummary({ legalId: '079090001234' }, init);
  if (summary.status !== 200) return failed(summary.data);
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
  const combo = await comboCreateLeadOpportunity(lead, {
    headers: { ...init.headers, 'Idempotency-Key': globalThis.crypto.randomUUID() },
  });
  if (combo.status !== 200 && combo.status !== 201) return failed(combo.data);
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
  const created = await createCardCustomer(customer, init);
  if (created.status !== 201) return failed(created.data);
  const read = await getCardCustomer(created.data.id, init);
  if (read.status !== 200) return failed(read.data);
  seen.push(`card customer: ${read.data.id} version ${read.data.version} ${read.data.cardScope}`);

  const started = await createProcess({ externalUserId: 'ext-1' }, init);
  if (started.status !== 201) return failed(started.data);
  const job = await synchronize(started.data.userId, { callbackUrl: 'https://receiver.example/hooks' }, init);
  if (job.status !== 202) return failed(job.data);
  seen.push(`financial segments: job ${job.data.jobId}`);
  return seen;
}

function failed(error: ErrorResponseDto): string[] {
  return [`${error.statusCode} ${error.code}: ${error.message}`];
}
