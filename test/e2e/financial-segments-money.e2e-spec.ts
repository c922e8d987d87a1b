import { randomUUID } from 'node:crypto';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { tx } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

/** The FX table is shared by every user of a hub: these tests set rates, so they run locally only. */
const describeLocal = remote ? describe.skip : describe;

describeLocal('financial segments: money held in full (e2e)', () => {
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

  const putRates = (rates: object[]) =>
    t.http.put(`${BASE}/fx-rates`).set('Authorization', write).send({ rates });

  it('keeps dated rates: the latest on or before a day is in force, a later PUT replaces a day', async () => {
    const put = await putRates([
      { currency: 'USD', date: '2026-01-01', rate: '24000' },
      { currency: 'USD', date: '2026-06-01', rate: '25999.99' },
      { currency: 'USD', date: '2099-01-01', rate: '99999' },
      { currency: 'EUR', date: '2026-06-01', rate: '27500.123456789' },
    ]).expect(200);
    expect(put.body).toEqual({ baseCurrency: 'VND', rates: 4 });
    await putRates([{ currency: 'USD', date: '2026-06-01', rate: '25000' }]).expect(200);

    const march = await t.http.get(`${BASE}/fx-rates?date=2026-03-01`).set('Authorization', read).expect(200);
    expect(march.body).toEqual({
      baseCurrency: 'VND',
      date: '2026-03-01',
      rates: [{ currency: 'USD', date: '2026-01-01', rate: '24000' }],
    });
    const today = await t.http.get(`${BASE}/fx-rates`).set('Authorization', read).expect(200);
    expect(today.body.rates).toEqual([
      { currency: 'EUR', date: '2026-06-01', rate: '27500.123456789' },
      { currency: 'USD', date: '2026-06-01', rate: '25000' },
    ]);
  });

  it('refuses bad rates with one clear 400 and stores none of the list', async () => {
    const bad = await putRates([
      { currency: 'GBP', date: '2026-06-01', rate: '33000' },
      { currency: 'usd', date: '2026-02-30', rate: '0' },
      { currency: 'JPY', date: '2026-06-01', rate: '-1' },
      { currency: 'CHF', date: '2026-06-01', rate: '1.12345678901' },
    ]).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['rates.1.currency', 'rates.1.date', 'rates.1.rate', 'rates.2.rate', 'rates.3.rate'].sort(),
    );
    const base = await putRates([
      { currency: 'GBP', date: '2026-06-01', rate: '33000' },
      { currency: 'VND', date: '2026-06-01', rate: '1' },
      { currency: 'GBP', date: '2026-06-01', rate: '33001' },
    ]).expect(400);
    expect(base.body.details.map((d: { field: string }) => d.field)).toEqual(['rates.1.currency', 'rates.2']);
    await putRates([]).expect(400);
    await t.http.put(`${BASE}/fx-rates`).set('Authorization', write).send({}).expect(400);
    await t.http.put(`${BASE}/fx-rates`).set('Authorization', read).send({ rates: [] }).expect(403);
    const stored = await t.http.get(`${BASE}/fx-rates`).set('Authorization', read).expect(200);
    expect(stored.body.rates.map((r: { currency: string }) => r.currency)).not.toContain('GBP');
  });

  it('counts term deposits and other currencies in totalBalance, names a currency without a rate, reports income per currency, and segments see it', async () => {
    await putRates([{ currency: 'USD', date: '2026-06-01', rate: '25000' }]).expect(200);
    const { body: process } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: `money-${randomUUID()}` })
      .expect(201);
    const salary = (m: string) =>
      tx({
        id: `S${m}`,
        bookingDate: `2026-${m}-25`,
        amount: '20000000.00',
        purpose: 'LUONG',
        counterpartName: 'ACME',
      });
    const dividend = (m: string) =>
      tx({
        id: `D${m}`,
        bookingDate: `2026-${m}-05`,
        amount: '300.00',
        currency: 'USD',
        purpose: 'INTEREST',
        counterpartName: 'US BANK',
      });
    await t.http
      .post(`${BASE}/users/${process.userId}/data-sources`)
      .set('Authorization', write)
      .send({
        type: 'IMPORT',
        bankName: 'Multi Bank',
        accounts: [
          {
            accountNumber: 'VND-1',
            type: 'CHECKING',
            currency: 'VND',
            balance: '10000000.00',
            transactions: ['07', '08', '09'].map(salary),
          },
          {
            accountNumber: 'VND-TD',
            type: 'TERM_DEPOSIT',
            currency: 'VND',
            balance: '100000000.00',
            transactions: [],
          },
          {
            accountNumber: 'USD-1',
            type: 'SAVINGS',
            currency: 'USD',
            balance: '1000.50',
            transactions: ['07', '08'].map(dividend),
          },
          {
            accountNumber: 'JPY-1',
            type: 'CHECKING',
            currency: 'JPY',
            balance: '50000.00',
            transactions: [],
          },
          {
            accountNumber: 'CARD',
            type: 'CREDIT_CARD',
            currency: 'VND',
            balance: '-9000000.00',
            transactions: [],
          },
        ],
      })
      .expect(201);
    const { body: segment } = await t.http
      .post(`${BASE}/segments`)
      .set('Authorization', write)
      .send({
        name: `Money ${randomUUID()}`,
        currency: 'VND',
        criteria: { minTotalBalance: '135012500.00' },
        offers: [{ code: 'WEALTH', name: 'Wealth', kind: 'INVESTMENT' }],
      })
      .expect(201);
    const { body: sync } = await t.http
      .post(`${BASE}/users/${process.userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl: receiver.url })
      .expect(202);
    const job = await eventually(async () => {
      const res = await t.http.get(`${BASE}/jobs/${sync.jobId}`).set('Authorization', read).expect(200);
      return res.body.status === 'SUCCESSFUL' ? res.body : null;
    });
    const { body: report } = await t.http
      .get(`${BASE}/cases/${job.caseId}/reports/income`)
      .set('Authorization', read)
      .expect(200);
    // 10,000,000 + 100,000,000 (term deposit) + 1,000.50 USD * 25,000; JPY has no rate.
    expect(report.totalBalance).toBe('135012500.00');
    expect(report.moneyHeld).toEqual({
      baseCurrency: 'VND',
      byCurrency: [
        { currency: 'JPY', balance: '50000.00', rate: null, rateDate: null, inBaseCurrency: null },
        {
          currency: 'USD',
          balance: '1000.50',
          rate: '25000',
          rateDate: '2026-06-01',
          inBaseCurrency: '25012500.00',
        },
        {
          currency: 'VND',
          balance: '110000000.00',
          rate: '1',
          rateDate: null,
          inBaseCurrency: '110000000.00',
        },
      ],
      totalInBaseCurrency: '135012500.00',
      missingRates: ['JPY'],
    });
    expect(report.currency).toBe('VND');
    expect(report.aggregations.totalIncome).toBe('60000000.00');
    expect(
      report.incomeByCurrency.map((c: { currency: string; aggregations: { totalIncome: string } }) => [
        c.currency,
        c.aggregations.totalIncome,
      ]),
    ).toEqual([
      ['USD', '600.00'],
      ['VND', '60000000.00'],
    ]);
    expect(report.incomeTransactions.filter((i: { currency: string }) => i.currency === 'USD')).toHaveLength(
      2,
    );

    // The converted total is what segments compare: exactly at the floor, the user is a member.
    const offers = await t.http.get(`${BASE}/users/${process.userId}/offers`).set('Authorization', read);
    expect(offers.body.items.map((o: { segmentId: string }) => o.segmentId)).toContain(segment.id);
  });
});
