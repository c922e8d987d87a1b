import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request, { type Response } from 'supertest';
import { ALL_SCOPES, mintToken, type Scope } from '@hub/platform';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { newNtbLegalId, newNtbMobile } from '../fixtures/crm-pipeline/ods-customers';
import { salariedImport } from '../fixtures/financial-segments/import-data';
import { BASE as SEGMENTS } from '../fixtures/financial-segments/segments-helpers';
import { HubProcess } from '../lifecycle/hub-process';
import { createEmptyDatabase } from '../setup/test-database';
import { remote } from '../support/test-app';

/**
 * Three hub processes (`node apps/api/src/main.ts`, as `npm start` runs it) started at the same moment
 * on one EMPTY database, the way a bank's orchestrator starts a deployment: they migrate and seed
 * the demo data once between them, then serve traffic spread over all three. Every assertion reads
 * the shared database, so a per-instance shortcut (a lock in memory, a counter in memory) fails it.
 */
const ROOT = join(__dirname, '..', '..');
// Every module's migrations, beside its entities (libs/<lib>/src/**/migrations).
const MIGRATIONS = (readdirSync(join(ROOT, 'libs'), { recursive: true }) as string[]).filter((f) =>
  /(^|\/)src\/.*migrations\/\d+-[^/]*\.ts$/.test(f),
);
const RATE_LIMIT = 30;
const DEMO_CUSTOMERS = 60;
const CRM_INT = '/integration-service/int/api/crm/v1';
const CRM_API = '/integration-service/api/crm/v1';

