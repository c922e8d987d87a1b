import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseWebhookSecret, verifyWebhook } from '@hub/financial-segments';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { cloneTemplateDatabase } from '../setup/test-database';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { salariedImport } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const ROOT = join(__dirname, '..', '..');

/** Needs the in-process app: it runs with WEBHOOK_ALLOW_PRIVATE=false and its database is read. */
const localIt = remote ? it.skip : it;

describe('financial segments: callback URL policy (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_SECRET: SECRET } });
  });

  afterAll(async () => {
    await t.close();
  });

  localIt.each([
    ['https://127.0.0.1/hooks', 'host is not a public address'],
    ['https://169.254.169.254/latest/meta-data', 'host is not a public address'],
    ['https://[::1]/hooks', 'host is not a public address'],
    ['https://localhost/hooks', 'host is not a public address'],
    ['http://hooks.example.com/cb', 'scheme must be https'],
    ['not a url', 'not an absolute URL'],
  ])('refuses %p with 400 CALLBACK_URL_NOT_ALLOWED (%s)', async (callbackUrl, reason) => {
    const write = await t.bearer(['segments:write']);
    const { body: p } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: `u-${randomUUID()}` })
      .expect(201);
    const res = await t.http
      .post(`${BASE}/users/${p.userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl })
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'CALLBACK_URL_NOT_ALLOWED',
      details: [{ field: 'callbackUrl', reason }],
    });
    const jobs = await t.dataSource!.query(
      `SELECT count(*)::int AS n FROM seg_sync_jobs WHERE user_id = $1`,
      [p.userId],
    );
    expect(jobs[0].n).toBe(0);
  });
});

/** The hub in a child process, so that it can really die (SIGKILL) in the middle of a job. */
function startHubProcess(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

(remote ? describe.skip : describe)('financial segments: a synchronization survives restarts (e2e)', () => {
  it('is queued across a restart, then re-run by another instance after its instance dies mid-callback', async () => {
    const db = await cloneTemplateDatabase();
    const receiver = await CallbackReceiver.start(['hang', 204]);
    const env = {
      WEBHOOK_SECRET: SECRET,
      SEGMENTS_JOB_EXPIRE_SECONDS: '2',
      JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
      SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
      WEBHOOK_RETRY_BASE_MS: '200',
    };
    let child: ChildProcess | null = null;
    let later: TestApp | null = null;
    try {
      // 1. An instance without workers accepts the request, then stops: the job waits in the queue.
      const first = await createTestApp({ databaseUrl: db.url, env: { ...env, SEGMENTS_WORKERS: 'false' } });
      const write = await first.bearer(['segments:write']);
      const { body: p } = await first.http
        .post(`${BASE}/processes`)
        .set('Authorization', write)
        .send({ externalUserId: 'restart-user' })
        .expect(201);
      await first.http
        .post(`${BASE}/users/${p.userId}/data-sources`)
        .set('Authorization', write)
        .send(salariedImport())
        .expect(201);
      const { body: sync } = await first.http
        .post(`${BASE}/users/${p.userId}/synchronize`)
        .set('Authorization', write)
        .send({ callbackUrl: receiver.url })
        .expect(202);
      expect(
        (
          await first.http
            .get(`${BASE}/jobs/${sync.jobId}`)
            .set('Authorization', await first.bearer(['segments:read']))
        ).body,
      ).toEqual({ status: 'QUEUED' });
      await first.close();

      // 2. Another instance (a real process) runs the job and dies (SIGKILL) while the callback is in flight.
      child = startHubProcess({
        ...env,
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
        DEMO_DATA: 'off',
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_TIMEOUT_MS: '60000',
      });
      await receiver.waitFor(1, 60_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child?.once('exit', resolve));
      const [inFlight] = receiver.received;
      const { caseId, reportId, status } = JSON.parse(inFlight.body);
      expect(status).toBe('SUCCESSFUL');

      // 3. A third instance takes the orphaned attempt over once it expires, with the same webhook-id.
      later = await createTestApp({ databaseUrl: db.url, env });
      const read = await later.bearer(['segments:read']);
      await receiver.waitFor(2, 30_000);
      const retried = receiver.received[1];
      expect(retried.headers['webhook-id']).toBe(inFlight.headers['webhook-id']);
      expect(retried.body).toBe(inFlight.body);
      expect(() =>
        verifyWebhook(parseWebhookSecret(SECRET), retried.headers as Record<string, string>, retried.body),
      ).not.toThrow();

      expect(
        (await later.http.get(`${BASE}/jobs/${sync.jobId}`).set('Authorization', read).expect(200)).body,
      ).toEqual({ status: 'SUCCESSFUL', caseId, reportId });
      const delivery = await eventually(async () => {
        const res = await later!.http
          .get(`${BASE}/webhook-deliveries/${inFlight.headers['webhook-id']}`)
          .set('Authorization', read)
          .expect(200);
        return res.body.status === 'DELIVERED' ? res.body : null;
      });
      expect(delivery.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([204]);
      const cases = await later.dataSource!.query(
        `SELECT count(*)::int AS n FROM seg_cases WHERE user_id = $1`,
        [p.userId],
      );
      expect(cases[0].n).toBe(1);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await later?.close();
      await receiver.close();
      await db.drop();
    }
  }, 120_000);
});
