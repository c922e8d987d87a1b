import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase } from '@hub/test-database';
import { TypeormSegmentRepository } from './typeorm-segment.repository';
import { FINANCIAL_SEGMENTS_SCHEMA } from './financial-segments.schema';

/**
 * seg_segment_members keeps the referential integrity of its former foreign keys (checked once per
 * statement, migration 1764310500000), and evaluations apply a diff that ends, under concurrency,
 * as one evaluation alone would.
 */
describe('segment memberships: integrity and concurrent evaluations', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let repository: TypeormSegmentRepository;

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource(
      buildDataSourceOptions(db.url, { poolSize: 6, schemas: [FINANCIAL_SEGMENTS_SCHEMA] }),
    );
    await ds.initialize();
    repository = new TypeormSegmentRepository(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  /** A user whose latest report has this balance (VND). */
  async function userWithBalance(balance: string): Promise<string> {
    const userId = randomUUID();
    const caseId = randomUUID();
    const reportId = randomUUID();
    await ds.query(`INSERT INTO seg_users (id, external_user_id) VALUES ($1, $2)`, [userId, `ext-${userId}`]);
    await ds.query(`INSERT INTO seg_cases (id, user_id, data_source_ids) VALUES ($1, $2, '{}')`, [
      caseId,
      userId,
    ]);
    await ds.query(
      `INSERT INTO seg_income_reports (id, case_id, user_id, currency, total_income, months_observed, average_monthly_income,
         months_with_income, total_balance, by_month, by_category)
       VALUES ($1, $2, $3, 'VND', 0, 1, 0, 0, $4, '[]', '[]')`,
      [reportId, caseId, userId, balance],
    );
    await ds.query(`UPDATE seg_users SET latest_report_id = $2 WHERE id = $1`, [userId, reportId]);
    return userId;
  }

  /** A user without any report. */
  async function bareUser(): Promise<string> {
    const userId = randomUUID();
    await ds.query(`INSERT INTO seg_users (id, external_user_id) VALUES ($1, $2)`, [userId, `ext-${userId}`]);
    return userId;
  }

  async function setBalance(userId: string, balance: string): Promise<void> {
    await ds.query(
      `UPDATE seg_income_reports SET total_balance = $2 WHERE id = (SELECT latest_report_id FROM seg_users WHERE id = $1)`,
      [userId, balance],
    );
  }

  async function segment(minTotalBalance: string): Promise<string> {
    const created = await repository.create({
      id: randomUUID(),
      name: 'rich',
      currency: 'VND',
      criteria: { minTotalBalance },
      offers: [{ code: 'GOLD', name: 'Gold card', kind: 'CARD' }],
    });
    return created.id;
  }

  async function memberRows(segmentId: string): Promise<string[]> {
    const rows: { user_id: string; total_balance: string }[] = await ds.query(
      `SELECT user_id, total_balance::text AS total_balance FROM seg_segment_members WHERE segment_id = $1 ORDER BY user_id`,
      [segmentId],
    );
    return rows.map((r) => `${r.user_id} ${r.total_balance}`);
  }

  async function membershipsOf(userId: string): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM seg_segment_members WHERE user_id = $1`, [
      userId,
    ]);
    return n;
  }

  async function begin(): Promise<QueryRunner> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /** Whether the promise is still pending after a moment (it waits for a lock). */
  async function stillWaiting(p: Promise<unknown>): Promise<boolean> {
    const marker = Symbol('pending');
    let timer: NodeJS.Timeout | undefined;
    const winner = await Promise.race([
      p.then(
        () => null,
        () => null,
      ),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(marker), 300);
      }),
    ]);
    clearTimeout(timer);
    return winner === marker;
  }

  it('refuses a membership of a user or a segment that does not exist (SQLSTATE 23503, as the foreign keys did)', async () => {
    const segmentId = await segment('0.00');
    const userId = await userWithBalance('1.00');
    const insert = (s: string, u: string) =>
      ds.query(
        `INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income) VALUES ($1, $2, 1, 1)`,
        [s, u],
      );
    await expect(insert(segmentId, randomUUID())).rejects.toMatchObject({ driverError: { code: '23503' } });
    await expect(insert(randomUUID(), userId)).rejects.toMatchObject({ driverError: { code: '23503' } });
    await insert(segmentId, userId);
    await expect(
      ds.query(`UPDATE seg_segment_members SET user_id = $2 WHERE segment_id = $1`, [
        segmentId,
        randomUUID(),
      ]),
    ).rejects.toMatchObject({ driverError: { code: '23503' } });
    expect(await memberRows(segmentId)).toEqual([`${userId} 1.00`]);
  });

  it('deleting a user or a segment deletes its memberships, as ON DELETE CASCADE did', async () => {
    const segmentId = await segment('100.00');
    const other = await segment('100.00');
    const [a, b] = [await userWithBalance('500.00'), await userWithBalance('600.00')];
    await repository.evaluate(segmentId);
    await repository.evaluate(other);
    expect(await membershipsOf(a)).toBe(2);

    await ds.query(`UPDATE seg_users SET latest_report_id = NULL WHERE id = $1`, [a]);
    await ds.query(`DELETE FROM seg_income_reports WHERE user_id = $1`, [a]);
    await ds.query(`DELETE FROM seg_cases WHERE user_id = $1`, [a]);
    await ds.query(`DELETE FROM seg_users WHERE id = $1`, [a]);
    expect(await membershipsOf(a)).toBe(0);
    expect(await membershipsOf(b)).toBe(2);

    expect(await repository.delete(segmentId)).toBe(true);
    expect(await memberRows(segmentId)).toEqual([]);
    expect(await memberRows(other)).toEqual([`${b} 600.00`]);
  });

  it('a membership added while its user is deleted never outlives the user, whichever transaction goes first', async () => {
    const segmentId = await segment('0.00');

    // The insert first: the deletion waits for it to commit, then deletes what it added.
    const u1 = await bareUser();
    const adding = await begin();
    const deleting = await begin();
    try {
      await adding.query(
        `INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income) VALUES ($1, $2, 1, 1)`,
        [segmentId, u1],
      );
      const deletion = deleting.query(`DELETE FROM seg_users WHERE id = $1`, [u1]);
      expect(await stillWaiting(deletion)).toBe(true);
      await adding.commitTransaction();
      await deletion;
      await deleting.commitTransaction();
    } finally {
      await adding.release();
      await deleting.release();
    }
    expect(await membershipsOf(u1)).toBe(0);

    // The deletion first: the insert waits for it to commit, then fails its check.
    const u2 = await bareUser();
    const deleting2 = await begin();
    const adding2 = await begin();
    try {
      await deleting2.query(`DELETE FROM seg_users WHERE id = $1`, [u2]);
      const insert = adding2.query(
        `INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income) VALUES ($1, $2, 1, 1)`,
        [segmentId, u2],
      );
      insert.catch(() => undefined);
      expect(await stillWaiting(insert)).toBe(true);
      await deleting2.commitTransaction();
      await expect(insert).rejects.toMatchObject({ driverError: { code: '23503' } });
      await adding2.rollbackTransaction();
    } finally {
      await deleting2.release();
      await adding2.release();
    }
    expect(await membershipsOf(u2)).toBe(0);
  });

  it('an evaluation and the deletion of a user it adds leave no membership of that user, whichever goes first', async () => {
    // The deletion first: the evaluation waits for it (the parents' lock, taken before its
    // statement), then does not see the user.
    const segmentId = await segment('100.00');
    const gone = await userWithBalance('150.00');
    const stays = await userWithBalance('150.00');
    const deleting = await begin();
    try {
      await deleting.query(`DELETE FROM seg_users WHERE id = $1`, [gone]);
      const evaluation = repository.evaluate(segmentId);
      evaluation.catch(() => undefined);
      expect(await stillWaiting(evaluation)).toBe(true);
      await deleting.commitTransaction();
      await evaluation;
    } finally {
      await deleting.release();
    }
    expect(await membershipsOf(gone)).toBe(0);
    expect(await membershipsOf(stays)).toBe(1);

    // The evaluation first: held mid-statement (a member's row locked elsewhere, its figures to be
    // updated) after it inserted a newcomer; the deletion of the newcomer waits for it to commit,
    // then deletes the membership it added. Without the lock the deletion would commit meanwhile,
    // and the evaluation, whose insert is not checked, would leave a membership of no user.
    const newcomer = await userWithBalance('150.00');
    await setBalance(stays, '160.00');
    const blocking = await begin();
    const deleting2 = await begin();
    try {
      await blocking.query(
        `SELECT 1 FROM seg_segment_members WHERE segment_id = $1 AND user_id = $2 FOR UPDATE`,
        [segmentId, stays],
      );
      const evaluation = repository.evaluate(segmentId);
      evaluation.catch(() => undefined);
      expect(await stillWaiting(evaluation)).toBe(true);
      const deletion = deleting2.query(`DELETE FROM seg_users WHERE id = $1`, [newcomer]);
      deletion.catch(() => undefined);
      expect(await stillWaiting(deletion)).toBe(true);
      await blocking.rollbackTransaction();
      await evaluation;
      await deletion;
      await deleting2.commitTransaction();
    } finally {
      await blocking.release();
      await deleting2.release();
    }
    expect(await membershipsOf(newcomer)).toBe(0);
    const ours = (await memberRows(segmentId)).filter((r) =>
      [gone, stays, newcomer].includes(r.split(' ')[0]),
    );
    expect(ours).toEqual([`${stays} 160.00`]);
  });

  it('parallel evaluations of one segment whose users changed end as one evaluation alone would', async () => {
    const segmentId = await segment('100.00');
    const users: string[] = [];
    for (let i = 0; i < 30; i++) users.push(await userWithBalance(i % 2 === 0 ? '150.00' : '50.00'));
    await repository.evaluate(segmentId);
    const ours = (rows: string[]) => rows.filter((r) => users.includes(r.split(' ')[0]));
    expect(ours(await memberRows(segmentId))).toHaveLength(15);
    // A third leave, a third join, the others' balances change while they stay members.
    for (const [i, u] of users.entries()) {
      if (i % 3 === 0) await setBalance(u, '10.00');
      else if (i % 3 === 1) await setBalance(u, '200.00');
      else if (i % 2 === 0) await setBalance(u, '175.00');
    }
    const counts = await Promise.all([1, 2, 3, 4].map(() => repository.evaluate(segmentId)));
    const alone = await segment('100.00');
    const aloneCount = await repository.evaluate(alone);
    expect(counts).toEqual([aloneCount, aloneCount, aloneCount, aloneCount]);
    expect(await memberRows(segmentId)).toEqual(await memberRows(alone));
    expect((await memberRows(segmentId)).filter((r) => r.endsWith(' 175.00')).length).toBeGreaterThan(0);
  });
});
