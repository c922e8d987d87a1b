import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource, type Logger as TypeormLogger } from 'typeorm';
import { SegmentService, SynchronizationService } from '@hub/financial-segments';
import { mintToken, startEmbeddedPostgres } from '@hub/platform';
import { createApp } from '../apps/api/src/app.factory';
// The bench times the membership SELECT on its own, an internal statement no public export names.
// eslint-disable-next-line no-restricted-imports
import {
  MEMBERSHIP_CRITERIA_COLUMNS,
  type MembershipCriteria,
  segmentMembersQuery,
} from '../libs/financial-segments/src/adapters/persistence/segment-membership.sql';

/**
 * npm run bench:segments [-- --users 100000 --transactions 2000 --runs 3]
 *
 * 1. Loads N users' latest income-report figures (set-based SQL: reports, and income per
 *    category with its months), then evaluates segments over all of them through the repository: one SQL
 *    statement per evaluation (counted), with and without a category restriction.
 * 2. Imports one user with ~2,000 transactions over 2 years over HTTP, queues a synchronize and
 *    times the job's run (load, classify, write Case, Report, memberships, callback), counting
 *    the SQL statements.
 * Runs the whole hub (without job workers) on a throwaway database on the server of DATABASE_URL
 * if set, else on an embedded PostgreSQL in a throwaway directory. Results: stdout and bench-out/financial-segments.json.
 */
const USERS = Number(argument('--users') ?? 100_000);
const TRANSACTIONS = Number(argument('--transactions') ?? 2_000);

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

class QueryCounter implements TypeormLogger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

function spread(ms: number[]): { min: number; median: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    min: Math.round(sorted[0]),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]),
    max: Math.round(sorted[sorted.length - 1]),
  };
}

function show(ms: number[]): string {
  const { min, median, max } = spread(ms);
  return `${min}/${median}/${max} ms`;
}

async function seedFigures(ds: DataSource, users: number): Promise<void> {
  // Users 0..N-1: balance and income spread so that segments cut through the population. The
  // balance is (n * 7919) mod 1000, computed as ((n mod 1000) * 7919) mod 1000 so that it stays
  // within int4 whatever the number of users (n * 7919 overflows above 271,180 users).
  await ds.query(`
    CREATE TEMP TABLE bench_users AS
    SELECT gen_random_uuid() AS user_id, gen_random_uuid() AS case_id, gen_random_uuid() AS report_id, g AS n
    FROM generate_series(0, ${users - 1}) g`);
  await ds.query(
    `INSERT INTO seg_users (id, external_user_id) SELECT user_id, 'bench-' || n FROM bench_users`,
  );
  await ds.query(
    `INSERT INTO seg_cases (id, user_id, data_source_ids) SELECT case_id, user_id, '{}'::uuid[] FROM bench_users`,
  );
  await ds.query(`
    INSERT INTO seg_income_reports (id, case_id, user_id, currency, period_from, period_to, total_income, months_observed,
      average_monthly_income, months_with_income, total_balance, by_month, by_category, main_income_source)
    SELECT report_id, case_id, user_id, 'VND', '2024-11-01', '2026-10-31',
           (n % 50) * 1000000 * 24, 24, (n % 50) * 1000000, 24 - (n % 7),
           ((n % 1000) * 7919 % 1000) * 1000000.00, '[]'::jsonb, '[]'::jsonb, NULL
    FROM bench_users`);
  await ds.query(`
    INSERT INTO seg_income_report_categories (report_id, category, total, count, months)
    SELECT b.report_id, c.category,
           (CASE c.category WHEN 'SALARY' THEN (b.n % 50) * 900000 ELSE (b.n % 50) * 100000 END) * (24 - b.n % 7),
           24 - b.n % 7,
           (repeat('1', 24 - b.n % 7) || repeat('0', b.n % 7))::varbit
    FROM bench_users b
    CROSS JOIN (VALUES ('SALARY'), ('RENTAL')) c(category)
    WHERE c.category = 'SALARY' OR b.n % 3 = 0`);
  await ds.query(
    `UPDATE seg_users u SET latest_report_id = b.report_id FROM bench_users b WHERE b.user_id = u.id`,
  );
  await ds.query(`ANALYZE`);
}

