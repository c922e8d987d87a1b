import { Client } from 'pg';
import { LogCapture } from '@hub/platform/testing';
import { cloneTemplateDatabase } from '../setup/test-database';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, remote, type TestApp } from '../support/test-app';

describe('platform (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers /health without a token', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a caller X-Request-Id', async () => {
    const res = await t.http.get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.http
      .get('/no/such/route')
      .set('Authorization', await t.bearer())
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'No such route',
      details: [],
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers an over-long path parameter with 414 in the error shape, after authentication', async () => {
    const path = `/integration-service/api/crm/v1/leads/${'x'.repeat(300)}`;
    // Without a token it is 401 whatever the path: nothing answers before authentication.
    const anonymous = await t.http.get(path).set('X-Request-Id', 'long-0').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, requestId: 'long-0' });
    const long = await t.http
      .get(path)
      .set('Authorization', await t.bearer())
      .set('X-Request-Id', 'long-1')
      .expect(414);
    expect(long.body).toEqual({
      statusCode: 414,
      code: 'URI_TOO_LONG',
      message: 'A path parameter is too long',
      details: [],
      requestId: 'long-1',
    });
    expect(long.headers['x-request-id']).toBe('long-1');
    // Just at the limit is an ordinary lookup: 404, not 414.
    await t.http
      .get(`/integration-service/api/crm/v1/leads/${'x'.repeat(100)}`)
      .set('Authorization', await t.bearer())
      .expect((res) => expect(res.status).not.toBe(414));
  });

  it('answers a malformed URL with 400 MALFORMED_URL in the error shape', async () => {
    // Straight to the hub: a validating proxy in front of it cannot carry this URL.
    const bad = await t.direct.get('/integration-service/api/crm/v1/leads/%E0%A4%A').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_URL' });
  });

  it('answers a request line and headers over 16 KB with 431 HEADERS_TOO_LARGE in the error shape', async () => {
    // Straight to the hub: a proxy in front (the conformance run's Prism) answers 431 itself.
    const res = await t.direct
      .get(`/integration-service/api/crm/v1/leads?ownerId=${'x'.repeat(20_000)}`)
      .set('Authorization', await t.bearer())
      .expect(431);
    expect(res.body).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: 'The request line and headers together are too large',
      details: [],
      requestId: res.headers['x-request-id'],
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('scopes Idempotency-Key by institution: same sub, key and body in two banks make two customers', async () => {
    const body = {
      type: 'PRIVATE',
      salutation: 'Ms',
      firstName: 'Lan',
      lastName: 'Tran',
      dateOfBirth: '1988-03-02',
      email: 'lan.tran@example.vn',
      mobileNumber: '0912 345 678',
      address: { address1: '5 Trang Tien', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
      locale: 'vi-VN',
      customerNumber: 'TENANT-KEY-1',
      regNo: `TENANT-${Date.now()}`,
    };
    const key = `tenant-key-${Date.now()}`;
    const send = async (institutionId: string) =>
      t.http
        .post('/card-registry/v1/customers')
        .set(
          'Authorization',
          await t.bearer(['cards:write', 'cards:read'], { sub: 'shared-sub', institutionId }),
        )
        .set('Idempotency-Key', key)
        .send(body);
    const a = await send('INST-TENANT-A');
    const b = await send('INST-TENANT-B');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
    // Each bank sees its own customer, and a replay stays within its bank.
    const replayB = await send('INST-TENANT-B');
    expect(replayB.status).toBe(201);
    expect(replayB.headers['idempotent-replayed']).toBe('true');
    expect(replayB.body.id).toBe(b.body.id);
    const readA = await t.http
      .get(`/card-registry/v1/customers/${b.body.id}`)
      .set(
        'Authorization',
        await t.bearer(['cards:read'], { sub: 'shared-sub', institutionId: 'INST-TENANT-A' }),
      );
    expect(readA.status).toBe(404);
  });

  it('refuses 5,000 nested arrays with 400 JSON_TOO_DEEP, not a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    // Straight to the hub: a validating proxy that parses the body first overflows its own stack.
    const res = await t.direct
      .post('/api/v1/customer-summary')
      .set('Authorization', await t.bearer(['customer-summary:read']))
      .set('Content-Type', 'application/json')
      .send(`{"legalId":${deep}}`)
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  describe('one date rule: YYYY-MM-DD or RFC 3339 date-time', () => {
    const routes = [
      {
        path: '/integration-service/api/crm/v1/reports/pipeline',
        field: 'from',
        scopes: ['crm:read'] as const,
      },
      {
        path: '/integration-service/api/crm/v1/reports/pipeline',
        field: 'to',
        scopes: ['crm:read'] as const,
      },
      { path: '/card-registry/v1/exports/customers', field: 'changedSince', scopes: ['cards:read'] as const },
    ];
    const cases = routes.flatMap((r) =>
      ['20260101', '2026-W01', '2026-W01-1', '2026-01-01T10', '2026-02-30', '2026-01-01T10:00:00+24:00'].map(
        (value) => [r.path, r.field, value, r.scopes] as const,
      ),
    );

    it.each(cases)(
      '%s?%s=%s is 400 VALIDATION_FAILED naming the field',
      async (path, field, value, scopes) => {
        const res = await t.http
          .get(path)
          .query({ [field]: value })
          .set('Authorization', await t.bearer([...scopes], { institutionId: 'INST-DATES' }))
          .expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details).toEqual([expect.objectContaining({ field, issues: ['isDateOrDateTime'] })]);
      },
    );

    it.each(
      routes.flatMap((r) =>
        ['2026-01-01', '2026-01-01T17:00:00.123456+07:00'].map(
          (v) => [r.path, r.field, v, r.scopes] as const,
        ),
      ),
    )('%s?%s=%s is accepted', async (path, field, value, scopes) => {
      await t.http
        .get(path)
        .query({ [field]: value })
        .set('Authorization', await t.bearer([...scopes], { institutionId: 'INST-DATES' }))
        .expect(200);
    });
  });

  it('sends security headers and Cache-Control: no-store on API answers, errors included', async () => {
    const auth = await t.bearer(['crm:read']);
    for (const res of [
      await t.http.get('/integration-service/api/crm/v1/leads').set('Authorization', auth),
      await t.http.get('/integration-service/api/crm/v1/leads'),
      await t.http.get('/health'),
    ]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
      // The local harness runs without rate limits (RATE_LIMIT_PER_MINUTE=0 turns them off); a
      // deployed hub under test keeps its own.
      if (!remote) expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('keeps Swagger UI working under the CSP: its page loads only same-origin scripts', async () => {
    const page = await t.http.get('/docs').redirects(1).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    // No inline script (the CSP would block it): every script is a file served by the hub.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1] as string;
      expect(src).not.toMatch(/^https?:/);
      await t.http.get(new URL(src, 'http://x/docs').pathname).expect(200);
    }
  });

  it('serves the OpenAPI document with the bearer scheme', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

// Needs the database itself, so it runs against the local app only (not with E2E_BASE_URL).
(remote ? describe.skip : describe)('health when the database is gone (e2e, local app)', () => {
  it('answers 503 DATABASE_UNAVAILABLE in the error shape', async () => {
    const t = await createTestApp();
    try {
      await t.http.get('/health').expect(200);
      const name = new URL(t.databaseUrl as string).pathname.slice(1);
      const admin = new Client({ connectionString: process.env.HUB_TEST_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
      const res = await t.http.get('/health').set('Accept-Language', 'vi').expect(503);
      expect(res.body).toMatchObject({
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'Cơ sở dữ liệu không phản hồi',
      });
    } finally {
      await t.close();
    }
  });
});

// The database is taken away from a running app (a TCP relay between them is cut: new connections
// refused, open ones reset, as when the server stops) and given back.
(remote ? describe.skip : describe)('HSTS=on (e2e, local app)', () => {
  it('adds Strict-Transport-Security', async () => {
    const t = await createTestApp({ env: { HSTS: 'on' } });
    try {
      const res = await t.http.get('/health').expect(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t.close();
    }
  });
});

(remote ? describe.skip : describe)('a database outage under the app (e2e, local app)', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After on every route, fast, and recovers without a restart', async () => {
    const db = await cloneTemplateDatabase();
    const target = new URL(db.url);
    const proxy = new TcpProxy(target.hostname, Number(target.port));
    await proxy.start();
    const t = await createTestApp({
      databaseUrl: proxy.rewrite(db.url),
      env: { DB_CONNECT_TIMEOUT_MS: '1500', SEGMENTS_WORKERS: 'false' },
    });
    try {
      const cards = await t.bearer(['cards:write', 'cards:read'], { institutionId: 'INST-OUTAGE' });
      const crm = await t.bearer(['crm:write', 'crm:read']);
      const segments = await t.bearer(['segments:write', 'segments:read']);
      const created = await t.http
        .post('/card-registry/v1/customers')
        .set('Authorization', cards)
        .send({
          type: 'CORPORATE',
          name: 'Outage Logistics',
          address: { address1: '1 Nguyen Hue', city: 'Ho Chi Minh City', zipCode: '700000', country: 'VNM' },
          locale: 'en-GB',
          customerNumber: 'OUTAGE-1',
          regNo: 'OUTAGE-REG-1',
        })
        .expect(201);
      const opened = await t.http
        .post('/financial-segments/v1/processes')
        .set('Authorization', segments)
        .send({ externalUserId: 'outage-user' })
        .expect(201);
      const userId = opened.body.userId as string;
      const synchronize = () =>
        t.http
          .post(`/financial-segments/v1/users/${userId}/synchronize`)
          .set('Authorization', segments)
          .set('Idempotency-Key', 'outage-sync-1')
          .send({ callbackUrl: 'https://127.0.0.1:9/hooks/outage' });
      const comboCreate = {
        customerType: 'NTB',
        ownerId: 'RM001',
        legalId: '079090004321',
        mobileNumber: '0912000432',
        fullName: 'Outage Van An',
        product: 'CREDIT_CARD',
        channel: 'MOBILE_APP',
      };

      // At least one read and one write of every module, and the probe.
      const requests = async () => [
        await t.http.get('/health'),
        // card registry: read, write
        await t.http.get(`/card-registry/v1/customers/${created.body.id}`).set('Authorization', cards),
        await t.http
          .post('/card-registry/v1/customers')
          .set('Authorization', cards)
          .send({
            type: 'CORPORATE',
            name: 'Lost Logistics',
            address: { address1: '2 Le Loi', city: 'Ho Chi Minh City', zipCode: '700000', country: 'VNM' },
            locale: 'en-GB',
            customerNumber: 'OUTAGE-2',
            regNo: 'OUTAGE-REG-2',
          }),
        // customer summary: the lookup
        await t.http
          .post('/api/v1/customer-summary')
          .set('Authorization', await t.bearer(['customer-summary:read']))
          .send({ legalId: '079090001234' }),
        // CRM: a read, the combo create
        await t.http.get('/integration-service/api/crm/v1/leads').set('Authorization', crm),
        await t.http
          .post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity')
          .set('Authorization', crm)
          .set('Idempotency-Key', 'outage-combo-1')
          .send(comboCreate),
        // financial segments: a read, the synchronize
        await t.http
          .get(`/financial-segments/v1/processes/${opened.body.processId}`)
          .set('Authorization', segments),
        await synchronize(),
      ];

      await proxy.cut();
      const started = Date.now();
      const down = await requests();
      const elapsed = Date.now() - started;
      for (const res of down) {
        const path = (res as unknown as { req: { path: string } }).req.path;
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
        });
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
      }
      // Each request refused at once (no waiting on a connection that cannot come).
      expect(elapsed).toBeLessThan(down.length * 1500);

      await proxy.restore();
      const back = Date.now();
      let health = await t.http.get('/health');
      while (health.status !== 200 && Date.now() - back < 5000) health = await t.http.get('/health');
      expect(health.status).toBe(200);
      const read = await t.http
        .get(`/card-registry/v1/customers/${created.body.id}`)
        .set('Authorization', cards);
      expect(read.status).toBe(200);
      expect(read.body.name).toBe('Outage Logistics');
      // The writes refused during the outage left nothing behind.
      const lost = await t.http
        .get('/card-registry/v1/customers?regNo=OUTAGE-REG-2')
        .set('Authorization', cards);
      expect(lost.body.items).toEqual([]);
      const leads = await t.http
        .get('/integration-service/api/crm/v1/leads')
        .query({ legalId: comboCreate.legalId })
        .set('Authorization', crm)
        .expect(200);
      expect(leads.body.items).toEqual([]);
      // The synchronize refused during the outage is not half done: no job row, nothing queued.
      const jobsOf = async () =>
        (await t.dataSource!.query(`SELECT id, status FROM seg_sync_jobs WHERE user_id = $1`, [
          userId,
        ])) as Array<{
          id: string;
          status: string;
        }>;
      const queued = async () =>
        (
          (await t.dataSource!.query(
            `SELECT data->>'jobId' AS "jobId" FROM pgboss.job WHERE name = 'seg-synchronize'`,
          )) as Array<{ jobId: string }>
        ).map((r) => r.jobId);
      expect(await jobsOf()).toEqual([]);
      expect(await queued()).toEqual([]);
      // Its retry with the same key is a first request (the key kept nothing of the refused one):
      // one job, queued in the same transaction.
      const retried = await synchronize();
      expect(retried.status).toBe(202);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await jobsOf()).toEqual([{ id: retried.body.jobId, status: 'QUEUED' }]);
      expect(await queued()).toEqual([retried.body.jobId]);
      // The refused combo create retried with its key is a first request too.
      const combo = await t.http
        .post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity')
        .set('Authorization', crm)
        .set('Idempotency-Key', 'outage-combo-1')
        .send(comboCreate);
      expect(combo.status).toBe(201);
      expect(combo.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await t.close();
      await proxy.stop();
      await db.drop();
    }
  });
});

(remote ? describe.skip : describe)('a database that hangs under the app (e2e, local app)', () => {
  it('answers 503 DATABASE_UNAVAILABLE once the statement time-out and its margin pass, and recovers when it answers again', async () => {
    const db = await cloneTemplateDatabase();
    const target = new URL(db.url);
    const proxy = new TcpProxy(target.hostname, Number(target.port));
    await proxy.start();
    const t = await createTestApp({
      databaseUrl: proxy.rewrite(db.url),
      env: { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000', SEGMENTS_WORKERS: 'false' },
    });
    try {
      const crm = await t.bearer(['crm:read']);
      const lookup = await t.bearer(['customer-summary:read']);
      const send = () =>
        Promise.all([
          t.http.get('/integration-service/api/crm/v1/leads').set('Authorization', crm),
          t.http
            .post('/api/v1/customer-summary')
            .set('Authorization', lookup)
            .send({ legalId: '079090001234' }),
          t.http.get('/health'),
        ]);
      // Open connections sit in the pool: the frozen server holds them, it does not close them.
      for (const res of await send()) expect(res.status).toBe(200);

      proxy.freeze();
      const started = Date.now();
      const held = await send();
      const elapsed = Date.now() - started;
      for (const res of held) {
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
        });
        expect(res.headers['retry-after']).toBe('5');
      }
      // Statement time-out (1 s) plus the driver's margin (2 s), not the 10 s a hang used to take.
      expect(elapsed).toBeLessThan(6000);

      proxy.thaw();
      const back = Date.now();
      let health = await t.http.get('/health');
      while (health.status !== 200 && Date.now() - back < 10_000) health = await t.http.get('/health');
      expect(health.status).toBe(200);
      const again = await send();
      for (const res of again) expect(res.status).toBe(200);
    } finally {
      await t.close();
      await proxy.stop();
      await db.drop();
    }
  });
});

// Needs the app's log stream, so it runs against the local app only.
(remote ? describe.skip : describe)('nothing personal in the logs (e2e, local app)', () => {
  const LEGAL_ID = '079377123456';
  const PHONE = '0977123456';
  const NAME = 'Zqxcanary';
  const EMAIL = 'zq.canary@example.vn';
  const DOB = '1977-07-13';
  const CANARIES = [LEGAL_ID, PHONE, '977123456', NAME, 'zqxcanary', EMAIL, DOB, '19770713'];

  it('keeps canary legal IDs, phones, names, e-mails and dates of birth out of every log line, from every module', async () => {
    const logs = new LogCapture();
    const t = await createTestApp({ logStream: logs, env: { LOG_LEVEL: 'trace' } });
    try {
      const all = await t.bearer(undefined, { institutionId: 'INST-CANARY' });
      const headers = {
        Authorization: all,
        'X-Request-Id': LEGAL_ID,
        'X-Customer-Name': NAME,
        'X-Email': EMAIL,
      };
      const person = {
        legalId: LEGAL_ID,
        mobileNumber: PHONE,
        fullName: `${NAME} Van An`,
        firstName: NAME,
        lastName: NAME,
        email: EMAIL,
        dateOfBirth: DOB,
      };
      const responses = [
        // customer summary: lookups (found or not, bad input), the ODS bulk load
        await t.http.post('/api/v1/customer-summary').set(headers).send({ legalId: LEGAL_ID }),
        await t.http.post('/api/v1/customer-summary').set(headers).send({ mobileNumber: PHONE }),
        await t.http
          .post('/api/v1/customer-summary')
          .set(headers)
          .send({ legalId: NAME, mobileNumber: EMAIL }),
        await t.http
          .post('/api/v1/ods/customers:bulk')
          .set(headers)
          .set('Content-Type', 'application/x-ndjson')
          .send(
            `${JSON.stringify({
              cif: '8877000001',
              status: 'ACTIVE',
              fullName: `${NAME} Thi Huong`,
              dateOfBirth: DOB,
              gender: 'F',
              legalIds: [{ type: 'CCCD', number: LEGAL_ID, issueDate: '2021-06-01', issuePlace: 'Ha Noi' }],
              mobileNumbers: [PHONE],
              email: EMAIL,
              addresses: [],
              lending: [],
              nonLending: [],
            })}\n{"cif":"${LEGAL_ID}","fullName":"${NAME}"}\n`,
          ),
        // CRM: create, queries and paths carrying identifiers
        await t.http
          .post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity')
          .set(headers)
          .send({
            customerType: 'NTB',
            ownerId: 'RM001',
            legalId: LEGAL_ID,
            mobileNumber: PHONE,
            fullName: `${NAME} Van An`,
            product: 'CREDIT_CARD',
            channel: 'MOBILE_APP',
          }),
        await t.http
          .get('/integration-service/api/crm/v1/leads')
          .query({ legalId: LEGAL_ID, q: NAME })
          .set(headers),
        await t.http.get(`/integration-service/api/crm/v1/leads/${LEGAL_ID}`).set(headers),
        await t.http.get(`/integration-service/api/crm/v1/reports/pipeline?from=${DOB}`).set(headers),
        // card registry: create, search by identifiers, paths
        await t.http
          .post('/card-registry/v1/customers')
          .set(headers)
          .send({
            type: 'PRIVATE',
            salutation: 'Ms',
            firstName: NAME,
            lastName: NAME,
            dateOfBirth: DOB,
            email: EMAIL,
            mobileNumber: PHONE,
            address: { address1: `${NAME} street`, city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
            locale: 'vi-VN',
            customerNumber: `CN-${LEGAL_ID}`,
            regNo: LEGAL_ID,
          }),
        await t.http.get('/card-registry/v1/customers').query({ regNo: LEGAL_ID }).set(headers),
        await t.http.get(`/card-registry/v1/customers/${LEGAL_ID}`).set(headers),
        await t.http
          .patch(`/card-registry/v1/customers/${PHONE}`)
          .set(headers)
          .set('If-Match', '"1"')
          .send(person),
        // financial segments: user ids that are identifiers, bodies with personal data
        await t.http.post('/financial-segments/v1/processes').set(headers).send({ externalUserId: EMAIL }),
        await t.http
          .post(`/financial-segments/v1/users/${LEGAL_ID}/data-sources`)
          .set(headers)
          .send({ type: 'ODS_CASA', cif: LEGAL_ID, ...person }),
        await t.http.get(`/financial-segments/v1/users/${PHONE}/offers`).set(headers),
        // unmatched routes, bad tokens
        await t.http.get(`/no/such/${LEGAL_ID}/${encodeURIComponent(EMAIL)}`).set(headers),
        await t.http
          .post('/api/v1/customer-summary')
          .set({ ...headers, Authorization: `Bearer ${NAME}` })
          .send(person),
      ];
      for (const res of responses) expect(res.status).toBeLessThan(500);
      // Let the last lines reach the stream.
      await new Promise((r) => setTimeout(r, 200));
      expect(logs.lines.length).toBeGreaterThanOrEqual(responses.length);
      const text = logs.text.toLowerCase();
      for (const canary of CANARIES)
        expect({ canary, found: text.includes(canary.toLowerCase()) }).toEqual({ canary, found: false });
      // The lines still say what happened: method, route template, status.
      const routes = logs.lines
        .map((l) => JSON.parse(l))
        .map((l) => l.req?.route)
        .filter(Boolean);
      expect(routes).toContain('/card-registry/v1/customers/:id');
      expect(routes).toContain('(unmatched)');
    } finally {
      await t.close();
    }
  });
});

// Two app instances on one database: needs the local app.
(remote ? describe.skip : describe)('rate limits shared by two instances (e2e, local app)', () => {
  let a: TestApp;
  let b: TestApp;
  const secret = `rate-limit-secret-${'x'.repeat(32)}`;
  const env = { RATE_LIMIT_PER_MINUTE: '5', LOOKUP_RATE_LIMIT_PER_MINUTE: '3', AUTH_JWT_SECRET: secret };

  beforeAll(async () => {
    // Fixed one-minute windows: start the counting well inside a minute.
    const seconds = new Date().getUTCSeconds();
    if (seconds > 45) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    a = await createTestApp({ env });
    b = await createTestApp({ env, databaseUrl: a.databaseUrl as string });
  }, 90_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const LEADS = '/integration-service/api/crm/v1/leads';

  it('counts a principal across instances and answers 429 RATE_LIMITED with Retry-After and RateLimit-*', async () => {
    const auth = await a.bearer(['crm:read'], { secret, sub: 'rl-user', institutionId: 'INST-RL-A' });
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (const app of [a, b, a, b, a]) {
      const res = await app.http.get(LEADS).set('Authorization', auth);
      statuses.push(res.status);
      remaining.push(res.headers['ratelimit-remaining']);
      expect(res.headers['ratelimit-limit']).toBe('5');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const over = await b.http.get(LEADS).set('Authorization', auth).expect(429);
    expect(over.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      requestId: over.headers['x-request-id'],
    });
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(over.headers['ratelimit-reset']).toBe(String(retryAfter));
    // The same sub in another institution is another principal with its own budget.
    const other = await a.bearer(['crm:read'], { secret, sub: 'rl-user', institutionId: 'INST-RL-B' });
    await a.http.get(LEADS).set('Authorization', other).expect(200);
  });

  it('is exact under parallel requests: 20 at once with a limit of 5 let exactly 5 through', async () => {
    const auth = await a.bearer(['crm:read'], { secret, sub: 'rl-parallel', institutionId: 'INST-RL-P' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).http.get(LEADS).set('Authorization', auth)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('limits unauthenticated callers (no token, bad tokens) per client IP', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await (i % 2 ? a : b).http.get(LEADS).set('Authorization', `Bearer bad.token.${i}`)).status,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const over = await a.http.get(LEADS).expect(429);
    expect(over.body.code).toBe('RATE_LIMITED');
    // /health stays open to load balancers.
    await a.http.get('/health').expect(200);
  });

  it('gives POST /api/v1/customer-summary its stricter lookup budget', async () => {
    const auth = await a.bearer(['customer-summary:read', 'crm:read'], { secret, sub: 'rl-lookup' });
    for (let i = 0; i < 3; i++) {
      const res = await (i % 2 ? a : b).http
        .post('/api/v1/customer-summary')
        .set('Authorization', auth)
        .send({ legalId: '079199999999' });
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
    }
    const over = await a.http
      .post('/api/v1/customer-summary')
      .set('Authorization', auth)
      .send({ legalId: '079199999999' })
      .expect(429);
    expect(over.body.code).toBe('RATE_LIMITED');
    // Other routes draw from the general budget, untouched by lookups.
    const other = await a.http.get(LEADS).set('Authorization', auth).expect(200);
    expect(other.headers['ratelimit-remaining']).toBe('4');
  });
});

// Public routes are limited per client IP too (the web form's process token is no principal); the
// health probes alone are exempt. Its own app and database: the counts start from zero.
(remote ? describe.skip : describe)('rate limits on public routes (e2e, local app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    const seconds = new Date().getUTCSeconds();
    if (seconds > 45) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    t = await createTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '4', LOOKUP_RATE_LIMIT_PER_MINUTE: '3', SEGMENTS_WORKERS: 'false' },
    });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('limits the financial-segments web form per client IP: 429 RATE_LIMITED with Retry-After and RateLimit-*; probes are never limited', async () => {
    const opened = await t.http
      .post('/financial-segments/v1/processes')
      .set('Authorization', await t.bearer(['segments:write'], { sub: 'rl-web-form' }))
      .send({ externalUserId: 'rl-web-form-user' })
      .expect(201);
    const form = `/financial-segments/v1/web-form/${opened.body.processToken}`;
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http.get(form).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['ratelimit-limit']).toBe('4');
      remaining.push(res.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    // The probes in between drew nothing from the budget, and carry no RateLimit-* headers.
    for (const probe of ['/health', '/health/live', '/health/ready']) {
      const res = await t.http.get(probe).expect(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    for (const over of [
      await t.http.get(form),
      await t.http.post(`${form}/cancel`).send({ csrf: 'x'.repeat(43) }),
    ]) {
      expect(over.status).toBe(429);
      expect(over.headers['content-type']).toMatch(/^application\/json/);
      expect(over.body).toEqual({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: expect.any(String),
        details: [{ limitPerMinute: 4, retryAfterSeconds: Number(over.headers['retry-after']) }],
        requestId: over.headers['x-request-id'],
      });
      const retryAfter = Number(over.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(over.headers['ratelimit-limit']).toBe('4');
      expect(over.headers['ratelimit-remaining']).toBe('0');
      expect(over.headers['ratelimit-reset']).toBe(String(retryAfter));
    }
    // The refused cancel did nothing: the form is still open to its user once the window passes.
    const status = await t.http
      .get(`/financial-segments/v1/processes/${opened.body.processId}`)
      .set('Authorization', await t.bearer(['segments:read'], { sub: 'rl-web-form' }))
      .expect(200);
    expect(status.body.status).toBe('WAITING_FOR_USER');
    // Probes still answer with the budget spent.
    await t.http.get('/health').expect(200);
  });
});
