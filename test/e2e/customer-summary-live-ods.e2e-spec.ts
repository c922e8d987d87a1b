import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticCustomers } from '@hub/customer-summary';
import { standaloneOds, StubOdsServer } from '@hub/customer-summary/testing';
import { createTestApp, remote, type TestApp } from '../support/test-app';

/**
 * ODS_MODE=http: the hub reads each lookup from a bank's ODS service. Two hubs run side by side:
 * `store` (the default: its own ods_* tables, loaded over HTTP with the fixture and generated
 * customers) and `live` (ODS_MODE=http, on a database whose ods_* tables stay empty), pointed at a
 * stub ODS service on 127.0.0.1 that serves the store hub's rows. Same data, so the answers must
 * be the same bytes; then the stub is slowed, broken and stopped. Needs the local apps (skipped in
 * effect against a deployed hub: every test returns at once).
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'customer-summary', 'live-ods.ndjson');
const STALE_CIF = '8600000005';
const LIVE_ENV = {
  ODS_MODE: 'http',
  ODS_TIMEOUT_MS: '300',
  ODS_RETRIES: '1',
  ODS_BREAKER_THRESHOLD: '4',
  ODS_BREAKER_COOLDOWN_MS: '1000',
  ODS_MAX_SOCKETS: '8',
};
const SEGMENTS = '/financial-segments/v1';

describe('customer summary with a live ODS service (e2e)', () => {
  let store: TestApp;
  let live: TestApp;
  let stub: StubOdsServer;
  let bearer: string;
  let liveReader: string;
  let storeReader: string;
  const generated = [
    ...generateSyntheticCustomers({
      customers: 40,
      seed: 'live-ods',
      showcase: false,
      extractedAt: new Date().toISOString(),
    }),
  ].map((c, i) => ({ ...c, cif: `85${String(i).padStart(8, '0')}` }));

  beforeAll(async () => {
    if (remote) return;
    store = await createTestApp();
    stub = new StubOdsServer(standaloneOds(store.dataSource!).repository);
    const url = await stub.start();
    live = await createTestApp({ env: { ...LIVE_ENV, ODS_BASE_URL: url } });
    bearer = await store.bearer(['ods:write']);
    liveReader = await live.bearer(['customer-summary:read'], { sub: 'rm-live' });
    storeReader = await store.bearer(['customer-summary:read'], { sub: 'rm-live' });
    // Every fixture line is extracted now, but the stale one.
    const now = new Date().toISOString();
    const fixture = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { cif: string; extractedAt: string })
      .map((l) => (l.cif === STALE_CIF ? l : { ...l, extractedAt: now }));
    const body = [...fixture, ...generated].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const res = await store.http
      .post('/api/v1/ods/customers:bulk')
      .set('Authorization', bearer)
      .set('Content-Type', 'application/x-ndjson')
      .send(body)
      .expect(200);
    expect(res.body).toEqual({
      received: fixture.length + generated.length,
      loaded: fixture.length + generated.length,
      rejected: [],
    });
  });

  afterAll(async () => {
    await live?.close();
    await stub?.stop();
    await store?.close();
  });

  /** The same lookup on both hubs, with the same request id and language. */
  async function both(body: object, lang = 'en') {
    const requestId = randomUUID();
    const ask = (t: TestApp) =>
      t.http
        .post('/api/v1/customer-summary')
        .set('Authorization', t === live ? liveReader : storeReader)
        .set('X-Request-Id', requestId)
        .set('Accept-Language', lang)
        .send(body);
    return { stored: await ask(store), fetched: await ask(live), requestId };
  }

  const lookupLive = (body: object) =>
    live.http.post('/api/v1/customer-summary').set('Authorization', liveReader).send(body);

  it('gives byte-identical answers in both modes for the same data (hits, misses, duplicates, flags, stale data)', async () => {
    if (remote) return expect(remote).toBe(true);
    const bodies: object[] = [
      { legalId: '036195000111' },
      { mobileNumber: '0911222001' },
      { legalId: '079090001235' },
      { legalId: '286000003' },
      { mobileNumber: '0977111222' },
      { legalId: '286000005' },
      { legalId: 'P8600006' },
      { legalId: '286000008' },
      { mobileNumber: '0911222008' },
      { legalId: '079199999999' },
      ...generated.flatMap((c) => {
        const g = c as unknown as { legalIds: { number: string }[]; mobileNumbers: string[] };
        return [{ legalId: g.legalIds[0]?.number }, { mobileNumber: g.mobileNumbers[0] }].filter(
          (b) => Object.values(b)[0] !== undefined,
        );
      }),
    ];
    const statuses = new Set<number>();
    for (const [i, body] of bodies.entries()) {
      const { stored, fetched } = await both(body, i % 2 === 0 ? 'en' : 'vi');
      statuses.add(stored.status);
      expect({ body, status: fetched.status }).toEqual({ body, status: stored.status });
      expect(fetched.text).toBe(stored.text);
      expect(fetched.headers['content-type']).toBe(stored.headers['content-type']);
    }
    expect([...statuses].sort()).toEqual([200, 409]);
    // The live hub's own ODS tables were never used.
    const [{ n }] = await live.dataSource!.query('SELECT count(*)::int AS n FROM ods_customers');
    expect(n).toBe(0);
  });

  it('returns dataAsOf, dataQualityFlags and the warnings through the live ODS', async () => {
    if (remote) return expect(remote).toBe(true);
    const full = (await lookupLive({ legalId: '036195000111' }).expect(200)).body;
    expect(full.data[0].dataAsOf).toEqual({
      extractedAt: expect.stringMatching(/Z$/),
      loadedAt: expect.stringMatching(/Z$/),
      extractedAtSource: 'ODS',
    });
    expect(full.data[0].dataQualityFlags).toEqual([]);
    expect(full.warnings).toEqual([]);
    expect(full.data[0].nonLendingInfo.casa).toHaveLength(2);

    const stale = (await lookupLive({ legalId: '286000005' }).expect(200)).body;
    expect(stale.data[0].dataAsOf.extractedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(stale.warnings).toEqual([
      {
        code: 'STALE_DATA',
        cif: STALE_CIF,
        message: expect.stringContaining('older than the freshness limit'),
      },
    ]);

    const cccd = (await lookupLive({ legalId: '079090001235' }).expect(200)).body;
    expect(cccd.data[0].dataQualityFlags).toEqual(['CCCD_BIRTH_YEAR_MISMATCH', 'CCCD_GENDER_MISMATCH']);
    expect(cccd.warnings.map((w: { code: string }) => w.code)).toEqual([
      'CCCD_BIRTH_YEAR_MISMATCH',
      'CCCD_GENDER_MISMATCH',
    ]);
    expect((await lookupLive({ legalId: '286000003' })).body.data[0].dataQualityFlags).toEqual([
      'SHARED_MOBILE_NUMBER',
    ]);
    expect((await lookupLive({ mobileNumber: '0911222008' })).body.data[0].dataQualityFlags).toEqual([
      'SHARED_LEGAL_ID',
    ]);
    expect((await lookupLive({ legalId: 'P8600006' })).body.data[0]).toMatchObject({
      cif: '8600000007',
      dataQualityFlags: [], // the other holder of the passport is CLOSED
    });
  });

  it('audits the lookups of the live mode in its own database', async () => {
    if (remote) return expect(remote).toBe(true);
    await live.http
      .post('/api/v1/customer-summary')
      .set('Authorization', await live.bearer(['customer-summary:read'], { sub: 'rm-audit' }))
      .set('X-Request-Id', 'live-audit-1')
      .send({ legalId: '036195000111' })
      .expect(200);
    const rows = await live.dataSource!.query(
      `SELECT actor, action, outcome, details FROM platform_audit_records WHERE request_id = 'live-audit-1'`,
    );
    expect(rows).toEqual([
      {
        actor: 'rm-audit',
        action: 'customer-summary.lookup',
        outcome: 'FOUND',
        details: { matchedCount: 1, identifiers: ['legalId'] },
      },
    ]);
  });

  it("reads financial-segments' ODS_CASA data source through the live ODS as through the stored one", async () => {
    if (remote) return expect(remote).toBe(true);
    const register = async (t: TestApp) => {
      const write = await t.bearer(['segments:write']);
      const user = await t.http
        .post(`${SEGMENTS}/processes`)
        .set('Authorization', write)
        .send({ externalUserId: `ext-${randomUUID()}` })
        .expect(201);
      return t.http
        .post(`${SEGMENTS}/users/${user.body.userId}/data-sources`)
        .set('Authorization', write)
        .send({ type: 'ODS_CASA', cif: '8600000001' });
    };
    const [stored, fetched] = [await register(store), await register(live)];
    expect(stored.status).toBe(201);
    expect(fetched.status).toBe(201);
    expect({ ...fetched.body, dataSourceId: null }).toEqual({ ...stored.body, dataSourceId: null });
    // The current and savings accounts, and the fixed deposit (money held counts term deposits).
    expect(fetched.body).toMatchObject({ accounts: 3, transactions: 4 });
  });

  it('refuses NDJSON loads: the live mode keeps no ODS data of its own', async () => {
    if (remote) return expect(remote).toBe(true);
    const res = await live.http
      .post('/api/v1/ods/customers:bulk')
      .set('Authorization', await live.bearer(['ods:write']))
      .set('Content-Type', 'application/x-ndjson')
      .send(readFileSync(FIXTURE))
      .expect(409);
    expect(res.body.code).toBe('ODS_LOADS_DISABLED');
  });

  it('answers 503 ODS_INVALID_RESPONSE when the service sends data that breaks the contract', async () => {
    if (remote) return expect(remote).toBe(true);
    stub.behaviour = { kind: 'malformed' };
    try {
      const res = await lookupLive({ legalId: '036195000111' }).expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'ODS_INVALID_RESPONSE' });
      expect(res.headers['retry-after']).toBe('1');
      expect(JSON.stringify(res.body)).not.toMatch(/8600000001|036195000111/);
    } finally {
      stub.behaviour = { kind: 'normal' };
    }
  });

  it('answers 503 ODS_UNAVAILABLE with Retry-After quickly when the service is slow', async () => {
    if (remote) return expect(remote).toBe(true);
    stub.behaviour = { kind: 'slow', delayMs: 10_000 };
    try {
      const started = Date.now();
      const res = await lookupLive({ legalId: '036195000111' }).expect(503);
      // Two attempts of 300 ms and a backoff under 1 s (the stub would take 10 s).
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'ODS_UNAVAILABLE' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      stub.behaviour = { kind: 'normal' };
    }
    await sleep(1_100); // let the circuit close again
    await lookupLive({ legalId: '036195000111' }).expect(200);
  });

  it('answers 503 at once while the service is down, audits it, and recovers when it is back', async () => {
    if (remote) return expect(remote).toBe(true);
    await stub.stop();
    const first = await lookupLive({ legalId: '036195000111' }).expect(503);
    expect(first.body.code).toBe('ODS_UNAVAILABLE');
    await lookupLive({ legalId: '036195000111' }).expect(503); // the breaker opens
    const started = Date.now();
    const open = await live.http
      .post('/api/v1/customer-summary')
      .set('Authorization', await live.bearer(['customer-summary:read']))
      .set('X-Request-Id', 'live-outage-1')
      .send({ legalId: '036195000111' })
      .expect(503);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(open.headers['retry-after']).toBe('1');
    expect(open.body).toEqual({
      statusCode: 503,
      code: 'ODS_UNAVAILABLE',
      message: 'The operational data store is unavailable; try again later',
      details: [],
      requestId: 'live-outage-1',
    });
    const [audit] = await live.dataSource!.query(
      `SELECT outcome FROM platform_audit_records WHERE request_id = 'live-outage-1'`,
    );
    expect(audit).toEqual({ outcome: 'ODS_UNAVAILABLE' });

    // financial-segments' ODS_CASA source gets the same 503.
    const write = await live.bearer(['segments:write']);
    const user = await live.http
      .post(`${SEGMENTS}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: `ext-${randomUUID()}` })
      .expect(201);
    const casa = await live.http
      .post(`${SEGMENTS}/users/${user.body.userId}/data-sources`)
      .set('Authorization', write)
      .send({ type: 'ODS_CASA', cif: '8600000001' })
      .expect(503);
    expect(casa.body.code).toBe('ODS_UNAVAILABLE');

    await stub.start(); // the same port
    await sleep(1_100);
    const back = await lookupLive({ legalId: '036195000111' }).expect(200);
    expect(back.body.data[0].cif).toBe('8600000001');
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
