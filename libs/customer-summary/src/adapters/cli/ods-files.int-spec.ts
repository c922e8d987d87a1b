import { mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase } from '@hub/test-database';
import { standaloneOds } from '../../testing/standalone-ods';
import { loadOdsFile, writeSyntheticCustomersFile, type LoadProgress } from './ods-files';
import { CUSTOMER_SUMMARY_SCHEMA } from '../persistence/customer-summary.schema';

describe('ods:generate and ods:load files (PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource(buildDataSourceOptions(db.url, { schemas: [CUSTOMER_SUMMARY_SCHEMA] }));
    await ds.initialize();
    dir = await mkdtemp(join(tmpdir(), 'ods-'));
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('generates the same file for a seed, and loads it with progress and a bad line reported', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    expect(await writeSyntheticCustomersFile({ out: a, customers: 300, seed: 's1' })).toMatchObject({
      customers: 300,
    });
    await writeSyntheticCustomersFile({ out: b, customers: 300, seed: 's1' });
    const text = await readFile(a, 'utf8');
    expect(text).toBe(await readFile(b, 'utf8'));
    expect(text.split('\n').filter(Boolean)).toHaveLength(300);

    await appendFile(
      a,
      '{"cif":"X1","extractedAt":"2026-10-31T17:00:00Z","status":"ACTIVE","fullName":"A","legalIds":[{"type":"CCCD","number":"1"}]}\n',
    );
    const progress: LoadProgress[] = [];
    const report = await loadOdsFile(ds, a, { batchSize: 100, onProgress: (p) => progress.push(p) });
    expect(report.received).toBe(301);
    expect(report.loaded).toBe(300);
    expect(report.rejected).toEqual([
      {
        line: 301,
        code: 'VALIDATION_FAILED',
        message: 'legalIds[0].number: must be a CMND (9 digits), CCCD (12 digits) or passport number',
      },
    ]);
    expect(progress.map((p) => p.loaded)).toEqual([100, 200, 300, 300]);
    // The showcase's CIFs 7700000002 and 7700000003 share a mobile; more do among the others.
    const [{ shared }] = await ds.query(
      `SELECT count(*)::int AS shared FROM ods_customers WHERE 'SHARED_MOBILE_NUMBER' = ANY(quality_flags)`,
    );
    expect(shared).toBeGreaterThanOrEqual(2);
    expect(report.dataQualityFlags).toEqual({
      CCCD_BIRTH_YEAR_MISMATCH: expect.any(Number),
      CCCD_GENDER_MISMATCH: expect.any(Number),
      SHARED_LEGAL_ID: expect.any(Number),
      SHARED_MOBILE_NUMBER: shared,
    });
    expect(progress[progress.length - 1].bytesRead).toBe(progress[0].totalBytes);

    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM ods_customers');
    expect(n).toBe(300);
    const ods = standaloneOds(ds);
    const hit = await ods.summaries.getSummary({ legalId: '079090001234' }, { actor: 't', requestId: 'r' });
    expect(hit.data[0].cif).toBe('7700000001');
    expect(ods.auditEntries).toHaveLength(1);
    expect(await ods.reader.findCasaAccountsAndPayroll('7700000001')).toMatchObject({ cif: '7700000001' });
  });
});
