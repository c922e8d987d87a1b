import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a read on a replica (DATABASE_REPLICA_URLS; one picked at random per call), or on the
 * primary when there is none. For the read-only routes only: summary lookups, lists, single reads,
 * exports. A replica lags the primary by its replication delay, so a command never reads through
 * here before it writes (commands, their checks and the job queue stay on the primary).
 */
export async function readOnly<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

/** One read-only statement on a replica (or the primary without replicas): `readOnly` for one query. */
export function replicaQuery<T = unknown>(
  dataSource: DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  return readOnly(dataSource, (manager) => manager.query(sql, params) as Promise<T>);
}

/**
 * A raw pg client from a replica's pool (the primary's without replicas), for a streamed read; call
 * `release` when done (with an error to discard the connection).
 */
export async function obtainReadConnection<C>(
  dataSource: DataSource,
): Promise<[C, (error?: unknown) => void]> {
  const driver = dataSource.driver as unknown as {
    obtainSlaveConnection(): Promise<[C, (error?: unknown) => void]>;
  };
  return driver.obtainSlaveConnection();
}
