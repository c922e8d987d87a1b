import { ODS_DEMO_SHOWCASE as SHOWCASE } from '@hub/customer-summary';
import { createTestApp, remote, type TestApp } from '../support/test-app';

/**
 * The demo data `npm start` loads on an empty embedded database, and the three lookups the
 * module README tells a newcomer to paste into Swagger. Locally the suite starts the hub with
 * DEMO_DATA=on on an empty database. It tests the local app's demo loading, so it runs only
 * locally: against a deployed hub the suites create their own data and need no demo data.
 */
(remote ? describe.skip : describe)('customer summary demo data (e2e, local app)', () => {
  let t: TestApp;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA: 'on', ODS_DEMO_CUSTOMERS: '200' } });
    bearer = await t.bearer(['customer-summary:read']);
  });

  afterAll(async () => {
    await t.close();
  });

  const lookup = (body: object) =>
    t.http.post('/api/v1/customer-summary').set('Authorization', bearer).send(body);

  it('loads the demo customers once, on an empty database only', async () => {
    const db = t.dataSource!;
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ods_customers');
    expect(n).toBe(200);
    // A second hub on the same, now filled, database loads nothing more.
    const again = await createTestApp({
      databaseUrl: t.databaseUrl!,
      env: { DEMO_DATA: 'on', ODS_DEMO_CUSTOMERS: '300' },
    });
    await again.close();
    const [{ m }] = await db.query('SELECT count(*)::int AS m FROM ods_customers');
    expect(m).toBe(200);
  });

  it('README lookup 1 (hit): the legal ID of the showcase customer', async () => {
    const res = await lookup({ legalId: SHOWCASE.hit.legalId }).expect(200);
    expect(res.body.total).toBe(1);
    const s = res.body.data[0];
    expect(s.cif).toBe(SHOWCASE.hit.cif);
    const l = s.lendingInfo;
    for (const group of ['creditCards', 'securedLoans', 'unsecuredLoans', 'revolvingLoans', 'overdrafts'])
      expect(l[group].length).toBeGreaterThan(0);
    expect(l.totals.map((x: { currency: string }) => x.currency)).toEqual(['USD', 'VND']);
    expect(l.worstDebtGroup).toBe(5);
    const all = ['creditCards', 'securedLoans', 'unsecuredLoans', 'revolvingLoans', 'overdrafts'].flatMap(
      (group) => l[group],
    );
    // A facility still owed in each debt group: group 1 current, groups 2 to 5 overdue.
    const owed = all.filter((f: { status: string }) => f.status !== 'CLOSED');
    expect(
      [...new Set(owed.map((f: { overdue: { debtGroup: number } }) => f.overdue.debtGroup))].sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    for (const f of owed) expect(f.overdue.daysPastDue > 0).toBe(f.overdue.debtGroup > 1);
    expect(s.nonLendingInfo.fixedDeposits.length).toBeGreaterThan(0);
    expect(s.nonLendingInfo.casa.length).toBeGreaterThan(0);
    expect(s.nonLendingInfo.payroll).not.toBeNull();
  });

  it('README lookup 1b (hit by mobile, in the +84 form)', async () => {
    const res = await lookup({ mobileNumber: `+84${SHOWCASE.hit.mobileNumber.slice(1)}` }).expect(200);
    expect(res.body.data[0].cif).toBe(SHOWCASE.hit.cif);
  });

  it('README lookup 2 (miss): identifiers nobody holds', async () => {
    expect((await lookup({ legalId: SHOWCASE.miss.legalId }).expect(200)).body).toEqual({
      total: 0,
      data: [],
      warnings: [],
    });
    expect((await lookup({ mobileNumber: SHOWCASE.miss.mobileNumber }).expect(200)).body).toEqual({
      total: 0,
      data: [],
      warnings: [],
    });
  });

  it('README lookup 4 (warnings): the demo data is fresh; a CIF sharing its mobile carries the flag', async () => {
    const hit = (await lookup({ legalId: SHOWCASE.hit.legalId }).expect(200)).body;
    expect(hit.warnings).toEqual([]);
    expect(hit.data[0].dataAsOf.extractedAtSource).toBe('ODS');
    const shared = (await lookup({ legalId: SHOWCASE.sharedMobile.legalIdOfFirst }).expect(200)).body;
    expect(shared.data[0].dataQualityFlags).toEqual(['SHARED_MOBILE_NUMBER']);
    expect(shared.warnings).toEqual([
      {
        code: 'SHARED_MOBILE_NUMBER',
        cif: SHOWCASE.sharedMobile.cifs[0],
        message: 'A mobile number of this customer is also held by another open CIF',
      },
    ]);
  });

  it('README lookup 1c (hit by both identifiers)', async () => {
    const res = await lookup({
      legalId: SHOWCASE.hit.legalId,
      mobileNumber: SHOWCASE.hit.mobileNumber,
    }).expect(200);
    expect(res.body.data[0].cif).toBe(SHOWCASE.hit.cif);
  });

  it('README lookup 3 (duplicate): a mobile shared by two CIFs, in en and vi', async () => {
    const res = await lookup({ mobileNumber: SHOWCASE.sharedMobile.mobileNumber }).expect(409);
    expect(res.body).toMatchObject({
      code: 'DUPLICATE_CIF',
      message: 'Customer information matches other customers in the system',
      details: [{ matchedCount: 2 }],
    });
    for (const cif of SHOWCASE.sharedMobile.cifs) expect(JSON.stringify(res.body)).not.toContain(cif);
    const vi = await t.http
      .post('/api/v1/customer-summary')
      .set('Authorization', bearer)
      .set('Accept-Language', 'vi')
      .send({ mobileNumber: SHOWCASE.sharedMobile.mobileNumber })
      .expect(409);
    expect(vi.body.message).toBe('Thông tin bị trùng');
  });

  it('the README literals are the showcase identifiers', () => {
    expect(SHOWCASE.hit).toMatchObject({
      cif: '7700000001',
      legalId: '079090001234',
      mobileNumber: '0912000111',
    });
    expect(SHOWCASE.miss).toEqual({ legalId: '079199999999', mobileNumber: '0909999999' });
    expect(SHOWCASE.sharedMobile).toMatchObject({
      mobileNumber: '0988000222',
      cifs: ['7700000002', '7700000003'],
    });
    expect(SHOWCASE.reopened).toMatchObject({ closedCif: '7700000004', openCif: '7700000005' });
  });

  it('the closed CIF and its reopened successor: one hit (also as the README types it, "b 1234567")', async () => {
    for (const legalId of [SHOWCASE.reopened.legalId, 'b 1234567']) {
      const res = await lookup({ legalId }).expect(200);
      expect(res.body).toMatchObject({ total: 1, data: [{ cif: SHOWCASE.reopened.openCif }] });
    }
  });
});
