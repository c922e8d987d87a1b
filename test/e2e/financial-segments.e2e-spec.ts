import { randomUUID } from 'node:crypto';
import { parseWebhookSecret, verifyWebhook } from '@hub/financial-segments';
import { unique, uniqueCif, uniqueDigits, uniqueMobile } from '../support/run-keys';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import {
  CallbackReceiver,
  eventually,
  describeWithCallbacks,
  jobCallbackUrl,
} from '../fixtures/financial-segments/callback-receiver';
import { salariedImport, tx } from '../fixtures/financial-segments/import-data';

const SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;
const KEY = parseWebhookSecret(SECRET);
const BASE = '/financial-segments/v1';

/**
 * Tests that look into the database, or that need the in-process app (its WEBHOOK_SECRET and retry
 * settings, a callback receiver on this machine), run only locally, not against E2E_BASE_URL.
 */
const localIt = remote ? it.skip : it;

const SEGMENTS_TEST_ENV = {
  WEBHOOK_SECRET: SECRET,
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_TIMEOUT_MS: '1000',
  SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
};

describe('financial segments (e2e)', () => {
  let t: TestApp;
  let write: string;
  let read: string;

  beforeAll(async () => {
    t = await createTestApp({ env: SEGMENTS_TEST_ENV });
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
  });

  afterAll(async () => {
    await t.close();
  });

  async function newUser(externalUserId = `ext-${randomUUID()}`): Promise<string> {
    const res = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId })
      .expect(201);
    return res.body.userId;
  }

  async function synchronize(userId: string, callbackUrl: string): Promise<string> {
    const res = await t.http
      .post(`${BASE}/users/${userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl })
      .expect(202);
    return res.body.jobId;
  }

  async function finishedJob(jobId: string) {
    return eventually(async () => {
      const res = await t.http.get(`${BASE}/jobs/${jobId}`).set('Authorization', read).expect(200);
      return res.body.status === 'SUCCESSFUL' || res.body.status === 'FAILED' ? res.body : null;
    });
  }

  it('documents every route in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    const paths = Object.keys(body.paths)
      .filter((p) => p.startsWith(BASE))
      .sort();
    expect(paths).toEqual(
      [
        '/cases/{caseId}',
        '/cases/{caseId}/reports/cash-flow',
        '/cases/{caseId}/reports/income',
        '/fx-rates',
        '/jobs/{jobId}',
        '/processes',
        '/processes/{id}',
        '/segments',
        '/segments/{id}',
        '/segments/{id}/evaluate',
        '/segments/{id}/members',
        '/users/{userId}',
        '/users/{userId}/data-sources',
        '/users/{userId}/offers',
        '/users/{userId}/synchronize',
        '/web-form/{processToken}',
        '/web-form/{processToken}/cancel',
        '/web-form/{processToken}/confirm',
        '/web-form/{processToken}/preview',
        '/webhook-deliveries',
        '/webhook-deliveries/{id}',
        '/webhook-deliveries/{id}/redeliver',
      ].map((p) => `${BASE}${p}`),
    );
    expect(body.paths[`${BASE}/users/{userId}/synchronize`].post.responses['202']).toBeDefined();
  });

  describe('processes', () => {
    it('gives the same user to the same external user, a new token each time', async () => {
      // Unique to this run (test/support/run-keys.ts): against a deployed hub the first call is a first call.
      const externalUserId = unique('bank-user-1');
      const a = await t.http
        .post(`${BASE}/processes`)
        .set('Authorization', write)
        .send({ externalUserId })
        .expect(201);
      const b = await t.http
        .post(`${BASE}/processes`)
        .set('Authorization', write)
        .send({ externalUserId })
        .expect(201);
      expect(a.body.userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.body.userId).toBe(a.body.userId);
      expect(a.body.processToken).not.toBe(b.body.processToken);
    });

    it('gives one user to parallel first calls for one external user', async () => {
      // A run of its own: a second run against the same hub still makes first calls.
      const externalUserId = unique('bank-user-race');
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.http.post(`${BASE}/processes`).set('Authorization', write).send({ externalUserId }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.userId)).size).toBe(1);
    });

    it('400 without an externalUserId, 401 without a token, 403 with a read-only token', async () => {
      const bad = await t.http.post(`${BASE}/processes`).set('Authorization', write).send({}).expect(400);
      expect(bad.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'externalUserId' })],
      });
      await t.http.post(`${BASE}/processes`).send({ externalUserId: 'x' }).expect(401);
      await t.http
        .post(`${BASE}/processes`)
        .set('Authorization', read)
        .send({ externalUserId: 'x' })
        .expect(403);
    });
  });

  describe('data sources', () => {
    async function importTwice(): Promise<string> {
      const userId = await newUser();
      const first = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(salariedImport())
        .expect(201);
      expect(first.body).toEqual({ dataSourceId: expect.any(String), accounts: 3, transactions: 8 });

      const again = salariedImport();
      again.accounts[0].balance = '31000000.00';
      again.accounts[0].transactions.push(
        tx({
          id: 'T9',
          bookingDate: '2026-10-25',
          amount: '26000000.00',
          purpose: 'LUONG T10',
          counterpartName: 'CONG TY ABC',
        }),
      );
      const second = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(again)
        .expect(201);
      expect(second.body).toEqual({ dataSourceId: first.body.dataSourceId, accounts: 3, transactions: 1 });
      return userId;
    }

    it('imports accounts and transactions, and a re-import merges without counting anything twice', async () => {
      await importTwice();
    });

    localIt(
      'keeps one row per transaction id and the latest balance after a re-import (database)',
      async () => {
        const userId = await importTwice();
        const rows = await t.dataSource!.query(
          `SELECT count(*)::int AS n FROM seg_transactions t JOIN seg_accounts a ON a.id = t.account_id WHERE a.user_id = $1`,
          [userId],
        );
        expect(rows[0].n).toBe(9);
        const balance = await t.dataSource!.query(
          `SELECT balance::text AS b FROM seg_accounts WHERE user_id = $1 AND account_number = '0011000000001'`,
          [userId],
        );
        expect(balance[0].b).toBe('31000000.00');
      },
    );

    it('merges parallel imports of the same data', async () => {
      const userId = await newUser();
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.http
            .post(`${BASE}/users/${userId}/data-sources`)
            .set('Authorization', write)
            .send(salariedImport()),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(results.reduce((n, r) => n + r.body.transactions, 0)).toBe(8);
    });

    it('404 USER_NOT_FOUND for an unknown user, 400 for a malformed user id', async () => {
      const res = await t.http
        .post(`${BASE}/users/${randomUUID()}/data-sources`)
        .set('Authorization', write)
        .send(salariedImport())
        .expect(404);
      expect(res.body.code).toBe('USER_NOT_FOUND');
      await t.http
        .post(`${BASE}/users/not-a-uuid/data-sources`)
        .set('Authorization', write)
        .send(salariedImport())
        .expect(400);
    });

    it('400 with one detail per bad field', async () => {
      const userId = await newUser();
      const body = salariedImport() as Record<string, unknown> & ReturnType<typeof salariedImport>;
      const bad = {
        ...body,
        accounts: [
          {
            ...body.accounts[0],
            type: 'BROKERAGE',
            currency: 'dong',
            transactions: [
              { ...body.accounts[0].transactions[0], amount: '12.345', bookingDate: '2026-13-01' },
            ],
          },
        ],
      };
      const res = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(bad)
        .expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual([
        'accounts.0.currency',
        'accounts.0.transactions.0.amount',
        'accounts.0.transactions.0.bookingDate',
        'accounts.0.type',
      ]);
      const noBank = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'IMPORT', accounts: [] })
        .expect(400);
      expect(noBank.body.details.map((d: { field: string }) => d.field)).toEqual(['bankName']);
      const dup = { ...body, accounts: [body.accounts[1], body.accounts[1]] };
      await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send(dup)
        .expect(400);
    });
  });

  describeWithCallbacks('ODS_CASA data source', () => {
    // A customer of this run's own (test/support/run-keys.ts): a second run against the same hub
    // loads and reads a CIF no earlier run touched.
    const cif = uniqueCif();
    const snapshot = {
      cif,
      extractedAt: new Date().toISOString(),
      status: 'ACTIVE',
      fullName: 'Phạm Thị Hoa',
      dateOfBirth: '1988-02-03',
      gender: 'F',
      legalIds: [
        { type: 'CCCD', number: uniqueDigits(12, '079188'), issueDate: '2021-04-01', issuePlace: 'HCM' },
      ],
      mobileNumbers: [uniqueMobile()],
      email: null,
      addresses: [],
      lending: [],
      deposits: [
        {
          productType: 'CURRENT_ACCOUNT',
          accountNumber: '1010009001',
          productName: 'TK thanh toán',
          currency: 'VND',
          balance: '15000000.00',
          availableBalance: '15000000.00',
          principalAmount: null,
          interestRate: null,
          termMonths: null,
          openDate: '2020-01-02',
          maturityDate: null,
          status: 'ACTIVE',
        },
        {
          productType: 'SAVINGS_ACCOUNT',
          accountNumber: '1020009001',
          productName: 'TK tiết kiệm',
          currency: 'VND',
          balance: '85000000.00',
          availableBalance: '85000000.00',
          principalAmount: null,
          interestRate: null,
          termMonths: null,
          openDate: '2021-01-02',
          maturityDate: null,
          status: 'ACTIVE',
        },
        {
          productType: 'FIXED_DEPOSIT',
          accountNumber: '1030009001',
          productName: 'Tiền gửi có kỳ hạn',
          currency: 'VND',
          balance: '500000000.00',
          availableBalance: null,
          principalAmount: '500000000.00',
          interestRate: '0.0550',
          termMonths: 12,
          openDate: '2026-01-02',
          maturityDate: '2027-01-02',
          status: 'ACTIVE',
        },
      ],
      payroll: [
        {
          employerName: 'Công ty TNHH ABC',
          accountNumber: '1010009001',
          period: '2026-09',
          amount: '25000000.00',
          currency: 'VND',
          creditDate: '2026-09-25',
        },
        {
          employerName: 'Công ty TNHH ABC',
          accountNumber: '1010009001',
          period: '2026-10',
          amount: '25000000.00',
          currency: 'VND',
          creditDate: '2026-10-25',
        },
      ],
    };
    let receiver: CallbackReceiver;

    beforeAll(async () => {
      receiver = await CallbackReceiver.start([200]);
      const res = await t.http
        .post('/api/v1/ods/customers:bulk')
        .set('Authorization', await t.bearer(['ods:write']))
        .set('Content-Type', 'application/x-ndjson')
        .send(JSON.stringify(snapshot) + '\n');
      expect(res.body).toMatchObject({ loaded: 1 });
    });

    afterAll(async () => {
      await receiver.close();
    });

    it("reads the bank's own CASA accounts, term deposits and payroll credits of a CIF through customer-summary's ODS port", async () => {
      const userId = await newUser();
      const first = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA', cif })
        .expect(201);
      expect(first.body).toEqual({ dataSourceId: expect.any(String), accounts: 3, transactions: 2 });
      const again = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA', cif })
        .expect(201);
      expect(again.body).toEqual({ dataSourceId: first.body.dataSourceId, accounts: 3, transactions: 0 });

      const jobId = await synchronize(userId, jobCallbackUrl(receiver));
      const job = await finishedJob(jobId);
      const report = await t.http
        .get(`${BASE}/cases/${job.caseId}/reports/income`)
        .set('Authorization', read)
        .expect(200);
      // Current 15,000,000 + savings 85,000,000 + the 500,000,000 term deposit.
      expect(report.body.totalBalance).toBe('600000000.00');
      expect(report.body.moneyHeld).toEqual({
        baseCurrency: 'VND',
        byCurrency: [
          {
            currency: 'VND',
            balance: '600000000.00',
            rate: '1',
            rateDate: null,
            inBaseCurrency: '600000000.00',
          },
        ],
        totalInBaseCurrency: '600000000.00',
        missingRates: [],
      });
      expect(
        report.body.incomeTransactions.map((i: { category: string; matchedRule: string; amount: string }) => [
          i.category,
          i.matchedRule,
          i.amount,
        ]),
      ).toEqual([
        ['SALARY', 'KEYWORD:PAYROLL', '25000000.00'],
        ['SALARY', 'KEYWORD:PAYROLL', '25000000.00'],
      ]);
      expect(report.body.aggregations).toMatchObject({
        totalIncome: '50000000.00',
        monthsObserved: 2,
        averageMonthlyIncome: '25000000.00',
        monthsWithIncome: 2,
      });
    });

    it('reads the CIF from the ODS again when synchronizing: new balances and payroll credits count', async () => {
      const ods = await t.bearer(['ods:write']);
      const load = async (body: object) => {
        const res = await t.http
          .post('/api/v1/ods/customers:bulk')
          .set('Authorization', ods)
          .set('Content-Type', 'application/x-ndjson')
          .send(JSON.stringify(body) + '\n');
        expect(res.body).toMatchObject({ loaded: 1 });
      };
      const refreshCif = uniqueCif();
      const before = {
        ...snapshot,
        cif: refreshCif,
        legalIds: [
          { type: 'CCCD', number: uniqueDigits(12, '079188'), issueDate: '2021-04-01', issuePlace: 'HCM' },
        ],
        mobileNumbers: [uniqueMobile()],
        deposits: snapshot.deposits.slice(0, 1).map((d) => ({ ...d, accountNumber: '1010009002' })),
        payroll: snapshot.payroll.slice(0, 1).map((p) => ({ ...p, accountNumber: '1010009002' })),
      };
      await load(before);
      const userId = await newUser();
      const registered = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA', cif: refreshCif })
        .expect(201);
      expect(registered.body).toMatchObject({ accounts: 1, transactions: 1 });

      // The ODS moves on after the registration: a new balance and October's salary.
      await load({
        ...before,
        deposits: before.deposits.map((d) => ({
          ...d,
          balance: '17500000.00',
          availableBalance: '17500000.00',
        })),
        payroll: snapshot.payroll.map((p) => ({ ...p, accountNumber: '1010009002' })),
      });
      const job = await finishedJob(await synchronize(userId, jobCallbackUrl(receiver)));
      expect(job.status).toBe('SUCCESSFUL');
      const report = await t.http
        .get(`${BASE}/cases/${job.caseId}/reports/income`)
        .set('Authorization', read)
        .expect(200);
      expect(report.body.totalBalance).toBe('17500000.00');
      expect(report.body.incomeTransactions.map((i: { bookingDate: string }) => i.bookingDate)).toEqual([
        '2026-09-25',
        '2026-10-25',
      ]);
      expect(report.body.aggregations).toMatchObject({ totalIncome: '50000000.00', monthsWithIncome: 2 });
      const kase = await t.http.get(`${BASE}/cases/${job.caseId}`).set('Authorization', read).expect(200);
      expect(kase.body.dataSourceIds).toEqual([registered.body.dataSourceId]);
    });

    it('404 CIF_NOT_FOUND for a CIF the ODS does not know, 400 without a CIF', async () => {
      const userId = await newUser();
      const res = await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA', cif: uniqueCif() })
        .expect(404);
      expect(res.body.code).toBe('CIF_NOT_FOUND');
      await t.http
        .post(`${BASE}/users/${userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA' })
        .expect(400);
    });
  });

  describeWithCallbacks('synchronize, callback, case and income report', () => {
    let receiver: CallbackReceiver;

    afterEach(async () => {
      await receiver?.close();
    });

    localIt(
      'builds the case and report, retries a 500 with the same webhook-id, and signs every attempt',
      async () => {
        receiver = await CallbackReceiver.start([500, 204]);
        const userId = await newUser();
        const imported = await t.http
          .post(`${BASE}/users/${userId}/data-sources`)
          .set('Authorization', write)
          .send(salariedImport())
          .expect(201);
        const jobId = await synchronize(userId, receiver.url);

        await receiver.waitFor(2);
        const [first, second] = receiver.received;
        expect(first.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
        expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
        expect(second.body).toBe(first.body);
        for (const r of receiver.received) {
          expect(() => verifyWebhook(KEY, r.headers as Record<string, string>, r.body)).not.toThrow();
          expect(r.headers['content-type']).toBe('application/json');
        }
        expect(() =>
          verifyWebhook(
            parseWebhookSecret(`whsec_${Buffer.alloc(32, 1).toString('base64')}`),
            first.headers as Record<string, string>,
            first.body,
          ),
        ).toThrow();
        expect(second.at - first.at).toBeGreaterThanOrEqual(100); // backoff: at least half of the 200 ms base

        const payload = JSON.parse(first.body);
        expect(payload).toEqual({
          type: 'SYNCHRONIZATION_COMPLETED',
          jobId,
          userId,
          caseId: expect.any(String),
          reportId: expect.any(String),
          status: 'SUCCESSFUL',
        });

        const job = await finishedJob(jobId);
        expect(job).toEqual({ status: 'SUCCESSFUL', caseId: payload.caseId, reportId: payload.reportId });

        const kase = await t.http
          .get(`${BASE}/cases/${payload.caseId}`)
          .set('Authorization', read)
          .expect(200);
        expect(kase.body).toEqual({
          id: payload.caseId,
          userId,
          dataSourceIds: [imported.body.dataSourceId],
          reports: [
            { id: payload.reportId, type: 'INCOME' },
            { id: expect.any(String), type: 'CASH_FLOW' },
          ],
          createdAt: expect.any(String),
        });

        const report = await t.http
          .get(`${BASE}/cases/${payload.caseId}/reports/income`)
          .set('Authorization', read)
          .expect(200);
        expect(report.body).toEqual({
          id: payload.reportId,
          caseId: payload.caseId,
          currency: 'VND',
          period: { from: '2026-07-25', to: '2026-10-03' },
          incomeTransactions: [
            {
              transactionId: 'T1',
              bookingDate: '2026-07-25',
              amount: '25000000.00',
              currency: 'VND',
              purpose: 'Lương tháng 7/2026',
              counterpartName: 'CONG TY ABC',
              category: 'SALARY',
              matchedRule: 'KEYWORD:LUONG',
            },
            {
              transactionId: 'T4',
              bookingDate: '2026-08-05',
              amount: '8000000.00',
              currency: 'VND',
              purpose: 'Tiền thuê nhà T8',
              counterpartName: 'Tran Van B',
              category: 'RENTAL',
              matchedRule: 'KEYWORD:THUE NHA',
            },
            {
              transactionId: 'T2',
              bookingDate: '2026-08-25',
              amount: '25000000.00',
              currency: 'VND',
              purpose: 'LUONG THANG 8 2026',
              counterpartName: 'CONG TY ABC',
              category: 'SALARY',
              matchedRule: 'KEYWORD:LUONG',
            },
            {
              transactionId: 'T3',
              bookingDate: '2026-09-25',
              amount: '26000000.00',
              currency: 'VND',
              purpose: 'LUONG T9',
              counterpartName: 'CONG TY ABC',
              category: 'SALARY',
              matchedRule: 'KEYWORD:LUONG',
            },
          ],
          aggregations: {
            totalIncome: '84000000.00',
            monthsObserved: 4,
            averageMonthlyIncome: '21000000.00',
            byMonth: [
              { month: '2026-07', total: '25000000.00' },
              { month: '2026-08', total: '33000000.00' },
              { month: '2026-09', total: '26000000.00' },
              { month: '2026-10', total: '0.00' },
            ],
            byCategory: [
              { category: 'SALARY', total: '76000000.00', count: 3 },
              { category: 'RENTAL', total: '8000000.00', count: 1 },
            ],
            monthsWithIncome: 3,
            mainIncomeSource: { counterpartName: 'CONG TY ABC', category: 'SALARY' },
          },
          incomeByCurrency: [
            {
              currency: 'VND',
              aggregations: {
                totalIncome: '84000000.00',
                monthsObserved: 4,
                averageMonthlyIncome: '21000000.00',
                byMonth: [
                  { month: '2026-07', total: '25000000.00' },
                  { month: '2026-08', total: '33000000.00' },
                  { month: '2026-09', total: '26000000.00' },
                  { month: '2026-10', total: '0.00' },
                ],
                byCategory: [
                  { category: 'SALARY', total: '76000000.00', count: 3 },
                  { category: 'RENTAL', total: '8000000.00', count: 1 },
                ],
                monthsWithIncome: 3,
                mainIncomeSource: { counterpartName: 'CONG TY ABC', category: 'SALARY' },
              },
            },
          ],
          totalBalance: '150000000.00',
          moneyHeld: {
            baseCurrency: 'VND',
            byCurrency: [
              {
                currency: 'VND',
                balance: '150000000.00',
                rate: '1',
                rateDate: null,
                inBaseCurrency: '150000000.00',
              },
            ],
            totalInBaseCurrency: '150000000.00',
            missingRates: [],
          },
        });

        const delivery = await eventually(async () => {
          const res = await t.http
            .get(`${BASE}/webhook-deliveries/${first.headers['webhook-id']}`)
            .set('Authorization', read)
            .expect(200);
          return res.body.status === 'DELIVERED' ? res.body : null;
        });
        expect(delivery).toMatchObject({
          jobId,
          attempts: 2,
          lastStatusCode: 204,
          eventType: 'SYNCHRONIZATION_COMPLETED',
        });
        expect(
          delivery.log.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode]),
        ).toEqual([
          [1, 500],
          [2, 204],
        ]);
      },
    );

    localIt(
      'gives up on a receiver that never answers in time, and lists the delivery as FAILED',
      async () => {
        receiver = await CallbackReceiver.start(['hang']);
        const userId = await newUser();
        await t.http
          .post(`${BASE}/users/${userId}/data-sources`)
          .set('Authorization', write)
          .send(salariedImport())
          .expect(201);
        const jobId = await synchronize(userId, receiver.url);
        await receiver.waitFor(3);

        const failed = await eventually(async () => {
          const res = await t.http
            .get(`${BASE}/webhook-deliveries?status=FAILED`)
            .set('Authorization', read)
            .expect(200);
          return res.body.items.find((d: { jobId: string }) => d.jobId === jobId);
        });
        expect(failed).toMatchObject({
          status: 'FAILED',
          attempts: 3,
          lastStatusCode: null,
          lastError: 'timeout after 1000 ms',
          completedAt: expect.any(String),
        });
        expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
        await new Promise((r) => setTimeout(r, 1500));
        expect(receiver.received).toHaveLength(3); // no 4th attempt

        const delivered = await t.http
          .get(`${BASE}/webhook-deliveries?status=DELIVERED`)
          .set('Authorization', read)
          .expect(200);
        expect(delivered.body.items.some((d: { jobId: string }) => d.jobId === jobId)).toBe(false);
        await t.http.get(`${BASE}/webhook-deliveries?status=LOST`).set('Authorization', read).expect(400);
      },
    );

    it('replays a synchronize retried with the same Idempotency-Key', async () => {
      receiver = await CallbackReceiver.start([200]);
      const userId = await newUser();
      const key = randomUUID();
      const callbackUrl = jobCallbackUrl(receiver);
      const send = () =>
        t.http
          .post(`${BASE}/users/${userId}/synchronize`)
          .set('Authorization', write)
          .set('Idempotency-Key', key)
          .send({ callbackUrl });
      const a = await send().expect(202);
      const b = await send().expect(202);
      expect(b.body.jobId).toBe(a.body.jobId);
      const other = await t.http
        .post(`${BASE}/users/${userId}/synchronize`)
        .set('Authorization', write)
        .set('Idempotency-Key', key)
        .send({ callbackUrl: `${callbackUrl}?other` })
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const job = await finishedJob(a.body.jobId);
      expect(job.status).toBe('SUCCESSFUL');
    });

    it('refuses a callback URL that is not http(s) even in development, and answers 404 for unknown ids', async () => {
      const userId = await newUser();
      const res = await t.http
        .post(`${BASE}/users/${userId}/synchronize`)
        .set('Authorization', write)
        .send({ callbackUrl: 'ftp://127.0.0.1/x' })
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'CALLBACK_URL_NOT_ALLOWED',
        details: [{ field: 'callbackUrl', reason: 'scheme must be https' }],
      });
      // A public https address: accepted by the URL policy whatever WEBHOOK_ALLOW_PRIVATE says, so the user decides.
      const unknownUser = await t.http
        .post(`${BASE}/users/${randomUUID()}/synchronize`)
        .set('Authorization', write)
        .send({ callbackUrl: 'https://93.184.216.34/x' });
      expect({ status: unknownUser.status, code: unknownUser.body.code }).toEqual({
        status: 404,
        code: 'USER_NOT_FOUND',
      });
      expect(
        (await t.http.get(`${BASE}/jobs/${randomUUID()}`).set('Authorization', read).expect(404)).body.code,
      ).toBe('JOB_NOT_FOUND');
      expect(
        (await t.http.get(`${BASE}/cases/${randomUUID()}`).set('Authorization', read).expect(404)).body.code,
      ).toBe('CASE_NOT_FOUND');
      expect(
        (
          await t.http
            .get(`${BASE}/cases/${randomUUID()}/reports/income`)
            .set('Authorization', read)
            .expect(404)
        ).body.code,
      ).toBe('CASE_NOT_FOUND');
      await t.http.get(`${BASE}/cases/nope`).set('Authorization', read).expect(400);
      await t.http.get(`${BASE}/jobs/${randomUUID()}`).set('Authorization', write).expect(403);
    });
  });
});
