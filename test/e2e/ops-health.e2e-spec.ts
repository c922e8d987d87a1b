import { Client } from 'pg';
import { JobQueue, ShutdownState } from '@hub/platform';
import { createTestApp, remote, type TestApp } from '../support/test-app';

(remote ? describe.skip : describe)('liveness and readiness (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  it('a running hub is live and ready, without a token; /health is unchanged', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({
      status: 'ok',
      checks: { database: 'up', migrations: 'up', jobQueue: 'up' },
    });
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('draining: ready and /health answer 503 SHUTTING_DOWN, live stays 200', async () => {
    t.app!.get(ShutdownState).startDraining();
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ statusCode: 503, code: 'SHUTTING_DOWN' });
    await t.http.get('/health').expect(503);
    await t.http.get('/health/live').expect(200);
  });

  it('a migration of this build not applied: 503 NOT_READY naming the migrations check', async () => {
    await t.dataSource!.query(
      `DELETE FROM platform_migrations WHERE id = (SELECT max(id) FROM platform_migrations)`,
    );
    const res = await t.http.get('/health/ready').expect(503);
    expect(res.body).toMatchObject({
      code: 'NOT_READY',
      details: [{ field: 'migrations', message: 'migrations pending' }],
    });
    await t.http.get('/health/live').expect(200);
  });

  it('the job queue stopped: 503 NOT_READY naming the job queue', async () => {
    await t.app!.get(JobQueue).stop(2000);
    const res = await t.http.get('/health/ready').expect(503);
    expect(res.body).toMatchObject({
      code: 'NOT_READY',
      details: [{ field: 'jobQueue', message: 'job queue not started' }],
    });
  });

  it('the database unreachable: 503 NOT_READY naming the database', async () => {
    // Every session of the app's pool ended by the server, and no new one allowed.
    const admin = new Client({ connectionString: t.databaseUrl!.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
    await admin.connect();
    const db = (await t.dataSource!.query(`SELECT current_database() AS db`))[0].db as string;
    try {
      await admin.query(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db]);
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body.code).toBe('NOT_READY');
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'database' })]),
      );
    } finally {
      await admin.query(`ALTER DATABASE "${db}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });
});
