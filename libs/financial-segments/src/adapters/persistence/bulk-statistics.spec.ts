import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ANALYZE_AFTER_IMPORTED_ROWS, refreshImportStatistics, rowsWritten } from './bulk-statistics';

function fakeDataSource(fail: boolean) {
  const queries: string[] = [];
  const ds = {
    query: async (sql: string) => {
      queries.push(sql);
      if (fail)
        throw Object.assign(new Error('canceling statement: key (acct)=(0123456789)'), { code: '57014' });
      return [];
    },
  } as unknown as DataSource;
  return { ds, queries };
}

describe('refreshImportStatistics', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts accounts and new transactions', () => {
    expect(
      rowsWritten([
        { accounts: 2, transactions: 10 },
        { accounts: 1, transactions: 0 },
      ]),
    ).toBe(13);
  });

  it('leaves imports under the threshold to autovacuum and ANALYZEs the import tables from it on', async () => {
    const { ds, queries } = fakeDataSource(false);
    await refreshImportStatistics(ds, ANALYZE_AFTER_IMPORTED_ROWS - 1);
    expect(queries).toEqual([]);
    await refreshImportStatistics(ds, ANALYZE_AFTER_IMPORTED_ROWS);
    expect(queries).toEqual(['ANALYZE seg_accounts, seg_transactions']);
  });

  it('logs a failed ANALYZE with its SQLSTATE only (no message, no data) and does not throw', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { ds } = fakeDataSource(true);
    await expect(refreshImportStatistics(ds, 5000)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('SQLSTATE 57014');
    expect(logged).not.toContain('0123456789');
  });
});
