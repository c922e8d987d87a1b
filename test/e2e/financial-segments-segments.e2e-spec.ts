import { randomUUID } from 'node:crypto';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import {
  CallbackReceiver,
  eventually,
  describeWithCallbacks,
  jobCallbackUrl,
} from '../fixtures/financial-segments/callback-receiver';
import {
  BASE,
  monthly,
  userWithReport,
  type UserSpec,
} from '../fixtures/financial-segments/segments-helpers';

const Q3 = ['2026-07', '2026-08', '2026-09'];

/**
 * Against a deployed hub (E2E_BASE_URL) other users and segments exist: member lists and offers
 * are compared on this run's users and segments, and exact population counts are checked locally.
 */
const localIt = remote ? it.skip : it;

/** Users on each side of every criterion of segment A, and for the category segments. */
const USERS: Record<string, UserSpec> = {
  atEveryEdge: { name: 'edge', balance: '100000000.00', credits: monthly(Q3, '20000000.00', 'LUONG') },
  atMaxBalance: { name: 'max', balance: '500000000.00', credits: monthly(Q3, '30000000.00', 'LUONG') },
  balanceBelowMin: { name: 'poor', balance: '99999999.99', credits: monthly(Q3, '20000000.00', 'LUONG') },
  balanceAboveMax: { name: 'rich', balance: '500000000.01', credits: monthly(Q3, '20000000.00', 'LUONG') },
  incomeBelowMin: {
    name: 'lowincome',
    balance: '200000000.00',
    credits: [
      ...monthly(['2026-07', '2026-08'], '20000000.00', 'LUONG'),
      ['2026-09-25', '19999999.97', 'LUONG'],
    ],
  },
  tooFewMonths: {
    name: 'twomonths',
    balance: '200000000.00',
    credits: monthly(['2026-07', '2026-08'], '30000000.00', 'LUONG'),
    lastDebitDate: '2026-09-30',
  },
  otherCurrency: {
    name: 'usd',
    currency: 'USD',
    balance: '200000000.00',
    credits: monthly(Q3, '30000000.00', 'SALARY'),
  },
  pensioner: {
    name: 'pension',
    balance: '1000000.00',
    credits: [...monthly(Q3, '5000000.00', 'Lương hưu'), ...monthly(Q3, '50000000.00', 'LUONG')],
  },
  smallPensioner: {
    name: 'smallpension',
    balance: '1000000.00',
    credits: monthly(Q3, '4999999.99', 'LUONG HUU'),
  },
  landlord: {
    name: 'landlord',
    balance: '1000000.00',
    credits: [['2026-08-05', '9000000.00', 'TIEN NHA']],
    lastDebitDate: '2026-09-30',
  },
};

