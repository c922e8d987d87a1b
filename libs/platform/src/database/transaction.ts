import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. Serialisation failures and deadlocks (40001, 40P01) are
 * retried a few times, since PostgreSQL asks the client to do exactly that.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code =
        (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
        (error as { code?: string }).code;
      if (attempt < attempts && (code === '40001' || code === '40P01')) continue;
      throw error;
    }
  }
}

/** A transaction-scoped advisory lock on a text key (released at commit or rollback). */
export async function lockKey(manager: EntityManager, namespace: string, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${namespace}:${key}`]);
}

/** The PostgreSQL error code of a failed query, if any. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

export const UNIQUE_VIOLATION = '23505';
