import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import {
  CallbackReceiver,
  eventually,
  describeWithCallbacks,
  jobCallbackUrl,
} from '../fixtures/financial-segments/callback-receiver';
import { tx } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

const MONTHS = ['07', '08', '09'];

/** A salaried user paying rent, electricity, an insurance premium and a loan instalment. */
function saverTransactions() {
  return MONTHS.flatMap((m) => [
    tx({
      id: `S${m}`,
      bookingDate: `2026-${m}-01`,
      amount: '30000000.00',
      purpose: `Lương tháng ${m}`,
      counterpartName: 'ACME',
    }),
    tx({
      id: `R${m}`,
      bookingDate: `2026-${m}-03`,
      amount: '-8000000.00',
      purpose: `Tiền nhà T${m}`,
      counterpartName: 'Chu nha',
    }),
    tx({
      id: `E${m}`,
      bookingDate: `2026-${m}-10`,
      amount: '-1000000.00',
      purpose: 'Thanh toan hoa don',
      counterpartName: 'EVN HCMC',
    }),
    tx({
      id: `I${m}`,
      bookingDate: `2026-${m}-15`,
      amount: '-500000.00',
      purpose: 'Phí bảo hiểm nhân thọ',
      counterpartName: 'BHNT ABC',
    }),
    tx({
      id: `L${m}`,
      bookingDate: `2026-${m}-20`,
      amount: '-3000000.00',
      purpose: 'Trả góp khoản vay',
      counterpartName: 'FE CREDIT',
    }),
    tx({
      id: `G${m}`,
      bookingDate: `2026-${m}-22`,
      amount: '-2000000.00',
      purpose: 'Đi siêu thị',
      counterpartName: 'WINMART',
    }),
    tx({
      id: `T${m}`,
      bookingDate: `2026-${m}-25`,
      amount: '-5000000.00',
      purpose: 'chuyen tiet kiem',
      counterpartName: 'Me',
      counterpartAccount: 'SAV-1',
    }),
  ]);
}

/** A user who gambles and runs the current account below zero for a few days. */
function gamblerTransactions() {
  return [
    tx({
      id: 'S07',
      bookingDate: '2026-07-01',
      amount: '10000000.00',
      purpose: 'LUONG',
      counterpartName: 'ACME',
    }),
    tx({
      id: 'B07',
      bookingDate: '2026-07-05',
      amount: '-12000000.00',
      purpose: 'nap tien ca cuoc',
      counterpartName: 'BET 88',
    }),
    tx({
      id: 'S08',
      bookingDate: '2026-07-10',
      amount: '10000000.00',
      purpose: 'LUONG',
      counterpartName: 'ACME',
    }),
    tx({
      id: 'X08',
      bookingDate: '2026-07-12',
      amount: '-1000000.00',
      purpose: 'Rút tiền ATM',
      counterpartName: 'ATM 01',
    }),
  ];
}