describeWithCallbacks('financial segments: segments and offers (e2e)', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let write: string;
  let read: string;
  const users: Record<string, { userId: string; externalUserId: string }> = {};
  const segments: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5' } });
    receiver = await CallbackReceiver.start([200]);
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
    const created = await Promise.all(
      Object.entries(USERS).map(
        async ([key, spec]) => [key, await userWithReport(t, spec, jobCallbackUrl(receiver))] as const,
      ),
    );
    for (const [key, u] of created) users[key] = u;

    const create = async (body: object) =>
      (await t.http.post(`${BASE}/segments`).set('Authorization', write).send(body).expect(201)).body;
    segments.A = (
      await create({
        name: 'Affluent salaried',
        currency: 'VND',
        criteria: {
          minTotalBalance: '100000000.00',
          maxTotalBalance: '500000000.00',
          minAverageMonthlyIncome: '20000000.00',
          minMonthsWithIncome: 3,
        },
        offers: [
          { code: 'PLATINUM_CARD', name: 'Thẻ Platinum', kind: 'CARD' },
          { code: 'FUND_GROWTH', name: 'Quỹ tăng trưởng', kind: 'INVESTMENT' },
        ],
      })
    ).id;
    segments.B = (
      await create({
        name: 'Pensioners',
        currency: 'VND',
        criteria: { incomeCategories: ['PENSION'], minAverageMonthlyIncome: '5000000.00' },
        offers: [{ code: 'HEALTH_60', name: 'Bảo hiểm sức khỏe 60+', kind: 'INSURANCE' }],
      })
    ).id;
    segments.C = (
      await create({
        name: 'Landlords',
        currency: 'VND',
        criteria: { incomeCategories: ['RENTAL'] },
        offers: [{ code: 'HOME_LOAN', name: 'Vay mua nhà', kind: 'LOAN' }],
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  const memberKeys = async (segmentId: string) => {
    const res = await t.http
      .get(`${BASE}/segments/${segmentId}/members?pageSize=100`)
      .set('Authorization', read)
      .expect(200);
    const byUser = new Map(Object.entries(users).map(([k, u]) => [u.userId, k]));
    return res.body.items
      .map((m: { userId: string }) => byUser.get(m.userId))
      .filter((key: string | undefined) => key !== undefined)
      .sort();
  };

  /** The offers of this run's segments (a deployed hub may hold segments of earlier runs). */
  const ours = <T extends { segmentId: string }>(offers: T[]) =>
    offers.filter((o) => Object.values(segments).includes(o.segmentId));

  /** An evaluation's member count: exact on the test's own database, at least this many on a deployed hub. */
  const expectMembers = (body: { members: number }, n: number) => {
    if (remote) expect(body.members).toBeGreaterThanOrEqual(n);
    else expect(body).toEqual({ members: n });
  };

  it('evaluates balance, income and months criteria, each on both sides of its edge', async () => {
    const res = await t.http
      .post(`${BASE}/segments/${segments.A}/evaluate`)
      .set('Authorization', write)
      .expect(200);
    expectMembers(res.body, 2);
    expect(await memberKeys(segments.A)).toEqual(['atEveryEdge', 'atMaxBalance']);
  });

  it('restricts the income criteria to the segment categories', async () => {
    expectMembers(
      (await t.http.post(`${BASE}/segments/${segments.B}/evaluate`).set('Authorization', write).expect(200))
        .body,
      1,
    );
    expect(await memberKeys(segments.B)).toEqual(['pensioner']);
  });

  it('asks for some income of the categories when they come alone', async () => {
    await t.http.post(`${BASE}/segments/${segments.C}/evaluate`).set('Authorization', write).expect(200);
    expect(await memberKeys(segments.C)).toEqual(['landlord']);
  });

  localIt('pages the members with their figures', async () => {
    await t.http.post(`${BASE}/segments/${segments.A}/evaluate`).set('Authorization', write).expect(200);
    const page1 = await t.http
      .get(`${BASE}/segments/${segments.A}/members?page=1&pageSize=1`)
      .set('Authorization', read)
      .expect(200);
    const page2 = await t.http
      .get(`${BASE}/segments/${segments.A}/members?page=2&pageSize=1`)
      .set('Authorization', read)
      .expect(200);
    expect(page1.body.total).toBe(2);
    expect(page1.body.items).toHaveLength(1);
    expect(page2.body.items).toHaveLength(1);
    expect(page1.body.items[0].userId).not.toBe(page2.body.items[0].userId);
    const edge = [...page1.body.items, ...page2.body.items].find(
      (m: { userId: string }) => m.userId === users.atEveryEdge.userId,
    );
    expect(edge).toEqual({
      userId: users.atEveryEdge.userId,
      externalUserId: users.atEveryEdge.externalUserId,
      totalBalance: '100000000.00',
      averageMonthlyIncome: '20000000.00',
    });
    await t.http
      .get(`${BASE}/segments/${segments.A}/members?pageSize=501`)
      .set('Authorization', read)
      .expect(400);
  });

  it("lists a user's offers from the segments they belong to", async () => {
    const offers = await t.http
      .get(`${BASE}/users/${users.atEveryEdge.userId}/offers`)
      .set('Authorization', read)
      .expect(200);
    expect(ours(offers.body.items)).toEqual([
      {
        segmentId: segments.A,
        segmentName: 'Affluent salaried',
        code: 'PLATINUM_CARD',
        name: 'Thẻ Platinum',
        kind: 'CARD',
      },
      {
        segmentId: segments.A,
        segmentName: 'Affluent salaried',
        code: 'FUND_GROWTH',
        name: 'Quỹ tăng trưởng',
        kind: 'INVESTMENT',
      },
    ]);
    // Paginated as every list is: one offer a page walks the whole list in order, the total on
    // every page, then an empty page.
    const all = offers.body;
    expect(all).toMatchObject({ total: all.items.length, page: 1, pageSize: 50 });
    const pages = await Promise.all(
      Array.from({ length: all.total + 1 }, (_, i) =>
        t.http
          .get(`${BASE}/users/${users.atEveryEdge.userId}/offers`)
          .query({ page: i + 1, pageSize: 1 })
          .set('Authorization', read)
          .expect(200),
      ),
    );
    expect(pages.map((p) => [p.body.total, p.body.page, p.body.pageSize])).toEqual(
      pages.map((_, i) => [all.total, i + 1, 1]),
    );
    expect(pages.flatMap((p) => p.body.items)).toEqual(all.items);
    const pension = await t.http
      .get(`${BASE}/users/${users.pensioner.userId}/offers`)
      .set('Authorization', read)
      .expect(200);
    expect(ours<{ segmentId: string; code: string }>(pension.body.items).map((o) => o.code)).toEqual([
      'HEALTH_60',
    ]);
    expect(
      ours(
        (
          await t.http
            .get(`${BASE}/users/${users.balanceBelowMin.userId}/offers`)
            .set('Authorization', read)
            .expect(200)
        ).body.items,
      ),
    ).toEqual([]);
    expect(
      (await t.http.get(`${BASE}/users/${randomUUID()}/offers`).set('Authorization', read).expect(404)).body
        .code,
    ).toBe('USER_NOT_FOUND');
  });

  it("follows a user's new report without a re-evaluation", async () => {
    const { userId } = users.balanceBelowMin;
    await t.http
      .post(`${BASE}/users/${userId}/data-sources`)
      .set('Authorization', write)
      .send({
        type: 'IMPORT',
        bankName: 'TestBank',
        accounts: [
          {
            accountNumber: '1',
            type: 'CHECKING',
            currency: 'VND',
            balance: '100000000.00',
            transactions: [],
          },
        ],
      })
      .expect(201);
    const { body } = await t.http
      .post(`${BASE}/users/${userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl: jobCallbackUrl(receiver) })
      .expect(202);
    const job = await eventually(async () => {
      const res = await t.http.get(`${BASE}/jobs/${body.jobId}`).set('Authorization', read).expect(200);
      return res.body.status === 'SUCCESSFUL' || res.body.status === 'FAILED' ? res.body : null;
    });
    expect(job.status).toBe('SUCCESSFUL');
    const offers = await t.http.get(`${BASE}/users/${userId}/offers`).set('Authorization', read).expect(200);
    expect(ours<{ segmentId: string; code: string }>(offers.body.items).map((o) => o.code)).toEqual([
      'PLATINUM_CARD',
      'FUND_GROWTH',
    ]);
    expect(await memberKeys(segments.A)).toEqual(['atEveryEdge', 'atMaxBalance', 'balanceBelowMin']);
  });

  it('runs evaluations and report builds in parallel without failures or lost members', async () => {
    const evaluations = Array.from({ length: 4 }, () =>
      t.http.post(`${BASE}/segments/${segments.A}/evaluate`).set('Authorization', write),
    );
    const builds = ['atEveryEdge', 'atMaxBalance', 'pensioner'].map(async (key) => {
      const { body } = await t.http
        .post(`${BASE}/users/${users[key].userId}/synchronize`)
        .set('Authorization', write)
        .send({ callbackUrl: jobCallbackUrl(receiver) })
        .expect(202);
      for (let i = 0; i < 100; i++) {
        const job = await t.http.get(`${BASE}/jobs/${body.jobId}`).set('Authorization', read);
        if (job.body.status !== 'QUEUED' && job.body.status !== 'RUNNING') return job.body.status;
        await new Promise((r) => setTimeout(r, 100));
      }
      return 'TIMEOUT';
    });
    const [evaluated, built] = await Promise.all([Promise.all(evaluations), Promise.all(builds)]);
    expect(evaluated.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(built).toEqual(['SUCCESSFUL', 'SUCCESSFUL', 'SUCCESSFUL']);
    expect(await memberKeys(segments.A)).toEqual(['atEveryEdge', 'atMaxBalance', 'balanceBelowMin']);
  });

  it('creates a segment as given and refuses inconsistent criteria', async () => {
    const got = await t.http.get(`${BASE}/segments/${segments.B}`).set('Authorization', read).expect(200);
    expect(got.body).toMatchObject({
      id: segments.B,
      name: 'Pensioners',
      currency: 'VND',
      criteria: { incomeCategories: ['PENSION'], minAverageMonthlyIncome: '5000000.00' },
      offers: [{ code: 'HEALTH_60', name: 'Bảo hiểm sức khỏe 60+', kind: 'INSURANCE' }],
    });
    const bad = await t.http
      .post(`${BASE}/segments`)
      .set('Authorization', write)
      .send({
        name: 'x',
        currency: 'VND',
        criteria: { minTotalBalance: '10.00', maxTotalBalance: '9.99' },
        offers: [],
      })
      .expect(400);
    expect(bad.body.code).toBe('INVALID_SEGMENT_CRITERIA');
    const invalid = await t.http
      .post(`${BASE}/segments`)
      .set('Authorization', write)
      .send({
        name: '',
        currency: 'vnd',
        criteria: { minMonthsWithIncome: -1, incomeCategories: ['LOTTERY'] },
        offers: [{ code: 'X', name: 'X', kind: 'CAR' }],
      })
      .expect(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'criteria.incomeCategories',
      'criteria.minMonthsWithIncome',
      'currency',
      'name',
      'offers.0.kind',
    ]);
    expect(
      (await t.http.post(`${BASE}/segments/${randomUUID()}/evaluate`).set('Authorization', write).expect(404))
        .body.code,
    ).toBe('SEGMENT_NOT_FOUND');
    await t.http.get(`${BASE}/segments/${randomUUID()}/members`).set('Authorization', read).expect(404);
  });
});
