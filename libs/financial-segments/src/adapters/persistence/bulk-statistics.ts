import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ImportResult } from '../../application/ports/user-data.repository';

/**
 * An import that wrote at least this many rows (accounts and new transactions) ends with an
 * ANALYZE of the tables it filled, as the ODS ingest does after its bulk loads: the planner's
 * statistics of a freshly filled table are otherwise stale until autovacuum comes by. Smaller
 * imports are left to autovacuum.
 */
export const ANALYZE_AFTER_IMPORTED_ROWS = 1000;

/** The tables an import of data sources fills. */
const IMPORT_TABLES = ['seg_accounts', 'seg_transactions'] as const;

const logger = new Logger('FinancialSegmentsStatistics');

/** Rows written by some imports: accounts created or updated, transactions added. */
export function rowsWritten(results: readonly Pick<ImportResult, 'accounts' | 'transactions'>[]): number {
  return results.reduce((sum, r) => sum + r.accounts + r.transactions, 0);
}

/**
 * ANALYZEs the import tables when `rows` reached the threshold. Call it after the import's
 * transaction committed (never inside it: the commit does not wait for it). A failure is logged
 * (the error's code and message, no row data) and does not fail the import, which is stored.
 */
export async function refreshImportStatistics(dataSource: DataSource, rows: number): Promise<void> {
  if (rows < ANALYZE_AFTER_IMPORTED_ROWS) return;
  try {
    await dataSource.query(`ANALYZE ${IMPORT_TABLES.join(', ')}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    logger.warn(
      `ANALYZE of ${IMPORT_TABLES.join(', ')} after an import of ${rows} rows failed` +
        (typeof code === 'string' ? ` (SQLSTATE ${code})` : '') +
        `; autovacuum will refresh the statistics`,
    );
  }
}
