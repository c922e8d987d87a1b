import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type JobQueue } from '@hub/platform';
import { cloneTemplateDatabase } from '@hub/test-database';
import type { DataSourceImport, ImportedAccount } from '../../application/ports/user-data.repository';
import { ANALYZE_AFTER_IMPORTED_ROWS } from './bulk-statistics';
import { FINANCIAL_SEGMENTS_SCHEMA } from './financial-segments.schema';
import { TypeormProcessRepository } from './typeorm-process.repository';
import { TypeormUserDataRepository } from './typeorm-user-data.repository';

/** `accounts` accounts with `perAccount` transactions each. */
function accounts(prefix: string, count: number, perAccount: number): ImportedAccount[] {
  return Array.from({ length: count }, (_, a) => ({
    accountNumber: `${prefix}${String(a).padStart(6, '0')}`,
    type: 'CHECKING' as const,
    currency: 'VND',
    balance: '1000.00',
    transactions: Array.from({ length: perAccount }, (_, t) => ({
      id: `T-${a}-${t}`,
      bookingDate: `2026-0${1 + (t % 9)}-15`,
      amount: t % 2 === 0 ? '2500000.00' : '-120000.50',
      currency: 'VND',
      purpose: t % 2 === 0 ? 'PAYROLL ACME' : 'GROCERIES',
      counterpartName: t % 2 === 0 ? 'ACME' : 'SHOP',
      counterpartAccount: null,
    })),
  }));
}

describe('ANALYZE after a bulk import of data sources', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let users: TypeormUserDataRepository;
  let processes: TypeormProcessRepository;

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource(
      buildDataSourceOptions(db.url, { poolSize: 2, schemas: [FINANCIAL_SEGMENTS_SCHEMA] }),
    );
    await ds.initialize();
    users = new TypeormUserDataRepository(ds);
    // No callback in these completions: the queue is never used.
    processes = new TypeormProcessRepository(ds, {} as JobQueue);
  });

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  /** analyze_count of the import tables, and the planner's row estimate of seg_transactions. */
  async function statistics() {
    await ds.query('SELECT pg_stat_force_next_flush()');
    const rows = (await ds.query(
      `SELECT s.relname, s.analyze_count::int AS analyzed, c.reltuples::bigint::int AS estimated
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.relname IN ('seg_accounts', 'seg_transactions') ORDER BY s.relname`,
    )) as { relname: string; analyzed: number; estimated: number }[];
    return Object.fromEntries(rows.map((r) => [r.relname, { analyzed: r.analyzed, estimated: r.estimated }]));
  }

  async function newUser(external: string): Promise<string> {
    return (await users.openProcess(external, `hash-${external}`, new Date(Date.now() + 60_000))).userId;
  }

  it('a small import is left to autovacuum; a large one ends with fresh statistics of the tables it filled', async () => {
    const userId = await newUser('small');
    const before = await statistics();
    const small = await users.importDataSource(userId, {
      type: 'IMPORT',
      sourceKey: 'SMALL BANK',
      bankName: 'SMALL BANK',
      accounts: accounts('S', 2, 10),
    });
    expect(small).toMatchObject({ accounts: 2, transactions: 20 });
    expect(await statistics()).toEqual(before);

    // 2 accounts + 2,000 transactions: past the threshold.
    const large: DataSourceImport = {
      type: 'IMPORT',
      sourceKey: 'BIG BANK',
      bankName: 'BIG BANK',
      accounts: accounts('B', 2, 1000),
    };
    expect(2 + 2000).toBeGreaterThanOrEqual(ANALYZE_AFTER_IMPORTED_ROWS);
    const result = await users.importDataSource(userId, large);
    expect(result).toMatchObject({ accounts: 2, transactions: 2000 });
    const after = await statistics();
    expect(after).toEqual({
      seg_accounts: { analyzed: before.seg_accounts.analyzed + 1, estimated: 4 },
      seg_transactions: { analyzed: before.seg_transactions.analyzed + 1, estimated: 2020 },
    });

    // The same import again adds no transaction (known by id): 2 rows, no ANALYZE.
    expect(await users.importDataSource(userId, large)).toMatchObject({ accounts: 2, transactions: 0 });
    expect(await statistics()).toEqual(after);
  });

  it('the web form completion (one transaction for every bank) ANALYZEs after it committed', async () => {
    const external = 'form';
    const { processId } = await processes.open({
      externalUserId: external,
      tokenHash: 'form-token-hash',
      expiresAt: new Date(Date.now() + 60_000),
      redirectUrl: null,
      callbackUrl: null,
      language: 'en',
    });
    const before = await statistics();
    const outcome = await processes.complete({
      processId,
      imports: ['FIRST BANK', 'SECOND BANK'].map((bank, i) => ({
        type: 'IMPORT' as const,
        sourceKey: bank,
        bankName: bank,
        accounts: accounts(`F${i}`, 3, 250),
      })),
      consent: { textVersion: 'v1', scope: ['accounts'] },
      callback: null,
    });
    expect(outcome).toMatchObject({ ok: true });
    const after = await statistics();
    expect(after).toEqual({
      seg_accounts: { analyzed: before.seg_accounts.analyzed + 1, estimated: 4 + 6 },
      seg_transactions: { analyzed: before.seg_transactions.analyzed + 1, estimated: 2020 + 1500 },
    });
  });
});
