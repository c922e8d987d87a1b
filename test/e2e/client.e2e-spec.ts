import { randomUUID } from 'node:crypto';
import {
  createHubClient,
  HubWebhookVerifier,
  WebhookVerificationError,
  withIdempotencyKey,
  type HubClient,
  type HubClientOptions,
  type Schemas,
  type SynchronizationCompletedEvent,
} from '../../packages/client/src';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { unique, uniqueDigits } from '../support/run-keys';
import { createTestApp, remote, type TestApp } from '../support/test-app';

/**
 * @hub/client against the whole hub over real HTTP: one operation of every module through the
 * typed client (compiled under the repository's strict settings by `npm run typecheck`), the
 * headers it sets (Authorization, Accept-Language, Idempotency-Key), and the Standard Webhooks
 * verifier on a real synchronize callback.
 */
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const INSTITUTION = 'INST-CLIENT';
const localIt = remote ? it.skip : it;

describe('@hub/client (e2e)', () => {
  let t: TestApp;
  let hub: HubClient;
  // Every client goes through the test app's fetch: the conformance run records its answers and
  // Prism's verdict on them, as it does for the supertest agents.
  const client = (options: Omit<HubClientOptions, 'baseUrl' | 'fetch'> = {}): HubClient =>
    createHubClient({ ...options, baseUrl: t.baseUrl, fetch: t.fetch });

  beforeAll(async () => {
    t = await createTestApp({
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_BASE_MS: '200', SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5' },
    });
    hub = client({
      token: await t.token(undefined, { institutionId: INSTITUTION }),
      language: 'en',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('sends the token and the language: no token is 401, and the error message follows Accept-Language', async () => {
    const anonymous = client();
    const denied = await anonymous.POST('/api/v1/customer-summary', { body: { legalId: '079199999999' } });
    expect(denied.response.status).toBe(401);
    expect(denied.error?.code).toBe('UNAUTHENTICATED');

    const token = await t.token(['customer-summary:read']);
    const english = client({ token, language: 'en' });
    // A token function is called for every request.
    const vietnamese = client({ token: async () => token, language: 'vi' });
    const [en, vi] = await Promise.all(
      [english, vietnamese].map((c) => c.POST('/api/v1/customer-summary', { body: { legalId: 'x' } })),
    );
    expect([en.response.status, vi.response.status]).toEqual([400, 400]);
    const error: Schemas['ErrorResponseDto'] | undefined = en.error;
    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(vi.error?.code).toBe('VALIDATION_FAILED');
    expect(vi.error?.message).not.toBe(en.error?.message);
  });

  it('customer summary: loads an ODS customer and finds it by legal ID', async () => {
    const cif = uniqueDigits(10, '86');
    const legalId = uniqueDigits(12, '0794');
    const line = {
      cif,
      extractedAt: new Date().toISOString(),
      status: 'ACTIVE',
      fullName: 'Lê Thị Mai',
      legalIds: [{ type: 'CCCD', number: legalId }],
      mobileNumbers: [uniqueDigits(10, '0915')],
    };
    const loaded = await hub.POST('/api/v1/ods/customers:bulk', {
      body: `${JSON.stringify(line)}\n`,
      bodySerializer: (body) => body,
      headers: { 'Content-Type': 'application/x-ndjson' },
    });
    expect(loaded.error).toBeUndefined();
    expect(loaded.data).toEqual({ received: 1, loaded: 1, rejected: [] });

    const found = await hub.POST('/api/v1/customer-summary', { body: { legalId } });
    expect(found.response.status).toBe(200);
    expect(found.data?.total).toBe(1);
    expect(found.data?.data[0]?.cif).toBe(cif);

    const none = await hub.POST('/api/v1/customer-summary', { body: { legalId: uniqueDigits(12, '0795') } });
    expect(none.data).toEqual({ total: 0, data: [], warnings: [] });
  });

  it('CRM: combo-creates a lead with an Idempotency-Key, replays the retry, and reads the lead', async () => {
    const legalId = uniqueDigits(12, '0796');
    const body: Schemas['ComboCreateLeadOpportunityRequestDto'] = {
      customerType: 'NTB',
      ownerId: 'RM-CLIENT',
      legalId,
      mobileNumber: `0916${legalId.slice(-6)}`,
      fullName: 'Trần Văn Bình',
      product: 'CREDIT_CARD',
      channel: 'MOBILE_APP',
    };
    const key = hub.idempotencyKey();
    const path = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity' as const;
    const first = await hub.POST(path, { body, params: { header: withIdempotencyKey(key) } });
    expect(first.response.status).toBe(201);
    expect(first.data).toEqual({ result: 'CREATED_LEAD', leadId: expect.any(String), status: 'NEW_LEAD' });
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();

    const retry = await hub.POST(path, { body, params: { header: { 'Idempotency-Key': key } } });
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(first.data);
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');

    const leadId = first.data?.leadId ?? '';
    const lead = await hub.GET('/integration-service/api/crm/v1/leads/{id}', {
      params: { path: { id: leadId } },
    });
    expect(lead.data).toMatchObject({ id: leadId, status: 'NEW_LEAD', legalId, ownerId: 'RM-CLIENT' });
  });

  it("card registry: creates a private customer, reads it back, and another institution's client gets 404", async () => {
    const body: Schemas['CreateCustomerRequestDto'] = {
      type: 'PRIVATE',
      salutation: 'Mr',
      firstName: 'Minh',
      lastName: 'Pham',
      dateOfBirth: '1990-04-12',
      email: 'minh.pham@example.vn',
      mobileNumber: '0912 345 678',
      address: { address1: '12 Le Loi', city: 'Ho Chi Minh', zipCode: '700000', country: 'VNM' },
      locale: 'vi-VN',
      customerNumber: unique('CLIENT'),
      regNo: unique('CLIENT-REG'),
    };
    const created = await hub.POST('/card-registry/v1/customers', {
      body,
      params: { header: withIdempotencyKey() },
    });
    expect(created.response.status).toBe(201);
    const customer: Schemas['CustomerResponseDto'] | undefined = created.data;
    expect(customer).toMatchObject({
      institutionId: INSTITUTION,
      type: 'PRIVATE',
      firstName: 'Minh',
      regNo: body.regNo,
      cardScope: 'SHARED',
      version: 1,
    });

    const id = customer?.id ?? '';
    const read = await hub.GET('/card-registry/v1/customers/{id}', { params: { path: { id } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toEqual(customer);

    const otherBank = client({
      token: await t.token(['cards:read'], { institutionId: 'INST-OTHER' }),
    });
    const hidden = await otherBank.GET('/card-registry/v1/customers/{id}', { params: { path: { id } } });
    expect(hidden.response.status).toBe(404);
    expect(hidden.data).toBeUndefined();
    expect(hidden.error?.statusCode).toBe(404);
  });

  localIt(
    'financial segments: imports, synchronizes, and the verifier accepts the signed callback (and nothing forged)',
    async () => {
      const receiver = await CallbackReceiver.start([204]);
      try {
        const started = await hub.POST('/financial-segments/v1/processes', {
          body: { externalUserId: `ext-${randomUUID()}` },
        });
        expect(started.response.status).toBe(201);
        const userId = started.data?.userId ?? '';
        const imported = await hub.POST('/financial-segments/v1/users/{userId}/data-sources', {
          params: { path: { userId } },
          body: {
            type: 'IMPORT',
            bankName: 'Vietcombank',
            accounts: [
              {
                accountNumber: '0011000000777',
                type: 'CHECKING',
                currency: 'VND',
                balance: '12000000.00',
                transactions: [1, 2, 3].map((month) => ({
                  id: `S${month}`,
                  bookingDate: `2026-0${month + 6}-25`,
                  amount: '20000000.00',
                  currency: 'VND',
                  purpose: `LUONG THANG ${month + 6}`,
                  counterpartName: 'CONG TY XYZ',
                })),
              },
            ],
          },
        });
        expect(imported.data).toMatchObject({ accounts: 1, transactions: 3 });

        const accepted = await hub.POST('/financial-segments/v1/users/{userId}/synchronize', {
          params: { path: { userId }, header: withIdempotencyKey() },
          body: { callbackUrl: receiver.url },
        });
        expect(accepted.response.status).toBe(202);
        const jobId = accepted.data?.jobId ?? '';

        await receiver.waitFor(1);
        const [callback] = receiver.received;
        if (!callback) throw new Error('no callback received');
        // The payload type comes from the contract's generated `webhooks` section.
        const event: SynchronizationCompletedEvent = new HubWebhookVerifier(SECRET).verifySynchronizeCallback(
          callback.body,
          callback.headers,
        );
        expect(event).toEqual({
          type: 'SYNCHRONIZATION_COMPLETED',
          jobId,
          userId,
          caseId: expect.any(String),
          reportId: expect.any(String),
          status: 'SUCCESSFUL',
          webhookId: callback.headers['webhook-id'],
        });

        const forged = `${SECRET.slice(0, -4)}AAA=`;
        expect(() =>
          new HubWebhookVerifier(forged).verifySynchronizeCallback(callback.body, callback.headers),
        ).toThrow(WebhookVerificationError);
        const tampered = callback.body.replace('SUCCESSFUL', 'FAILED');
        expect(() =>
          new HubWebhookVerifier(SECRET).verifySynchronizeCallback(tampered, callback.headers),
        ).toThrow(WebhookVerificationError);

        const job = await eventually(async () => {
          const res = await hub.GET('/financial-segments/v1/jobs/{jobId}', { params: { path: { jobId } } });
          return res.data?.status === 'SUCCESSFUL' ? res.data : null;
        });
        expect(job).toEqual({ status: 'SUCCESSFUL', caseId: event.caseId, reportId: event.reportId });
      } finally {
        await receiver.close();
      }
    },
  );
});
