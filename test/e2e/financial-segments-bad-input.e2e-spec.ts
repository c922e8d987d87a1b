import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { CallbackReceiver, describeWithCallbacks } from '../fixtures/financial-segments/callback-receiver';
import { salariedImport, tx } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

/**
 * Bad input on every route of the module: a clear 4xx in the one error shape, never a 500. Runs
 * over HTTP only, so it also runs against a deployed hub (E2E_BASE_URL).
 */
describe('financial segments: bad input (e2e)', () => {
  let t: TestApp;
  let write: string;
  let read: string;
  let userId: string;
  let segmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
    userId = (
      await t.http
        .post(`${BASE}/processes`)
        .set('Authorization', write)
        .send({ externalUserId: `bad-${randomUUID()}` })
        .expect(201)
    ).body.userId;
    segmentId = (
      await t.http
        .post(`${BASE}/segments`)
        .set('Authorization', write)
        .send({ name: 'Bad input', currency: 'VND', criteria: {}, offers: [] })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await t.close();
  });

  /** The one error shape, with the code and (when given) the fields named in details. */
  function expectError(
    res: { status: number; body: Record<string, unknown> },
    status: number,
    code: string,
    fields?: string[],
  ) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toMatchObject({
      statusCode: status,
      message: expect.any(String),
      requestId: expect.any(String),
    });
    if (fields) {
      const named = (res.body.details as { field: string }[]).map((d) => d.field);
      for (const field of fields) expect(named).toContain(field);
    }
  }

  /** An import of one account with one transaction, with overrides on each level. */
  function oneTransactionImport(
    account: Record<string, unknown> = {},
    transaction: Record<string, unknown> = {},
    top: Record<string, unknown> = {},
  ) {
    return {
      type: 'IMPORT',
      bankName: 'Vietcombank',
      accounts: [
        {
          accountNumber: '0011000000001',
          type: 'CHECKING',
          currency: 'VND',
          balance: '1000.00',
          transactions: [
            {
              ...tx({
                id: 'T1',
                bookingDate: '2026-07-25',
                amount: '25000000.00',
                purpose: 'LUONG',
                counterpartName: 'ABC',
              }),
              ...transaction,
            },
          ],
          ...account,
        },
      ],
      ...top,
    };
  }

  describe('POST /processes', () => {
    it.each([
      ['an empty body', undefined, ['externalUserId']],
      ['an empty object', {}, ['externalUserId']],
      ['a number', { externalUserId: 42 }, ['externalUserId']],
      ['an empty string', { externalUserId: '' }, ['externalUserId']],
      ['a NUL character', { externalUserId: 'ext\u0000user' }, ['externalUserId']],
      ['a control character', { externalUserId: 'ext\nuser' }, ['externalUserId']],
      ['a too long id', { externalUserId: 'x'.repeat(201) }, ['externalUserId']],
      ['an unknown field', { externalUserId: 'x', admin: true }, undefined],
    ])('400 VALIDATION_FAILED for %s', async (_, body, fields) => {
      const req = t.http.post(`${BASE}/processes`).set('Authorization', write);
      const res = body === undefined ? await req : await req.send(body);
      expectError(res, 400, 'VALIDATION_FAILED', fields);
    });

    it('400 for a JSON array or malformed JSON', async () => {
      expectError(
        await t.http
          .post(`${BASE}/processes`)
          .set('Authorization', write)
          .send([{ externalUserId: 'x' }]),
        400,
        'VALIDATION_FAILED',
      );
      // Straight to the hub: a validating proxy (Prism) answers malformed JSON itself.
      const malformed = await t.direct
        .post(`${BASE}/processes`)
        .set('Authorization', write)
        .set('Content-Type', 'application/json')
        .send('{"externalUserId":');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        statusCode: 400,
        code: expect.any(String),
        requestId: expect.any(String),
      });
    });
  });

  describe('POST /users/{userId}/data-sources', () => {
    it.each([
      ['an empty body', undefined, ['type']],
      ['an unknown type', { type: 'SCREEN_SCRAPE' }, ['type']],
      ['accounts as an object', { type: 'IMPORT', bankName: 'B', accounts: { a: 1 } }, ['accounts']],
      [
        'a NUL in the bank name',
        { type: 'IMPORT', bankName: 'Vietcom\u0000bank', accounts: [] },
        ['bankName'],
      ],
      ['a CIF as a number', { type: 'ODS_CASA', cif: 7700009001 }, ['cif']],
      ['a NUL in the CIF', { type: 'ODS_CASA', cif: '7700\u00009001' }, ['cif']],
      ['a null account', { type: 'IMPORT', bankName: 'B', accounts: [null] }, ['accounts.0']],
    ])('400 VALIDATION_FAILED for %s', async (_, body, fields) => {
      const req = t.http.post(`${BASE}/users/${userId}/data-sources`).set('Authorization', write);
      const res = body === undefined ? await req : await req.send(body);
      expectError(res, 400, 'VALIDATION_FAILED', fields);
    });

    it.each([
      [
        'a date that does not exist',
        {},
        { bookingDate: '2026-02-30' },
        'accounts.0.transactions.0.bookingDate',
      ],
      [
        'the 29th of February of a common year',
        {},
        { bookingDate: '2025-02-29' },
        'accounts.0.transactions.0.bookingDate',
      ],
      ['a date far in the past', {}, { bookingDate: '0001-01-01' }, 'accounts.0.transactions.0.bookingDate'],
      [
        'a date far in the future',
        {},
        { bookingDate: '9999-12-31' },
        'accounts.0.transactions.0.bookingDate',
      ],
      [
        'an ISO date-time instead of a date',
        {},
        { bookingDate: '2026-02-03T00:00:00Z' },
        'accounts.0.transactions.0.bookingDate',
      ],
      ['an amount as a number', {}, { amount: 25000000 }, 'accounts.0.transactions.0.amount'],
      ['a huge amount as a number', {}, { amount: 1e308 }, 'accounts.0.transactions.0.amount'],
      ['an amount in exponent notation', {}, { amount: '1e21' }, 'accounts.0.transactions.0.amount'],
      ['an amount with a decimal comma', {}, { amount: '25000000,00' }, 'accounts.0.transactions.0.amount'],
      [
        'an amount too large for the ledger',
        {},
        { amount: '1000000000000000000.00' },
        'accounts.0.transactions.0.amount',
      ],
      ['an amount with three decimals', {}, { amount: '1.005' }, 'accounts.0.transactions.0.amount'],
      ['an empty amount', {}, { amount: '' }, 'accounts.0.transactions.0.amount'],
      ['a NUL in the purpose', {}, { purpose: 'LUONG\u0000T10' }, 'accounts.0.transactions.0.purpose'],
      [
        'a NUL in the counterpart name',
        {},
        { counterpartName: 'CONG TY\u0000ABC' },
        'accounts.0.transactions.0.counterpartName',
      ],
      ['a NUL in the transaction id', {}, { id: 'T\u00001' }, 'accounts.0.transactions.0.id'],
      [
        'a NUL in the counterpart account',
        {},
        { counterpartAccount: '001\u00001' },
        'accounts.0.transactions.0.counterpartAccount',
      ],
      ['a purpose that is not a string', {}, { purpose: ['LUONG'] }, 'accounts.0.transactions.0.purpose'],
      ['an unknown currency format', {}, { currency: 'vnd' }, 'accounts.0.transactions.0.currency'],
      ['a balance as a number', { balance: 1000 }, {}, 'accounts.0.balance'],
      ['an invalid balance string', { balance: '1.000,00' }, {}, 'accounts.0.balance'],
      ['an unknown account type', { type: 'BROKERAGE' }, {}, 'accounts.0.type'],
      ['a NUL in the account number', { accountNumber: '0011\u00000001' }, {}, 'accounts.0.accountNumber'],
      ['transactions as null', { transactions: null }, {}, 'accounts.0.transactions'],
    ])('400 VALIDATION_FAILED naming the field for %s', async (_, account, transaction, field) => {
      const res = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(oneTransactionImport(account, transaction));
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
    });

    it('accepts the 29th of February of a leap year', async () => {
      const res = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(oneTransactionImport({ accountNumber: 'LEAP-1' }, { id: 'LEAP', bookingDate: '2028-02-29' }));
      expect(res.status).toBe(201);
    });

    it('404 USER_NOT_FOUND for an unknown user, 400 for a malformed one', async () => {
      expectError(
        await t.http
          .post(`${BASE}/users/${randomUUID()}/data-sources`)
          .set('Authorization', write)
          .send(salariedImport()),
        404,
        'USER_NOT_FOUND',
      );
      expectError(
        await t.http
          .post(`${BASE}/users/1%00/data-sources`)
          .set('Authorization', write)
          .send(salariedImport()),
        400,
        'VALIDATION_FAILED',
        ['userId'],
      );
      expectError(
        await t.http
          .post(`${BASE}/users/12345/data-sources`)
          .set('Authorization', write)
          .send(salariedImport()),
        400,
        'VALIDATION_FAILED',
        ['userId'],
      );
    });
  });

  describe('POST /users/{userId}/synchronize', () => {
    it.each([
      ['an empty body', undefined, 'VALIDATION_FAILED'],
      ['a number', { callbackUrl: 42 }, 'VALIDATION_FAILED'],
      ['null', { callbackUrl: null }, 'VALIDATION_FAILED'],
      ['a NUL character', { callbackUrl: 'http://127.0.0.1:9/cb\u0000' }, 'VALIDATION_FAILED'],
      ['a too long URL', { callbackUrl: `http://127.0.0.1:9/${'x'.repeat(2100)}` }, 'VALIDATION_FAILED'],
      ['a relative URL', { callbackUrl: '/hooks/cb' }, 'CALLBACK_URL_NOT_ALLOWED'],
      ['an empty string', { callbackUrl: '' }, 'CALLBACK_URL_NOT_ALLOWED'],
      ['an unclosed IPv6 host', { callbackUrl: 'https://[::1/cb' }, 'CALLBACK_URL_NOT_ALLOWED'],
      ['a host-less URL', { callbackUrl: 'https://' }, 'CALLBACK_URL_NOT_ALLOWED'],
      ['a javascript: URL', { callbackUrl: 'javascript:alert(1)' }, 'CALLBACK_URL_NOT_ALLOWED'],
      ['a file: URL', { callbackUrl: 'file:///etc/passwd' }, 'CALLBACK_URL_NOT_ALLOWED'],
      [
        'a port out of range',
        { callbackUrl: 'https://hooks.example.com:99999/cb' },
        'CALLBACK_URL_NOT_ALLOWED',
      ],
      [
        'credentials in the URL',
        { callbackUrl: 'https://user:pw@hooks.example.com/cb' },
        'CALLBACK_URL_NOT_ALLOWED',
      ],
    ])('400 for %s as callbackUrl', async (_, body, code) => {
      const req = t.http.post(`${BASE}/users/${userId}/synchronize`).set('Authorization', write);
      const res = body === undefined ? await req : await req.send(body);
      expectError(res, 400, code, ['callbackUrl']);
    });

    it('400 for a malformed user ID', async () => {
      expectError(
        await t.http
          .post(`${BASE}/users/not-a-uuid/synchronize`)
          .set('Authorization', write)
          .send({ callbackUrl: 'https://hooks.example.com/cb' }),
        400,
        'VALIDATION_FAILED',
        ['userId'],
      );
    });

    // The hub checks the callback URL before it looks the user up, so the URL must be one it
    // accepts: this runner's receiver (never called here), not a made-up host the hub may not resolve.
    describeWithCallbacks('with a callback URL the hub accepts', () => {
      let receiver: CallbackReceiver;
      beforeAll(async () => {
        receiver = await CallbackReceiver.start([204]);
      });
      afterAll(async () => {
        await receiver.close();
      });

      it('404 USER_NOT_FOUND for an unknown user', async () => {
        expectError(
          await t.http
            .post(`${BASE}/users/${randomUUID()}/synchronize`)
            .set('Authorization', write)
            .send({ callbackUrl: receiver.url }),
          404,
          'USER_NOT_FOUND',
        );
        expect(receiver.received).toEqual([]);
      });
    });
  });

  describe('GET jobs, cases, reports', () => {
    it.each([
      ['/jobs/{id}', (id: string) => `${BASE}/jobs/${id}`, 'JOB_NOT_FOUND', 'jobId'],
      ['/cases/{id}', (id: string) => `${BASE}/cases/${id}`, 'CASE_NOT_FOUND', 'caseId'],
      [
        '/cases/{id}/reports/income',
        (id: string) => `${BASE}/cases/${id}/reports/income`,
        'CASE_NOT_FOUND',
        'caseId',
      ],
    ])('%s: 404 for an unknown id, 400 for a malformed one', async (_, path, code, field) => {
      expectError(await t.http.get(path(randomUUID())).set('Authorization', read), 404, code);
      for (const bad of [
        'nope',
        '00000000-0000-0000-0000-00000000000g',
        "1'%20OR%20'1'='1",
        '%00',
        `${randomUUID()}x`,
      ]) {
        expectError(await t.http.get(path(bad)).set('Authorization', read), 400, 'VALIDATION_FAILED', [
          field,
        ]);
      }
      // An over-long path parameter is refused by the HTTP layer (libs/platform) before routing: a 4xx, not a 500.
      const long = await t.http.get(path('x'.repeat(300))).set('Authorization', read);
      expect(long.status).toBe(414);
      expect(long.body).toMatchObject({
        statusCode: 414,
        code: 'URI_TOO_LONG',
        requestId: long.headers['x-request-id'],
      });
    });
  });

  describe('segments', () => {
    const valid = { name: 'S', currency: 'VND', criteria: {}, offers: [] };

    it.each([
      ['an empty body', undefined, ['name', 'currency', 'criteria', 'offers']],
      ['criteria as null', { ...valid, criteria: null }, ['criteria']],
      ['criteria as an array', { ...valid, criteria: [] }, ['criteria']],
      [
        'a balance as a number',
        { ...valid, criteria: { minTotalBalance: 100 } },
        ['criteria.minTotalBalance'],
      ],
      [
        'a negative balance',
        { ...valid, criteria: { minTotalBalance: '-1.00' } },
        ['criteria.minTotalBalance'],
      ],
      [
        'a balance in exponent notation',
        { ...valid, criteria: { maxTotalBalance: '1e9' } },
        ['criteria.maxTotalBalance'],
      ],
      [
        'a balance too large',
        { ...valid, criteria: { maxTotalBalance: '1000000000000000000' } },
        ['criteria.maxTotalBalance'],
      ],
      [
        'an income with three decimals',
        { ...valid, criteria: { minAverageMonthlyIncome: '1.001' } },
        ['criteria.minAverageMonthlyIncome'],
      ],
      [
        'months as a huge number',
        { ...valid, criteria: { minMonthsWithIncome: 1e20 } },
        ['criteria.minMonthsWithIncome'],
      ],
      [
        'months above a 32-bit integer',
        { ...valid, criteria: { minMonthsWithIncome: 2147483648 } },
        ['criteria.minMonthsWithIncome'],
      ],
      [
        'months as a fraction',
        { ...valid, criteria: { minMonthsWithIncome: 1.5 } },
        ['criteria.minMonthsWithIncome'],
      ],
      [
        'months as a string',
        { ...valid, criteria: { minMonthsWithIncome: '3' } },
        ['criteria.minMonthsWithIncome'],
      ],
      [
        'a category as a string',
        { ...valid, criteria: { incomeCategories: 'SALARY' } },
        ['criteria.incomeCategories'],
      ],
      [
        'an unknown category',
        { ...valid, criteria: { incomeCategories: ['LOTTERY'] } },
        ['criteria.incomeCategories'],
      ],
      ['an unknown criterion', { ...valid, criteria: { minAge: 18 } }, undefined],
      ['offers as an object', { ...valid, offers: {} }, ['offers']],
      [
        'an unknown offer kind',
        { ...valid, offers: [{ code: 'X', name: 'X', kind: 'CAR' }] },
        ['offers.0.kind'],
      ],
      ['a NUL in the name', { ...valid, name: 'Aff\u0000luent' }, ['name']],
      [
        'a NUL in an offer',
        { ...valid, offers: [{ code: 'X\u0000', name: 'X\u0000', kind: 'CARD' }] },
        ['offers.0.code', 'offers.0.name'],
      ],
      ['a currency that is not ISO 4217', { ...valid, currency: 'VNDX' }, ['currency']],
    ])('POST /segments: 400 VALIDATION_FAILED for %s', async (_, body, fields) => {
      const req = t.http.post(`${BASE}/segments`).set('Authorization', write);
      const res = body === undefined ? await req : await req.send(body);
      expectError(res, 400, 'VALIDATION_FAILED', fields);
    });

    it('POST /segments: 400 INVALID_SEGMENT_CRITERIA for an empty category list', async () => {
      const res = await t.http
        .post(`${BASE}/segments`)
        .set('Authorization', write)
        .send({ ...valid, criteria: { incomeCategories: [] } });
      expectError(res, 400, 'INVALID_SEGMENT_CRITERIA');
    });

    it.each([
      ['page=0', ['page']],
      ['page=-1', ['page']],
      ['page=abc', ['page']],
      ['page=1.5', ['page']],
      ['page=1e20', ['page']],
      ['page=100000000000', ['page']],
      ['pageSize=0', ['pageSize']],
      ['pageSize=501', ['pageSize']],
      ['pageSize=', ['pageSize']],
      ['page=1&page=2', ['page']],
    ])('GET /segments/{id}/members?%s: 400 VALIDATION_FAILED', async (query, fields) => {
      expectError(
        await t.http.get(`${BASE}/segments/${segmentId}/members?${query}`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        fields,
      );
    });

    it('GET /segments/{id}/members: a page past the end is empty, with the total', async () => {
      // The segment takes everyone: on a deployed hub other users are members too.
      const first = await t.http
        .get(`${BASE}/segments/${segmentId}/members?page=1&pageSize=1`)
        .set('Authorization', read)
        .expect(200);
      const res = await t.http
        .get(`${BASE}/segments/${segmentId}/members?page=1000000&pageSize=500`)
        .set('Authorization', read)
        .expect(200);
      expect(res.body).toEqual({ items: [], total: first.body.total, page: 1000000, pageSize: 500 });
    });

    it('404 SEGMENT_NOT_FOUND for unknown segments, 400 for malformed ids', async () => {
      const unknown = randomUUID();
      expectError(
        await t.http.get(`${BASE}/segments/${unknown}`).set('Authorization', read),
        404,
        'SEGMENT_NOT_FOUND',
      );
      expectError(
        await t.http.post(`${BASE}/segments/${unknown}/evaluate`).set('Authorization', write),
        404,
        'SEGMENT_NOT_FOUND',
      );
      expectError(
        await t.http.get(`${BASE}/segments/${unknown}/members`).set('Authorization', read),
        404,
        'SEGMENT_NOT_FOUND',
      );
      expectError(
        await t.http.get(`${BASE}/segments/nope`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        ['id'],
      );
      expectError(
        await t.http.post(`${BASE}/segments/nope/evaluate`).set('Authorization', write),
        400,
        'VALIDATION_FAILED',
        ['id'],
      );
      expectError(
        await t.http.get(`${BASE}/segments/nope/members`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        ['id'],
      );
    });

    it('GET /users/{userId}/offers: 404 for an unknown user, 400 for a malformed one or a bad page', async () => {
      expectError(
        await t.http.get(`${BASE}/users/${randomUUID()}/offers`).set('Authorization', read),
        404,
        'USER_NOT_FOUND',
      );
      expectError(
        await t.http.get(`${BASE}/users/nope/offers`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        ['userId'],
      );
      for (const [query, field] of [
        ['page=0', 'page'],
        ['pageSize=0', 'pageSize'],
        ['pageSize=501', 'pageSize'],
        ['page=x', 'page'],
      ]) {
        expectError(
          await t.http.get(`${BASE}/users/${randomUUID()}/offers?${query}`).set('Authorization', read),
          400,
          'VALIDATION_FAILED',
          [field],
        );
      }
    });
  });

  describe('webhook deliveries', () => {
    it.each([
      ['status=LOST', ['status']],
      ['status=failed', ['status']],
      ['page=0', ['page']],
      ['page=1e20', ['page']],
      ['pageSize=100000', ['pageSize']],
    ])('GET /webhook-deliveries?%s: 400 VALIDATION_FAILED', async (query, fields) => {
      expectError(
        await t.http.get(`${BASE}/webhook-deliveries?${query}`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        fields,
      );
    });

    it('GET /webhook-deliveries/{id}: 404 for an unknown id, 400 for a malformed one', async () => {
      expectError(
        await t.http.get(`${BASE}/webhook-deliveries/msg_${'0'.repeat(32)}`).set('Authorization', read),
        404,
        'WEBHOOK_DELIVERY_NOT_FOUND',
      );
      expectError(
        await t.http.get(`${BASE}/webhook-deliveries/${randomUUID()}`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        ['id'],
      );
      expectError(
        await t.http.get(`${BASE}/webhook-deliveries/msg_%00`).set('Authorization', read),
        400,
        'VALIDATION_FAILED',
        ['id'],
      );
    });
  });
});