function transactionsFor(n: number) {
  const txs = [];
  const start = Date.UTC(2024, 10, 1);
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor((i / n) * 730) * 86_400_000).toISOString().slice(0, 10);
    const kind = i % 40;
    const [amount, purpose, counterpartName] =
      kind === 0
        ? ['25000000.00', `Lương tháng ${day.slice(5, 7)}`, 'CONG TY ABC']
        : kind === 1
          ? ['8000000.00', 'TIEN NHA', 'Tran Van B']
          : kind === 2
            ? ['450000.00', 'HOAN TIEN DON HANG', 'SHOPEE']
            : [`-${(100000 + (i % 97) * 10000).toFixed(2)}`, 'thanh toan', `Merchant ${i % 150}`];
    txs.push({
      id: `T${i}`,
      bookingDate: day,
      amount,
      currency: 'VND',
      purpose,
      counterpartName,
      counterpartAccount: null,
    });
  }
  return txs;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? null;
  const embedded = serverUrl ? null : await startEmbeddedPostgres({ dataDir: 'memory' });
  const adminUrl = serverUrl ?? (embedded as { url: string }).url;
  const name = `hub_bench_segments_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const secret = randomBytes(32).toString('hex');
  const results: Record<string, unknown> = {
    database: serverUrl ? 'server (DATABASE_URL)' : 'embedded',
    users: USERS,
    transactions: TRANSACTIONS,
  };
  let app: NestFastifyApplication | null = null;
  try {
    // The whole hub on the throwaway database (migrated at start), without job workers: the bench runs the job itself.
    ({ app } = await createApp({
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: url,
        AUTH_JWT_SECRET: secret,
        DEMO_DATA: 'off',
        DB_STATEMENT_TIMEOUT_MS: process.env.DB_STATEMENT_TIMEOUT_MS ?? '1800000', // seeding 1M users takes minutes
        LOG_LEVEL: 'silent',
        SEGMENTS_WORKERS: 'false',
        WEBHOOK_ALLOW_PRIVATE: 'true', // no DNS needed; the callback is never sent (no workers)
        WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
      },
    }));
    await app.init();
    const ds = app.get(DataSource);
    const counter = new QueryCounter();
    (ds as unknown as { logger: TypeormLogger }).logger = counter;
    const engine = (await ds.query(`SHOW server_version`))[0].server_version;
    results.postgres = engine;
    process.stdout.write(`financial-segments bench on ${results.database} PostgreSQL ${engine}\n`);

    const seeding = await timed(() => seedFigures(ds, USERS));
    process.stdout.write(`  seeded ${USERS} users' report figures in ${(seeding.ms / 1000).toFixed(1)} s\n`);

    const segments = app.get(SegmentService);
    const plain = await segments.create({
      name: 'Affluent',
      currency: 'VND',
      criteria: {
        minTotalBalance: '500000000.00',
        minAverageMonthlyIncome: '20000000.00',
        minMonthsWithIncome: 20,
      },
      offers: [{ code: 'PLATINUM', name: 'Platinum card', kind: 'CARD' }],
    });
    const restricted = await segments.create({
      name: 'Landlords',
      currency: 'VND',
      criteria: {
        incomeCategories: ['RENTAL'],
        minAverageMonthlyIncome: '2000000.00',
        minMonthsWithIncome: 18,
      },
      offers: [{ code: 'HOME_LOAN', name: 'Home loan', kind: 'LOAN' }],
    });
    const runs = Number(argument('--runs') ?? 3);
    for (const [label, segment] of [
      ['criteria on the report figures', plain],
      ['criteria restricted to RENTAL income', restricted],
    ] as const) {
      // The SELECT alone (who is a member, counted, nothing written): the floor of an evaluation.
      const [criteria] = (await ds.query(
        `SELECT ${MEMBERSHIP_CRITERIA_COLUMNS} FROM seg_segments WHERE id = $1`,
        [segment.id],
      )) as MembershipCriteria[];
      const { sql: select, params } = segmentMembersQuery(segment.id, criteria);
      const selectAlone: number[] = [];
      for (let i = 0; i < runs; i++) {
        selectAlone.push((await timed(() => ds.query(`SELECT count(*) FROM (${select}) q`, params))).ms);
      }
      // First evaluation: the segment has no members yet.
      counter.count = 0;
      const first = await timed(() => segments.evaluate(segment.id));
      // START TRANSACTION, lock the segment, read its criteria, the settings, the evaluation statement, UPDATE evaluated_at, COMMIT
      const statements = counter.count;
      // Re-evaluations with nothing changed.
      const again: number[] = [];
      for (let i = 0; i < runs; i++) again.push((await timed(() => segments.evaluate(segment.id))).ms);
      // Re-evaluations after about 1% of the latest reports changed their balance (members join and leave).
      const changed: number[] = [];
      let changedMembers = 0;
      for (let i = 0; i < runs; i++) {
        await ds.query(
          `UPDATE seg_income_reports SET total_balance = 999000000.00 - total_balance
           WHERE id IN (SELECT latest_report_id FROM seg_users WHERE abs(hashtext(id::text || $1)) % 100 = 0)`,
          [String(i)],
        );
        const run = await timed(() => segments.evaluate(segment.id));
        changed.push(run.ms);
        changedMembers = run.value.members;
      }
      results[`evaluate: ${label}`] = {
        selectAloneMs: spread(selectAlone),
        firstEvaluationMs: Math.round(first.ms),
        reEvaluationMs: spread(again),
        reEvaluationAfter1PercentChangedMs: spread(changed),
        members: first.value.members,
        membersAfterChanges: changedMembers,
        statementsInTransaction: statements,
      };
      process.stdout.write(
        `  ${label}, ${USERS} users, ${first.value.members} members (${changedMembers} after the changes), ` +
          `${statements} statements in an evaluation's transaction (min/median/max over ${runs} runs):\n` +
          `    SELECT alone ${show(selectAlone)} | first evaluation ${first.ms.toFixed(0)} ms | ` +
          `re-evaluation ${show(again)} | re-evaluation after 1% of reports changed ${show(changed)}\n`,
      );
    }

    const auth = `Bearer ${await mintToken({ secret, subject: 'bench', scopes: ['segments:write', 'segments:read'] })}`;
    const call = async (method: 'POST' | 'GET', path: string, payload?: object) => {
      const res = await app!.inject({
        method,
        url: `/financial-segments/v1${path}`,
        headers: { authorization: auth },
        payload,
      });
      if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const { userId } = await call('POST', '/processes', { externalUserId: 'bench-report-user' });
    const imported = await timed(() =>
      call('POST', `/users/${userId}/data-sources`, {
        type: 'IMPORT',
        bankName: 'Bench Bank',
        accounts: [
          {
            accountNumber: '001',
            type: 'CHECKING',
            currency: 'VND',
            balance: '50000000.00',
            transactions: transactionsFor(TRANSACTIONS),
          },
        ],
      }),
    );
    process.stdout.write(
      `  imported ${imported.value.transactions} transactions over HTTP in ${imported.ms.toFixed(0)} ms\n`,
    );
    const { jobId } = await call('POST', `/users/${userId}/synchronize`, {
      callbackUrl: 'http://127.0.0.1:9/cb',
    });

    counter.count = 0;
    const built = await timed(() => app!.get(SynchronizationService).run(jobId));
    const statements = counter.count;
    const job = await call('GET', `/jobs/${jobId}`);
    const report = await call('GET', `/cases/${job.caseId}/reports/income`);
    results['income report'] = {
      ms: Math.round(built.ms),
      outcome: built.value,
      transactions: TRANSACTIONS,
      incomeTransactions: report.incomeTransactions.length,
      statements,
    };
    process.stdout.write(
      `  income report over ${TRANSACTIONS} transactions (the synchronize job: load, classify, write case/report/memberships, ` +
        `enqueue the callback): ${built.ms.toFixed(0)} ms, ${report.incomeTransactions.length} income transactions, ${statements} SQL statements\n`,
    );
  } finally {
    await app?.close();
    if (process.argv.includes('--keep')) process.stdout.write(`  kept database ${url}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  }
  mkdirSync('bench-out', { recursive: true });
  writeFileSync('bench-out/financial-segments.json', JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
