import { Client } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase, schemaDifference } from '@hub/test-database';
import { validateSnapshot } from '../../domain/ods-snapshot.parser';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';
import { buildFacility, buildRawSnapshot, buildSnapshot } from '../../testing/ods-snapshot.factory';
import { InMemoryOds } from '../../testing/in-memory-ods';
import { TypeormOdsRepository } from './typeorm-ods.repository';
import { CUSTOMER_SUMMARY_SCHEMA } from './customer-summary.schema';

/** Counts the SQL statements the adapter sends (TypeORM's logger sees every query). */
class CountingLogger implements Logger {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

function snapshotFrom(raw: Record<string, unknown>): OdsCustomerSnapshot {
  const result = validateSnapshot(raw);
  if (!result.ok) throw new Error(result.message);
  return result.snapshot;
}

function withFacilities(cif: string, count: number): OdsCustomerSnapshot {
  return buildSnapshot({
    cif,
    legalIds: [{ type: 'CMND', number: `1${cif.padStart(8, '0')}`, issueDate: null, issuePlace: null }],
    mobileNumbers: [],
    lending: Array.from({ length: count }, (_, i) =>
      buildFacility({
        contractNumber: `K${i}`,
        paymentHistory: Array.from({ length: 12 }, (_, m) => ({
          period: `2025-${String(m + 1).padStart(2, '0')}`,
          dueAmount: '1.00',
          paidAmount: '1.00',
          paidDate: null,
          daysLate: 0,
        })),
      }),
    ),
    deposits: Array.from({ length: count }, (_, i) => ({
      productType: 'SAVINGS_ACCOUNT' as const,
      accountNumber: `A${i}`,
      productName: null,
      currency: 'VND',
      balance: '1.00',
      availableBalance: null,
      principalAmount: null,
      interestRate: null,
      termMonths: null,
      openDate: null,
      maturityDate: null,
      status: 'ACTIVE' as const,
    })),
  });
}

describe('TypeormOdsRepository (PostgreSQL)', () => {
  let ds: DataSource;
  let repo: TypeormOdsRepository;
  let drop: () => Promise<void>;
  const logger = new CountingLogger();

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource({
      ...buildDataSourceOptions(db.url, { schemas: [CUSTOMER_SUMMARY_SCHEMA] }),
      logging: ['query'],
      logger,
    });
    await ds.initialize();
    repo = new TypeormOdsRepository(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE ods_customers CASCADE');
    logger.statements = [];
  });

  it('a bulk load through the ingest ends by ANALYZEing every ods_ table (the planned columns)', async () => {
    const { OdsIngestService, ANALYZE_AFTER_LOADED } = await import('../../application/ods-ingest.service');
    const { generateSyntheticCustomers } = await import('../synthetic/synthetic-customers');
    const analyzed = async () =>
      (await ds.query(
        `SELECT relname, analyze_count FROM pg_stat_user_tables WHERE relname LIKE 'ods\\_%' ORDER BY relname`,
      )) as Array<{ relname: string; analyze_count: string }>;
    const before = await analyzed();
    async function* lines(customers: number) {
      for (const c of generateSyntheticCustomers({ customers, seed: 'analyze', showcase: false })) {
        yield `${JSON.stringify(c)}\n`;
      }
    }
    const ingest = new OdsIngestService(repo);
    await ingest.ingest(lines(10));
    await ds.query('SELECT pg_stat_force_next_flush()');
    expect(await analyzed()).toEqual(before); // a small load is left to autovacuum
    const report = await ingest.ingest(lines(ANALYZE_AFTER_LOADED));
    expect(report.loaded).toBe(ANALYZE_AFTER_LOADED);
    await ds.query('SELECT pg_stat_force_next_flush()');
    const after = await analyzed();
    expect(after.length).toBeGreaterThanOrEqual(8);
    for (const table of after) {
      const was = before.find((b) => b.relname === table.relname);
      expect({ table: table.relname, analyzed: Number(table.analyze_count) }).toEqual({
        table: table.relname,
        analyzed: Number(was?.analyze_count ?? 0) + 1,
      });
    }
    // The columns the lookups' plans depend on have statistics of the loaded data.
    const stats = (await ds.query(
      `SELECT tablename || '.' || attname AS col FROM pg_stats
        WHERE tablename IN ('ods_customers', 'ods_customer_legal_ids', 'ods_customer_mobiles')
          AND attname IN ('cif', 'status', 'number', 'e164') ORDER BY 1`,
    )) as Array<{ col: string }>;
    expect(stats.map((s) => s.col)).toEqual([
      'ods_customer_legal_ids.cif',
      'ods_customer_legal_ids.number',
      'ods_customer_mobiles.cif',
      'ods_customer_mobiles.e164',
      'ods_customers.cif',
      'ods_customers.status',
    ]);
  });

  it('the migration leaves no diff against the ods_ entities', async () => {
    const sql = await schemaDifference(ds);
    expect(sql.upQueries.map((q) => q.query).filter((q) => /ods_/.test(q))).toEqual([]);
  });

  it('stores a snapshot and reads it back exactly, amounts as decimal strings', async () => {
    const snapshot = snapshotFrom(buildRawSnapshot());
    await repo.replaceSnapshots([snapshot]);
    const read = await repo.findSnapshot(snapshot.cif);
    // Payments come back newest first (the fixture lists them oldest first).
    expect(read!.snapshot).toEqual({
      ...snapshot,
      lending: snapshot.lending.map((f) => ({ ...f, paymentHistory: [...f.paymentHistory].reverse() })),
    });
    expect(read!.dataAsOf).toEqual({
      extractedAt: '2026-10-31T18:00:00.000Z',
      loadedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      extractedAtSource: 'ODS',
    });
    expect(Math.abs(Date.parse(read!.dataAsOf.loadedAt) - Date.now())).toBeLessThan(60_000);
    expect(read!.dataQualityFlags).toEqual([]);
    expect(await repo.findSnapshot('nobody')).toBeNull();
  });

  it('behaves like the in-memory ODS on generated customers (the in-memory double is faithful)', async () => {
    const { generateSyntheticCustomers } = await import('../synthetic/synthetic-customers');
    const snapshots = [...generateSyntheticCustomers({ customers: 60, seed: 'int' })].map(snapshotFrom);
    // Half prepared ahead, as the ingest does; the other half after another array was prepared
    // (what is written is always the batch passed, never another one's encoding).
    const [first, second] = [snapshots.slice(0, 30), snapshots.slice(30)];
    repo.prepareSnapshots(first);
    await repo.replaceSnapshots(first);
    repo.prepareSnapshots([...first]);
    await repo.replaceSnapshots(second);
    const memory = new InMemoryOds(snapshots);
    for (const s of snapshots) {
      const [db, mem] = [await repo.findSnapshot(s.cif), await memory.findSnapshot(s.cif)];
      expect(db!.dataQualityFlags).toEqual(mem!.dataQualityFlags);
      const norm = (r: OdsSnapshotRecord | null, x = r?.snapshot) =>
        x && {
          ...x,
          lending: [...x.lending]
            .sort((a, b) => a.contractNumber.localeCompare(b.contractNumber))
            .map((f) => ({
              ...f,
              paymentHistory: [...f.paymentHistory].sort((a, b) => a.period.localeCompare(b.period)),
            })),
          deposits: [...x.deposits].sort((a, b) => a.accountNumber.localeCompare(b.accountNumber)),
        };
      expect(norm(db)).toEqual(norm(mem));
      expect(await repo.findCasaAccountsAndPayroll(s.cif)).toEqual(
        await memory.findCasaAccountsAndPayroll(s.cif),
      );
      const q = { legalId: s.legalIds[0]?.number ?? null, mobileNumber: s.mobileNumbers[0] ?? null };
      const sortC = (c: {
        byLegalId: readonly { cif: string }[];
        byMobileNumber: readonly { cif: string }[];
      }) => ({
        byLegalId: [...c.byLegalId].sort((a, b) => a.cif.localeCompare(b.cif)),
        byMobileNumber: [...c.byMobileNumber].sort((a, b) => a.cif.localeCompare(b.cif)),
      });
      expect(sortC(await repo.findCandidates(q))).toEqual(sortC(await memory.findCandidates(q)));
    }
  });

  it('a reloaded snapshot replaces everything the CIF had', async () => {
    await repo.replaceSnapshots([withFacilities('77', 3)]);
    await repo.replaceSnapshots([
      buildSnapshot({ cif: '77', fullName: 'Tên mới', mobileNumbers: ['+84987654321'], legalIds: [] }),
    ]);
    const read = await repo.findSnapshot('77');
    expect(read?.snapshot).toMatchObject({
      fullName: 'Tên mới',
      lending: [],
      deposits: [],
      legalIds: [],
      mobileNumbers: ['+84987654321'],
    });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ods_lending_payments WHERE cif = '77'`);
    expect(n).toBe(0);
    expect((await repo.findCandidates({ legalId: '100000077', mobileNumber: null })).byLegalId).toEqual([]);
  });

  it('finds candidates by each identifier with their status, in one statement', async () => {
    await repo.replaceSnapshots([
      buildSnapshot({ cif: 'A', mobileNumbers: ['+84988000222'] }),
      buildSnapshot({ cif: 'B', status: 'CLOSED', legalIds: [], mobileNumbers: ['+84988000222'] }),
    ]);
    logger.statements = [];
    const candidates = await repo.findCandidates({ legalId: '079090001234', mobileNumber: '+84988000222' });
    expect(logger.statements).toHaveLength(1);
    expect(candidates.byLegalId).toEqual([{ cif: 'A', status: 'ACTIVE' }]);
    expect([...candidates.byMobileNumber].sort((a, b) => a.cif.localeCompare(b.cif))).toEqual([
      { cif: 'A', status: 'ACTIVE' },
      { cif: 'B', status: 'CLOSED' },
    ]);
  });

  it('reads a whole summary in a number of statements that does not grow with the facilities', async () => {
    const counts: number[] = [];
    for (const [cif, facilities] of [
      ['1', 0],
      ['2', 1],
      ['3', 6],
      ['4', 60],
    ] as const) {
      await repo.replaceSnapshots([withFacilities(cif, facilities)]);
      logger.statements = [];
      const snapshot = (await repo.findSnapshot(cif))?.snapshot;
      expect(snapshot!.lending).toHaveLength(facilities);
      expect(snapshot!.lending.every((f) => f.paymentHistory.length === 12)).toBe(true);
      counts.push(logger.statements.length);
    }
    expect(counts).toEqual([1, 1, 1, 1]);
  });

  it('writes a batch in a number of statements that does not grow with its size', async () => {
    // Counted on the pg connection: the COPYs and the statements sent without TypeORM too.
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      const counts: number[] = [];
      for (const size of [1, 50]) {
        sent.mockClear();
        await repo.replaceSnapshots(
          Array.from({ length: size }, (_, i) => withFacilities(`${size}-${i}`, 3)),
        );
        counts.push(sent.mock.calls.length);
      }
      expect(counts[0]).toBe(counts[1]);
      // BEGIN, staging table, staging COPY, advisory lock with the upsert, up to 7 COPYs,
      // shared-identifier flags, COMMIT (new CIFs: no delete)
      expect(counts[0]).toBeLessThanOrEqual(13);
      // Replacing them: the delete of their old children, one statement more.
      sent.mockClear();
      await repo.replaceSnapshots(Array.from({ length: 50 }, (_, i) => withFacilities(`50-${i}`, 3)));
      expect(sent.mock.calls.length).toBe(counts[1] + 1);
    } finally {
      sent.mockRestore();
    }
  });

  it('serialises concurrent replacements of one CIF: the result is one whole snapshot, never a mix', async () => {
    const versions = Array.from({ length: 8 }, (_, v) =>
      buildSnapshot({
        cif: 'X',
        fullName: `v${v}`,
        lending: Array.from({ length: 3 }, (_, i) => buildFacility({ contractNumber: `v${v}-${i}` })),
      }),
    );
    await Promise.all(versions.map((s) => repo.replaceSnapshots([s])));
    const read = (await repo.findSnapshot('X'))!.snapshot;
    const v = read.fullName;
    expect(read.lending.map((f) => f.contractNumber).sort()).toEqual([`${v}-0`, `${v}-1`, `${v}-2`]);
  });

  it('rolls back the whole batch when one snapshot fails in the database', async () => {
    const tooLong = buildSnapshot({ cif: 'B', lending: [buildFacility({ debtGroup: 99999 })] });
    await expect(repo.replaceSnapshots([buildSnapshot({ cif: 'A' }), tooLong])).rejects.toThrow();
    expect(await repo.findSnapshot('A')).toBeNull();
  });

  it('reads the CASA accounts, fixed deposits and payroll credits of a CIF for other modules', async () => {
    const raw = buildRawSnapshot();
    const deposits = raw.deposits as Record<string, unknown>[];
    const fixedDeposit = {
      ...deposits[0],
      productType: 'FIXED_DEPOSIT',
      accountNumber: '1020000009',
      productName: 'Tiền gửi có kỳ hạn 12 tháng',
      balance: '200000000.00',
      availableBalance: null,
      principalAmount: '200000000.00',
      termMonths: 12,
      maturityDate: '2027-01-02',
    };
    await repo.replaceSnapshots([snapshotFrom({ ...raw, deposits: [...deposits, fixedDeposit] })]);
    logger.statements = [];
    expect(await repo.findCasaAccountsAndPayroll('7700000001')).toEqual({
      cif: '7700000001',
      status: 'ACTIVE',
      casaAccounts: [
        {
          accountNumber: '1010000001',
          type: 'CURRENT',
          productName: 'Tài khoản thanh toán',
          currency: 'VND',
          balance: '15000000.00',
          availableBalance: '15000000.00',
          status: 'ACTIVE',
          openDate: '2020-01-02',
        },
      ],
      termDeposits: [
        {
          accountNumber: '1020000009',
          currency: 'VND',
          balance: '200000000.00',
          status: 'ACTIVE',
          maturityDate: '2027-01-02',
        },
      ],
      payrollCredits: [
        {
          employerName: 'Công ty TNHH ABC',
          accountNumber: '1010000001',
          period: '2026-10',
          amount: '25000000.00',
          currency: 'VND',
          creditDate: '2026-10-25',
        },
      ],
    });
    expect(logger.statements).toHaveLength(1);
    expect(await repo.findCasaAccountsAndPayroll('nobody')).toBeNull();
  });

  describe('the age of the data', () => {
    const at = (iso: string, overrides: Partial<OdsCustomerSnapshot> = {}) =>
      buildSnapshot({ cif: 'T', extractedAt: iso, ...overrides });

    it('never replaces a snapshot with an older extraction; an equal or newer one replaces it', async () => {
      await repo.replaceSnapshots([at('2026-10-31T18:00:00.000Z', { fullName: 'second' })]);
      expect(
        await repo.replaceSnapshots([
          at('2026-10-30T18:00:00.000Z', { fullName: 'first', lending: [buildFacility()] }),
          buildSnapshot({ cif: 'U' }),
        ]),
      ).toEqual({ stale: ['T'] });
      let read = (await repo.findSnapshot('T'))!;
      expect(read.snapshot.fullName).toBe('second');
      expect(read.snapshot.lending).toEqual([]); // the stale line's children were not written either
      expect(await repo.findSnapshot('U')).not.toBeNull(); // the rest of the batch was
      expect(await repo.replaceSnapshots([at('2026-10-31T18:00:00.000Z', { fullName: 'again' })])).toEqual({
        stale: [],
      });
      expect(await repo.replaceSnapshots([at('2026-11-01T18:00:00.000Z', { fullName: 'third' })])).toEqual({
        stale: [],
      });
      read = (await repo.findSnapshot('T'))!;
      expect(read.snapshot.fullName).toBe('third');
      expect(read.dataAsOf.extractedAt).toBe('2026-11-01T18:00:00.000Z');
    });

    it('keeps the latest extraction whatever order concurrent loads of one CIF commit in', async () => {
      const hours = [3, 7, 1, 8, 5, 2, 6, 4];
      const results = await Promise.all(
        hours.map((h) =>
          repo.replaceSnapshots([
            at(`2026-11-01T0${h}:00:00.000Z`, {
              fullName: `h${h}`,
              lending: [buildFacility({ contractNumber: `h${h}` })],
            }),
          ]),
        ),
      );
      const read = (await repo.findSnapshot('T'))!;
      expect(read.snapshot.fullName).toBe('h8');
      expect(read.snapshot.lending.map((f) => f.contractNumber)).toEqual(['h8']);
      expect(read.dataAsOf.extractedAt).toBe('2026-11-01T08:00:00.000Z');
      // The 8-hour one was never refused; whichever came after it was.
      expect(results[hours.indexOf(8)]).toEqual({ stale: [] });
    });

    it('gives a row loaded before the feed carried extractedAt its load time, marked LOAD_TIME; a new load replaces it', async () => {
      await repo.replaceSnapshots([at('2026-10-31T18:00:00.000Z')]);
      await ds.query(
        `UPDATE ods_customers SET extracted_at = NULL, loaded_at = '2026-09-01T03:04:05.678Z' WHERE cif = 'T'`,
      );
      const read = (await repo.findSnapshot('T'))!;
      expect(read.dataAsOf).toEqual({
        extractedAt: '2026-09-01T03:04:05.678Z',
        loadedAt: '2026-09-01T03:04:05.678Z',
        extractedAtSource: 'LOAD_TIME',
      });
      expect(read.snapshot.extractedAt).toBe('2026-09-01T03:04:05.678Z');
      expect(
        await repo.replaceSnapshots([at('2020-01-01T00:00:00.000Z', { fullName: 'old but known' })]),
      ).toEqual({
        stale: [],
      });
      expect((await repo.findSnapshot('T'))!.dataAsOf.extractedAtSource).toBe('ODS');
    });
  });

  describe('data-quality flags', () => {
    const person = (cif: string, mobile: string, overrides: Partial<OdsCustomerSnapshot> = {}) =>
      buildSnapshot({
        cif,
        legalIds: [{ type: 'CMND', number: `2${cif.padStart(8, '0')}`, issueDate: null, issuePlace: null }],
        mobileNumbers: [mobile],
        ...overrides,
      });
    const flagsOf = async (cif: string) => (await repo.findSnapshot(cif))!.dataQualityFlags;

    it('stores the CCCD birth-year and gender mismatches', async () => {
      // 079090001234: CCCD of a man born in 1990.
      await repo.replaceSnapshots([
        buildSnapshot({ cif: 'OK' }),
        buildSnapshot({ cif: 'Y', dateOfBirth: '1991-05-14', mobileNumbers: ['+84912000112'] }),
        buildSnapshot({ cif: 'G', gender: 'F', mobileNumbers: ['+84912000113'] }),
      ]);
      expect(await flagsOf('OK')).toEqual(['SHARED_LEGAL_ID']); // Y and G hold the same CCCD
      expect(await flagsOf('Y')).toEqual(['CCCD_BIRTH_YEAR_MISMATCH', 'SHARED_LEGAL_ID']);
      expect(await flagsOf('G')).toEqual(['CCCD_GENDER_MISMATCH', 'SHARED_LEGAL_ID']);
    });

    it('flags a mobile shared by two open CIFs on both, and keeps the flags current as CIFs change', async () => {
      await repo.replaceSnapshots([person('1', '+84988000222')]);
      expect(await flagsOf('1')).toEqual([]);
      await repo.replaceSnapshots([person('2', '+84988000222')]); // another batch: CIF 1 is updated too
      expect(await flagsOf('1')).toEqual(['SHARED_MOBILE_NUMBER']);
      expect(await flagsOf('2')).toEqual(['SHARED_MOBILE_NUMBER']);

      await repo.replaceSnapshots([person('2', '+84988000222', { status: 'CLOSED' })]);
      expect(await flagsOf('1')).toEqual([]); // a CLOSED CIF is no longer a candidate
      expect(await flagsOf('2')).toEqual([]);

      await repo.replaceSnapshots([person('2', '+84988000222')]);
      expect(await flagsOf('1')).toEqual(['SHARED_MOBILE_NUMBER']);
      await repo.replaceSnapshots([person('2', '+84988000999')]); // the old mobile is let go
      expect(await flagsOf('1')).toEqual([]);
      expect(await flagsOf('2')).toEqual([]);
      expect(await repo.countDataQualityFlags()).toEqual({
        CCCD_BIRTH_YEAR_MISMATCH: 0,
        CCCD_GENDER_MISMATCH: 0,
        SHARED_LEGAL_ID: 0,
        SHARED_MOBILE_NUMBER: 0,
      });
    });

    it('counts the flags of the ODS', async () => {
      await repo.replaceSnapshots([
        person('1', '+84988000222'),
        person('2', '+84988000222', { dateOfBirth: '1991-01-01' }),
        buildSnapshot({ cif: '3', dateOfBirth: '1991-01-01', mobileNumbers: [] }),
      ]);
      expect(await repo.countDataQualityFlags()).toEqual({
        CCCD_BIRTH_YEAR_MISMATCH: 1,
        CCCD_GENDER_MISMATCH: 0,
        SHARED_LEGAL_ID: 0,
        SHARED_MOBILE_NUMBER: 2,
      });
    });

    it('the migration computes the flags of rows loaded before it', async () => {
      const { OdsDataAgeAndQuality1764016160000: Migration } =
        await import('./migrations/1764016160000-OdsDataAgeAndQuality');
      await repo.replaceSnapshots([
        person('1', '+84988000222'),
        person('2', '+84988000222', { status: 'CLOSED' }),
        person('3', '+84988000222'),
        buildSnapshot({ cif: '4', dateOfBirth: '1991-01-01', gender: 'F', mobileNumbers: [] }),
      ]);
      const expected = await Promise.all(['1', '2', '3', '4'].map(flagsOf));
      const runner = ds.createQueryRunner();
      try {
        await new Migration().down(runner);
        await new Migration().up(runner);
      } finally {
        await runner.release();
      }
      expect(await Promise.all(['1', '2', '3', '4'].map(flagsOf))).toEqual(expected);
      expect(expected).toEqual([
        ['SHARED_MOBILE_NUMBER'],
        [],
        ['SHARED_MOBILE_NUMBER'],
        ['CCCD_BIRTH_YEAR_MISMATCH', 'CCCD_GENDER_MISMATCH'],
      ]);
      expect((await repo.findSnapshot('4'))!.dataAsOf.extractedAtSource).toBe('LOAD_TIME');
    });
  });
});
