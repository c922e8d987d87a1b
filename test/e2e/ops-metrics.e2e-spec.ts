import request from 'supertest';
import { HubMetrics, MetricsModule } from '@hub/platform';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { salariedImport } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';
import { createTestApp, remote, type TestApp } from '../support/test-app';

/** One sample of the exposition text: `name{labels} value`, labels in any order. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!found) continue;
    const have = Object.fromEntries(
      [...(found[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(found[2]);
  }
  return null;
}

const odsLine = (cif: string, legalId: string) =>
  JSON.stringify({
    cif,
    status: 'ACTIVE',
    extractedAt: new Date().toISOString(),
    fullName: 'Lê Văn Metric',
    legalIds: [{ type: 'CCCD', number: legalId, issueDate: '2021-04-01' }],
    mobileNumbers: [],
  });

(remote ? describe.skip : describe)('GET /metrics (e2e)', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await CallbackReceiver.start([204]);
    t = await createTestApp({
      env: { LOOKUP_RATE_LIMIT_PER_MINUTE: '2', SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5' },
    });
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('after traffic, has the HTTP, pool, queue, webhook, ODS, rate-limit and process series, with no personal data in any label', async () => {
    const auth = await t.bearer();
    const legalId = '079091234567';
    const mobile = '0912345678';
    // Lookups: two within the lookup budget, the third refused with 429.
    for (const status of [200, 200, 429]) {
      await t.http
        .post('/api/v1/customer-summary')
        .set('Authorization', auth)
        .send({ legalId, mobileNumber: mobile })
        .expect(status);
    }
    // A path with an identifier in it: counted under its route template.
    const card = await t.http
      .get(`/card-registry/v1/customers/${legalId}`)
      .set('Authorization', await t.bearer(undefined, { institutionId: 'INST-A' }));
    expect(card.status).toBeGreaterThanOrEqual(400);
    await t.http.get(`/no-such-route/${legalId}`).expect(404);
    // ODS ingest: one line loaded, one rejected.
    await t.http
      .post('/api/v1/ods/customers:bulk')
      .set('Authorization', auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(`${odsLine('9900000777', '079188777777')}\n{"cif":"bad"}\n`)
      .expect(200);
    // A synchronize whose callback is delivered.
    const { body: p } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', auth)
      .send({ externalUserId: 'metrics-user' })
      .expect(201);
    await t.http
      .post(`${BASE}/users/${p.userId}/data-sources`)
      .set('Authorization', auth)
      .send(salariedImport())
      .expect(201);
    await t.http
      .post(`${BASE}/users/${p.userId}/synchronize`)
      .set('Authorization', auth)
      .send({ callbackUrl: receiver.url })
      .expect(202);
    await receiver.waitFor(1, 30_000);

    const text = await eventually(async () => {
      const res = await t.http.get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return (
        (sample(res.text, 'hub_webhook_deliveries_total', { outcome: 'delivered' }) ?? 0) >= 1 && res.text
      );
    });

    const lookup = { route: '/api/v1/customer-summary', method: 'POST' };
    expect(sample(text, 'hub_http_request_duration_seconds_count', { ...lookup, status: '200' })).toBe(2);
    expect(sample(text, 'hub_http_request_duration_seconds_count', { ...lookup, status: '429' })).toBe(1);
    expect(
      sample(text, 'hub_http_request_duration_seconds_bucket', { ...lookup, status: '200', le: '+Inf' }),
    ).toBe(2);
    expect(
      sample(text, 'hub_http_request_duration_seconds_count', {
        route: '/card-registry/v1/customers/:id',
        method: 'GET',
        status: String(card.status),
      }),
    ).toBe(1);
    expect(
      sample(text, 'hub_http_request_duration_seconds_count', { route: '(unmatched)', status: '404' }),
    ).toBe(1);
    // the scrape itself is in flight while the text is made
    expect(sample(text, 'hub_http_requests_in_flight')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hub_rate_limit_rejections_total', { budget: 'lookup' })).toBe(1);
    expect(sample(text, 'hub_ods_ingest_lines_total', { outcome: 'loaded' })).toBe(1);
    expect(sample(text, 'hub_ods_ingest_lines_total', { outcome: 'rejected' })).toBe(1);
    expect(sample(text, 'hub_webhook_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(sample(text, 'hub_db_pool_size', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hub_db_pool_idle', { pool: 'primary' })).not.toBeNull();
    expect(sample(text, 'hub_db_pool_waiting', { pool: 'primary' })).toBe(0);
    for (const series of ['hub_job_queue_depth', 'hub_job_queue_active', 'hub_job_queue_failed']) {
      expect(sample(text, series, { queue: 'seg-webhook-delivery' })).not.toBeNull();
    }
    expect(sample(text, 'hub_job_queue_failed', { queue: 'seg-webhook-delivery' })).toBe(0);
    expect(text).toMatch(/^# TYPE hub_job_failures_total counter$/m);
    expect(text).toMatch(/^# TYPE hub_job_retries_total counter$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();

    // No identifier, path or personal value in any label.
    for (const secret of [legalId, mobile, '079188777777', 'Metric', p.userId, 'metrics-user']) {
      expect(text).not.toContain(secret);
    }
    // No token needed, nothing of it in the OpenAPI document (it is not JSON).
    const docs = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  }, 90_000);

  it('a failed delivery is counted as rejected', async () => {
    const failing = await CallbackReceiver.start([500, 500, 500, 500, 500, 500]);
    try {
      const metrics = t.app!.get(HubMetrics);
      const before =
        (await metrics.webhookDeliveries.get()).values.find((v) => v.labels.outcome === 'rejected')?.value ??
        0;
      const auth = await t.bearer();
      const { body: p } = await t.http
        .post(`${BASE}/processes`)
        .set('Authorization', auth)
        .send({ externalUserId: 'metrics-user-2' })
        .expect(201);
      await t.http
        .post(`${BASE}/users/${p.userId}/data-sources`)
        .set('Authorization', auth)
        .send(salariedImport());
      await t.http
        .post(`${BASE}/users/${p.userId}/synchronize`)
        .set('Authorization', auth)
        .send({ callbackUrl: failing.url })
        .expect(202);
      await failing.waitFor(1, 30_000);
      const text = await eventually(async () => {
        const res = await t.http.get('/metrics').expect(200);
        return (
          (sample(res.text, 'hub_webhook_deliveries_total', { outcome: 'rejected' }) ?? 0) > before &&
          res.text
        );
      });
      expect(sample(text, 'hub_webhook_deliveries_total', { outcome: 'rejected' })).toBe(before + 1);
    } finally {
      await failing.close();
    }
  }, 60_000);
});

(remote ? describe.skip : describe)('METRICS and METRICS_PORT (e2e)', () => {
  it('METRICS=off: no /metrics', async () => {
    const t = await createTestApp({ env: { METRICS: 'off' } });
    try {
      await t.http.get('/metrics').expect(404);
      await t.http.get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });

  it('METRICS_PORT: /metrics on that port alone, not on the API port', async () => {
    const t = await createTestApp({ env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } });
    try {
      await t.http.get('/health').expect(200);
      await t.http.get('/metrics').expect(404);
      const port = t.app!.get(MetricsModule).separatePort;
      expect(port).toEqual(expect.any(Number));
      const separate = request(`http://127.0.0.1:${port}`);
      const res = await separate.get('/metrics').expect(200);
      expect(
        sample(res.text, 'hub_http_request_duration_seconds_count', { route: '/health', status: '200' }),
      ).toBe(1);
      await separate.get('/health').expect(404);
    } finally {
      await t.close();
    }
  });
});