describeWithCallbacks('financial segments: cash-flow report (e2e)', () => {
  let t: TestApp;
  let write: string;
  let read: string;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    t = await createTestApp({ env: { SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5' } });
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
    receiver = await CallbackReceiver.start([204]);
  });

  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function userWith(
    checking: { balance: string; transactions: object[] },
    savingsBalance = '0.00',
  ): Promise<{ userId: string; caseId: string }> {
    const { body: process } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: `cf-${randomUUID()}` })
      .expect(201);
    await t.http
      .post(`${BASE}/users/${process.userId}/data-sources`)
      .set('Authorization', write)
      .send({
        type: 'IMPORT',
        bankName: 'CF Bank',
        accounts: [
          { accountNumber: 'CUR-1', type: 'CHECKING', currency: 'VND', ...checking },
          {
            accountNumber: 'SAV-1',
            type: 'SAVINGS',
            currency: 'VND',
            balance: savingsBalance,
            transactions: [],
          },
        ],
      })
      .expect(201);
    const { body: sync } = await t.http
      .post(`${BASE}/users/${process.userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl: jobCallbackUrl(receiver) })
      .expect(202);
    const job = await eventually(async () => {
      const res = await t.http.get(`${BASE}/jobs/${sync.jobId}`).set('Authorization', read).expect(200);
      return res.body.status === 'SUCCESSFUL' ? res.body : null;
    });
    return { userId: process.userId, caseId: job.caseId };
  }

  it('classifies outflows with Vietnamese-aware rules and gives the monthly flows and affordability', async () => {
    const saver = await userWith(
      { balance: '40000000.00', transactions: saverTransactions() },
      '15000000.00',
    );
    const kase = await t.http.get(`${BASE}/cases/${saver.caseId}`).set('Authorization', read).expect(200);
    expect(kase.body.reports.map((r: { type: string }) => r.type)).toEqual(['INCOME', 'CASH_FLOW']);

    const { body: report } = await t.http
      .get(`${BASE}/cases/${saver.caseId}/reports/cash-flow`)
      .set('Authorization', read)
      .expect(200);
    expect(report).toMatchObject({
      caseId: saver.caseId,
      currency: 'VND',
      period: { from: '2026-07-01', to: '2026-09-25' },
      monthsObserved: 3,
      totalInflow: '90000000.00',
      totalOutflow: '43500000.00',
      averageMonthlyInflow: '30000000.00',
      averageMonthlyOutflow: '14500000.00',
      averageMonthlyNet: '15500000.00',
      // Fixed: rent 8,000,000 + electricity 1,000,000 + insurance 500,000 + loan 3,000,000 a month.
      averageMonthlyFixedOutflow: '12500000.00',
      affordability: '17500000.00',
      gamblingShare: '0.0000',
      daysBelowZero: 0,
    });
    expect(report.byMonth).toEqual(
      MONTHS.map((m) => ({
        month: `2026-${m}`,
        inflow: '30000000.00',
        outflow: '14500000.00',
        net: '15500000.00',
      })),
    );
    expect(report.byCategory).toEqual([
      { category: 'HOUSING', total: '24000000.00', count: 3 },
      { category: 'UTILITIES', total: '3000000.00', count: 3 },
      { category: 'GROCERIES', total: '6000000.00', count: 3 },
      { category: 'LOAN_REPAYMENT', total: '9000000.00', count: 3 },
      { category: 'INSURANCE', total: '1500000.00', count: 3 },
    ]);
    const july = report.outflowTransactions.filter((o: { bookingDate: string }) =>
      o.bookingDate.startsWith('2026-07'),
    );
    expect(
      july.map((o: { transactionId: string; amount: string; category: string; matchedRule: string }) => [
        o.transactionId,
        o.amount,
        o.category,
        o.matchedRule,
      ]),
    ).toEqual([
      ['R07', '8000000.00', 'HOUSING', 'KEYWORD:TIEN NHA'],
      ['E07', '1000000.00', 'UTILITIES', 'COUNTERPART:EVN'],
      ['I07', '500000.00', 'INSURANCE', 'KEYWORD:BAO HIEM'],
      ['L07', '3000000.00', 'LOAN_REPAYMENT', 'KEYWORD:TRA GOP'],
      ['G07', '2000000.00', 'GROCERIES', 'KEYWORD:SIEU THI'],
    ]);
    // The transfer to the own savings account is neither an outflow nor a move of money held.
    expect(report.outflowTransactions.map((o: { transactionId: string }) => o.transactionId)).not.toContain(
      'T07',
    );
    // 55,000,000 today (current + savings); walking back, each month nets +15,500,000 and the
    // transfers to savings move nothing: the lowest end of day is 07-22..07-31, 24,000,000.
    expect(report.lowestBalance).toBe('24000000.00');
  });

  it('counts gambling and days below zero, and segments select on cash-flow criteria', async () => {
    const gambler = await userWith({ balance: '7000000.00', transactions: gamblerTransactions() });
    const saver = await userWith(
      { balance: '40000000.00', transactions: saverTransactions() },
      '15000000.00',
    );
    const { body: report } = await t.http
      .get(`${BASE}/cases/${gambler.caseId}/reports/cash-flow`)
      .set('Authorization', read)
      .expect(200);
    // End of day: 07-12 7,000,000; 07-10..07-11 8,000,000; 07-05..07-09 -2,000,000; 07-01..07-04 10,000,000.
    expect(report).toMatchObject({ lowestBalance: '-2000000.00', daysBelowZero: 5, gamblingShare: '0.9231' });
    expect(report.byCategory).toEqual([
      { category: 'CASH_WITHDRAWAL', total: '1000000.00', count: 1 },
      { category: 'GAMBLING', total: '12000000.00', count: 1 },
    ]);

    const members = async (criteria: object): Promise<string[]> => {
      const { body: segment } = await t.http
        .post(`${BASE}/segments`)
        .set('Authorization', write)
        .send({ name: `CF ${randomUUID()}`, currency: 'VND', criteria, offers: [] })
        .expect(201);
      // Shares come back with 4 decimals, as stored.
      if ('maxGamblingShare' in criteria) expect(segment.criteria.maxGamblingShare).toMatch(/^0\.\d{4}$/);
      await t.http.post(`${BASE}/segments/${segment.id}/evaluate`).set('Authorization', write).expect(200);
      const res = await t.http
        .get(`${BASE}/segments/${segment.id}/members?pageSize=500`)
        .set('Authorization', read)
        .expect(200);
      return res.body.items
        .map((m: { userId: string }) => m.userId)
        .filter((id: string) => id === gambler.userId || id === saver.userId);
    };
    // The gambler nets 7,000,000 in one month; the saver 15,500,000 a month.
    expect(await members({ minNetMonthlyCashFlow: '15500000.00' })).toEqual([saver.userId]);
    expect((await members({ minNetMonthlyCashFlow: '7000000.00' })).sort()).toEqual(
      [gambler.userId, saver.userId].sort(),
    );
    expect(await members({ maxGamblingShare: '0.9230' })).toEqual([saver.userId]);
    expect((await members({ maxGamblingShare: '0.9231' })).sort()).toEqual(
      [gambler.userId, saver.userId].sort(),
    );
    expect(await members({ hadNegativeBalance: true })).toEqual([gambler.userId]);
    expect(await members({ hadNegativeBalance: false })).toEqual([saver.userId]);
  });

  it('refuses bad criteria and ids cleanly, 404 for an unknown case', async () => {
    for (const criteria of [
      { maxGamblingShare: '1.5' },
      { maxGamblingShare: '0.12345' },
      { minNetMonthlyCashFlow: 'abc' },
      { hadNegativeBalance: 'yes' },
    ]) {
      const res = await t.http
        .post(`${BASE}/segments`)
        .set('Authorization', write)
        .send({ name: 'bad', currency: 'VND', criteria, offers: [] })
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: `criteria.${Object.keys(criteria)[0]}` })],
      });
    }
    const missing = await t.http
      .get(`${BASE}/cases/${randomUUID()}/reports/cash-flow`)
      .set('Authorization', read)
      .expect(404);
    expect(missing.body.code).toBe('CASE_NOT_FOUND');
    await t.http.get(`${BASE}/cases/nope/reports/cash-flow`).set('Authorization', read).expect(400);
    await t.http.get(`${BASE}/cases/${randomUUID()}/reports/cash-flow`).expect(401);
  });
});
