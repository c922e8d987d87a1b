import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { tx } from '../fixtures/financial-segments/import-data';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

/** The database is read to prove nothing of the user is left: local only. */
const describeLocal = remote ? describe.skip : describe;

interface Traces {
  userId: string;
  externalUserId: string;
  accountNumber: string;
  jobId: string;
  caseId: string;
  reportId: string;
  deliveryIds: string[];
}

/** The rows of `table` whose any column mentions one of the values (the row as JSON text). */
async function rowsMentioning(db: DataSource, table: string, values: string[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM ${table} t WHERE EXISTS (
       SELECT 1 FROM unnest($1::text[]) v WHERE strpos(to_jsonb(t)::text, v) > 0)`,
    [values],
  );
  return n;
}

const tracesOf = (t: Traces) => [
  t.userId,
  t.externalUserId,
  t.accountNumber,
  t.jobId,
  t.caseId,
  t.reportId,
  ...t.deliveryIds,
];

describeLocal('financial segments: erasure (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let write: string;
  let read: string;
  let delivered: CallbackReceiver;
  let failing: CallbackReceiver;

  beforeAll(async () => {
    // A failing callback is retried a minute later: its queue job is still pending at erasure.
    t = await createTestApp({
      env: {
        WEBHOOK_RETRY_BASE_MS: '60000',
        WEBHOOK_MAX_ATTEMPTS: '5',
        WEBHOOK_TIMEOUT_MS: '1000',
        SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
      },
    });
    db = t.dataSource as DataSource;
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
    delivered = await CallbackReceiver.start([204]);
    failing = await CallbackReceiver.start([500]);
  });

  afterAll(async () => {
    await delivered.close();
    await failing.close();
    await t.close();
  });

  /** A user with an import, a finished job and report, and a callback delivered or still retrying. */
  async function userWithEverything(callbackUrl: string): Promise<Traces> {
    const externalUserId = `erasure-${randomUUID()}`;
    const accountNumber = `ACC-${randomUUID()}`;
    const { body: process } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId })
      .expect(201);
    await t.http
      .post(`${BASE}/users/${process.userId}/data-sources`)
      .set('Authorization', write)
      .send({
        type: 'IMPORT',
        bankName: 'Erasure Bank',
        accounts: [
          {
            accountNumber,
            type: 'CHECKING',
            currency: 'VND',
            balance: '150000000.00',
            transactions: ['07', '08', '09'].map((m) =>
              tx({
                id: `${accountNumber}-${m}`,
                bookingDate: `2026-${m}-25`,
                amount: '30000000.00',
                purpose: `LUONG T${m}`,
                counterpartName: 'CONG TY ABC',
              }),
            ),
          },
        ],
      })
      .expect(201);
    const { body: sync } = await t.http
      .post(`${BASE}/users/${process.userId}/synchronize`)
      .set('Authorization', write)
      .send({ callbackUrl })
      .expect(202);
    const job = await eventually(async () => {
      const res = await t.http.get(`${BASE}/jobs/${sync.jobId}`).set('Authorization', read).expect(200);
      return res.body.status === 'SUCCESSFUL' ? res.body : null;
    });
    const deliveries: { id: string }[] = await eventually(async () => {
      const rows: { id: string; attempts: number }[] = await db.query(
        `SELECT id, attempts FROM seg_webhook_deliveries WHERE job_id = $1`,
        [sync.jobId],
      );
      return rows.length > 0 && rows.every((r) => r.attempts > 0) ? rows : null;
    });
    return {
      userId: process.userId,
      externalUserId,
      accountNumber,
      jobId: sync.jobId,
      caseId: job.caseId,
      reportId: job.reportId,
      deliveryIds: deliveries.map((d) => d.id),
    };
  }

  async function memberCount(segmentId: string): Promise<number> {
    const res = await t.http
      .get(`${BASE}/segments/${segmentId}/members`)
      .set('Authorization', read)
      .expect(200);
    return res.body.total;
  }

  it('erases every row of the user in every seg_ table and the queue, keeps others and an audit record of hashes', async () => {
    const erased = await userWithEverything(failing.url);
    const kept = await userWithEverything(delivered.url);
    const { body: segment } = await t.http
      .post(`${BASE}/segments`)
      .set('Authorization', write)
      .send({
        name: `Erasure ${randomUUID()}`,
        currency: 'VND',
        criteria: { minTotalBalance: '100000000.00' },
        offers: [{ code: 'GOLD', name: 'Gold card', kind: 'CARD' }],
      })
      .expect(201);
    await t.http.post(`${BASE}/segments/${segment.id}/evaluate`).set('Authorization', write).expect(200);
    expect(await memberCount(segment.id)).toBe(2);
    const offers = await t.http.get(`${BASE}/users/${erased.userId}/offers`).set('Authorization', read);
    expect(offers.body).toEqual({
      items: [expect.objectContaining({ segmentId: segment.id, code: 'GOLD' })],
      total: 1,
      page: 1,
      pageSize: 50,
    });

    // The failing callback's retry is a pending queue job naming the delivery.
    expect(await rowsMentioning(db, 'pgboss.job', erased.deliveryIds)).toBeGreaterThan(0);
    const [pending] = await db.query(`SELECT status FROM seg_webhook_deliveries WHERE id = $1`, [
      erased.deliveryIds[0],
    ]);
    expect(pending.status).toBe('PENDING');

    await t.http
      .delete(`${BASE}/users/${erased.userId}`)
      .set('Authorization', write)
      .set('X-Request-Id', 'erasure-request-1')
      .expect(204);

    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name LIKE 'seg\\_%' ORDER BY table_name`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    const left: Record<string, number> = {};
    const keptRows: Record<string, number> = {};
    for (const { table_name } of tables) {
      left[table_name] = await rowsMentioning(db, table_name, tracesOf(erased));
      keptRows[table_name] = await rowsMentioning(db, table_name, tracesOf(kept));
    }
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
    // The other user is untouched in every table that held the erased user's rows.
    for (const table of [
      'seg_users',
      'seg_processes',
      'seg_data_sources',
      'seg_accounts',
      'seg_transactions',
      'seg_sync_jobs',
      'seg_cases',
      'seg_income_reports',
      'seg_webhook_deliveries',
      'seg_webhook_attempts',
      'seg_segment_members',
    ]) {
      expect([table, keptRows[table]]).toEqual([table, expect.any(Number)]);
      expect(keptRows[table]).toBeGreaterThan(0);
    }
    for (const table of ['pgboss.job', 'pgboss.archive']) {
      expect([table, await rowsMentioning(db, table, tracesOf(erased))]).toEqual([table, 0]);
    }

    // Later reads are 404 and the segment lost a member.
    const notFound = async (path: string, code: string) => {
      const res = await t.http.get(`${BASE}${path}`).set('Authorization', read).expect(404);
      expect(res.body.code).toBe(code);
    };
    await notFound(`/cases/${erased.caseId}`, 'CASE_NOT_FOUND');
    await notFound(`/cases/${erased.caseId}/reports/income`, 'CASE_NOT_FOUND');
    await notFound(`/jobs/${erased.jobId}`, 'JOB_NOT_FOUND');
    await notFound(`/users/${erased.userId}/offers`, 'USER_NOT_FOUND');
    await notFound(`/webhook-deliveries/${erased.deliveryIds[0]}`, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expect(await memberCount(segment.id)).toBe(1);
    await t.http.get(`${BASE}/cases/${kept.caseId}`).set('Authorization', read).expect(200);

    // The audit record: who and what, the user only as keyed hashes.
    const audit: { actor: string; subject_hashes: string[]; outcome: string; details: unknown }[] =
      await db.query(
        `SELECT actor, subject_hashes, outcome, details FROM platform_audit_records
         WHERE action = 'financial-segments.user-erased' AND request_id = 'erasure-request-1'`,
      );
    expect(audit).toHaveLength(1);
    expect(audit[0].outcome).toBe('OK');
    expect(audit[0].subject_hashes).toEqual([
      expect.stringMatching(/^segUserId:[0-9a-f]{64}$/),
      expect.stringMatching(/^externalUserId:[0-9a-f]{64}$/),
    ]);
    expect(audit[0].details).toMatchObject({
      removed: expect.objectContaining({ transactions: 3, cases: 1 }),
    });
    expect(await rowsMentioning(db, 'platform_audit_records', tracesOf(erased))).toBe(0);

    // The same external user later starts afresh, as a new user.
    const { body: again } = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: erased.externalUserId })
      .expect(201);
    expect(again.userId).not.toBe(erased.userId);
  });

  it('404 for an unknown user, 400 for a bad id, 403 with a read-only token', async () => {
    const res = await t.http.delete(`${BASE}/users/${randomUUID()}`).set('Authorization', write).expect(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      code: 'USER_NOT_FOUND',
      requestId: expect.any(String),
    });
    const bad = await t.http.delete(`${BASE}/users/not-a-uuid`).set('Authorization', write).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http.delete(`${BASE}/users/${randomUUID()}`).set('Authorization', read).expect(403);
    await t.http.delete(`${BASE}/users/${randomUUID()}`).expect(401);
  });

  it('parallel erasures and imports of one user: one erasure wins, nothing of the user is left', async () => {
    const user = await userWithEverything(delivered.url);
    const importBody = {
      type: 'IMPORT',
      bankName: 'Late Bank',
      accounts: [
        {
          accountNumber: user.accountNumber,
          type: 'SAVINGS',
          currency: 'VND',
          balance: '1.00',
          transactions: [],
        },
      ],
    };
    const results = await Promise.all([
      t.http.delete(`${BASE}/users/${user.userId}`).set('Authorization', write),
      t.http.post(`${BASE}/users/${user.userId}/data-sources`).set('Authorization', write).send(importBody),
      t.http.delete(`${BASE}/users/${user.userId}`).set('Authorization', write),
      t.http.post(`${BASE}/users/${user.userId}/data-sources`).set('Authorization', write).send(importBody),
    ]);
    expect([results[0].status, results[2].status].sort()).toEqual([204, 404]);
    for (const r of [results[1], results[3]]) expect([201, 404]).toContain(r.status);
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'seg\\_%'`,
    );
    for (const { table_name } of tables) {
      expect([table_name, await rowsMentioning(db, table_name, tracesOf(user))]).toEqual([table_name, 0]);
    }
  });
});