(remote ? describe.skip : describe)('three hub instances on one database (e2e, real processes)', () => {
  const secret = randomBytes(32).toString('hex');
  const hubs: HubProcess[] = [];
  let db: { url: string; drop(): Promise<void> };
  let sql: Client;
  let receiver: CallbackReceiver;

  const bearer = async (sub: string, scopes: readonly Scope[] = ALL_SCOPES, institutionId = 'INST-MULTI') =>
    `Bearer ${await mintToken({ secret, subject: sub, scopes, institutionId })}`;
  /** The i-th request goes to instance i mod 3. */
  const on = (i: number) => request(hubs[i % hubs.length].url);
  const count = async (query: string, params: unknown[] = []) =>
    Number((await sql.query(query, params)).rows[0].n);
  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort((a, b) => a - b);

  beforeAll(async () => {
    db = await createEmptyDatabase();
    receiver = await CallbackReceiver.start([204]);
    const env = {
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: secret,
      WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      DEMO_DATA: 'on',
      ODS_DEMO_CUSTOMERS: String(DEMO_CUSTOMERS),
      MIGRATIONS_RUN: 'true',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      LOOKUP_RATE_LIMIT_PER_MINUTE: '0',
      SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
      DB_POOL_SIZE: '5',
    };
    const started = await Promise.allSettled([1, 2, 3].map(() => HubProcess.start(env, 120_000)));
    for (const s of started) if (s.status === 'fulfilled') hubs.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 150_000);

  afterAll(async () => {
    for (const hub of hubs) hub.kill('SIGTERM');
    await Promise.all(
      hubs.map((hub) => Promise.race([hub.exited, new Promise((r) => setTimeout(r, 15_000).unref())])),
    );
    for (const hub of hubs) hub.kill('SIGKILL');
    await sql?.end();
    await receiver?.close();
    await db?.drop();
  }, 30_000);

  it('starting together on an empty database, they apply each migration once and seed each demo set once', async () => {
    expect(hubs).toHaveLength(3);
    expect(await count(`SELECT count(*) AS n FROM platform_migrations`)).toBe(MIGRATIONS.length);
    expect(await count(`SELECT count(DISTINCT name) AS n FROM platform_migrations`)).toBe(MIGRATIONS.length);
    // Every instance logged its start; at most one of them applied migrations.
    const migrated = hubs.filter((h) => h.hasLog(/^migrations applied: /));
    expect(migrated).toHaveLength(1);

    const seeds = (await sql.query(`SELECT name, loaded FROM platform_seed_runs ORDER BY name`)).rows;
    expect(seeds).toEqual([
      { name: 'card-registry:demo', loaded: true },
      { name: 'crm-pipeline:demo', loaded: true },
      { name: 'customer-summary:ods-demo', loaded: true },
      { name: 'financial-segments:demo', loaded: true },
    ]);
    // The data a single instance would have loaded, not two or three times that.
    expect(await count(`SELECT count(*) AS n FROM ods_customers`)).toBe(DEMO_CUSTOMERS);
    expect(await count(`SELECT count(*) AS n FROM crm_leads`)).toBe(6);
    expect(await count(`SELECT count(*) AS n FROM crm_opportunities`)).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM card_customers WHERE institution_id = 'INST-DEMO'`)).toBe(
      3,
    );
    expect(await count(`SELECT count(*) AS n FROM seg_users`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM seg_segments`)).toBe(1);
    for (const hub of hubs) {
      expect(hub.aboveInfo.filter((l) => l.level >= 50)).toEqual([]);
    }
  });

  it('the demo synchronize jobs run once each, whichever instance picks them up', async () => {
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM seg_sync_jobs WHERE status = 'SUCCESSFUL'`)) === 3,
      30_000,
    );
    expect(await count(`SELECT count(*) AS n FROM seg_sync_jobs`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM seg_cases`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM seg_income_reports`)).toBe(3);
  });

  it('CRM combo-creates in parallel for one customer across the instances leave one open record', async () => {
    const auth = await bearer('crm-channel', ['crm:write']);
    const legalId = newNtbLegalId();
    const body = (ownerId: string) => ({
      customerType: 'NTB',
      ownerId,
      legalId,
      mobileNumber: newNtbMobile(legalId),
      fullName: 'Nguyễn Văn An',
      product: 'CREDIT_CARD',
      channel: 'MOBILE_APP',
    });
    // Twelve requests, four per instance, by six RMs: reassignments race on every instance.
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        on(i)
          .post(`${CRM_INT}/combo-create-lead-opportunity`)
          .set('Authorization', auth)
          .send(body(`RM${200 + (i % 6)}`)),
      ),
    );
    expect(statuses(responses).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(
      await count(`SELECT count(*) AS n FROM crm_leads WHERE legal_id = $1 AND status = 'NEW_LEAD'`, [
        legalId,
      ]),
    ).toBe(1);
    // No customer anywhere holds two open records.
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT legal_id FROM crm_leads WHERE status = 'NEW_LEAD'
           GROUP BY legal_id HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    const reader = await bearer('crm-reader', ['crm:read']);
    const listed = await on(1)
      .get(`${CRM_API}/leads?legalId=${legalId}&status=NEW_LEAD`)
      .set('Authorization', reader);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
  });

  it('an idempotent create retried on every instance, at once and later, has one effect', async () => {
    const auth = await bearer('card-issuer', ['cards:write', 'cards:read']);
    const key = randomUUID();
    const customerNumber = `MULTI-${randomUUID().slice(0, 8)}`;
    const body = {
      type: 'CORPORATE',
      name: 'Fleet vehicle 51A-99999',
      address: { address1: '1 Nguyen Hue', city: 'Ho Chi Minh City', zipCode: '700000', country: 'VNM' },
      locale: 'vi-VN',
      customerNumber,
      regNo: `0312-${randomUUID().slice(0, 6)}`,
    };
    const send = (i: number) =>
      on(i)
        .post('/card-registry/v1/customers')
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send(body);
    const burst = await Promise.all([0, 1, 2, 3, 4, 5].map(send));
    // The first is 201; the others replay it or are told it is still running.
    expect(statuses(burst).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(
      burst.filter((r) => r.status === 409).every((r) => r.body.code === 'IDEMPOTENCY_KEY_IN_FLIGHT'),
    ).toBe(true);
    const later = await Promise.all([0, 1, 2].map(send));
    expect(statuses(later)).toEqual([201, 201, 201]);
    const ids = new Set([...burst, ...later].filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM card_customers WHERE customer_number = $1`, [customerNumber]),
    ).toBe(1);
  });

  it('synchronize jobs and their signed callbacks run once each across the instances', async () => {
    const users: string[] = [];
    for (let i = 0; i < 3; i++) {
      const auth = await bearer(`segments-${i}`, ['segments:write', 'segments:read']);
      const { body: p } = await on(i)
        .post(`${SEGMENTS}/processes`)
        .set('Authorization', auth)
        .send({ externalUserId: `multi-${randomUUID().slice(0, 8)}` })
        .expect(201);
      await on(i + 1)
        .post(`${SEGMENTS}/users/${p.userId}/data-sources`)
        .set('Authorization', auth)
        .send(salariedImport())
        .expect(201);
      users.push(p.userId);
    }
    // Each user's synchronize sent to all three instances at once with one Idempotency-Key.
    const auth = await bearer('segments-sync', ['segments:write', 'segments:read']);
    const accepted = await Promise.all(
      users.flatMap((userId) => {
        const key = randomUUID();
        return [0, 1, 2].map((i) =>
          on(i)
            .post(`${SEGMENTS}/users/${userId}/synchronize`)
            .set('Authorization', auth)
            .set('Idempotency-Key', key)
            .send({ callbackUrl: receiver.url }),
        );
      }),
    );
    expect(statuses(accepted).filter((s) => s !== 202 && s !== 409)).toEqual([]);
    await receiver.waitFor(3, 30_000);
    await eventually(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM seg_webhook_deliveries WHERE job_id IN
           (SELECT id FROM seg_sync_jobs WHERE user_id = ANY($1::uuid[])) AND status = 'DELIVERED'`,
          [users],
        )) === 3,
      15_000,
    );
    expect(
      await count(`SELECT count(*) AS n FROM seg_sync_jobs WHERE user_id = ANY($1::uuid[])`, [users]),
    ).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM seg_cases WHERE user_id = ANY($1::uuid[])`, [users])).toBe(
      3,
    );
    // One attempt per delivery: no instance delivered a callback another had delivered.
    expect(
      await count(
        `SELECT count(*) AS n FROM seg_webhook_attempts a JOIN seg_webhook_deliveries d ON d.id = a.delivery_id
          WHERE d.job_id IN (SELECT id FROM seg_sync_jobs WHERE user_id = ANY($1::uuid[]))`,
        [users],
      ),
    ).toBe(3);
    // And the receiver saw three distinct jobs, once each, in the pause after the last.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((c) => JSON.parse(c.body).jobId)).size).toBe(3);
  });

  it('the rate limit holds in total, not per instance', async () => {
    // A fixed one-minute window on the database clock: start well inside one.
    const [{ second }] = (await sql.query(`SELECT extract(second FROM now())::int AS second`)).rows;
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const auth = await bearer('rate-probe', ['crm:read']);
    const responses = await Promise.all(
      Array.from({ length: RATE_LIMIT + 15 }, (_, i) =>
        on(i).get(`${CRM_API}/leads?legalId=079000000000`).set('Authorization', auth),
      ),
    );
    const ok = responses.filter((r) => r.status === 200).length;
    const limited = responses.filter((r) => r.status === 429);
    expect(ok).toBe(RATE_LIMIT);
    expect(limited).toHaveLength(15);
    expect(limited.every((r) => r.body.code === 'RATE_LIMITED')).toBe(true);
    // Each instance got 15 requests, under the limit of 30 on its own: the refusals come from the
    // one budget the three share.
  });
});
