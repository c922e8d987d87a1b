import { ConfigError } from '../config/app-config';

/**
 * The database settings an instance adds to DATABASE_URL, read once from the environment:
 * - DATABASE_REPLICA_URLS  comma-separated read replicas (postgres:// URLs); the read-only routes
 *                          go there, commands and jobs to the primary. Unset: everything on the
 *                          primary.
 * - DB_POOL_SIZE           connections per pool of this instance (primary, and each replica), 1-200,
 *                          default 10. The job queue keeps 4 more on the primary.
 */
export interface DatabaseSettings {
  readonly replicaUrls: readonly string[];
  readonly poolSize: number;
}

export function databaseSettings(env: Readonly<Record<string, string | undefined>>): DatabaseSettings {
  const raw = env.DATABASE_REPLICA_URLS?.trim() ?? '';
  const replicaUrls = raw === '' ? [] : raw.split(',').map((u) => u.trim());
  for (const url of replicaUrls) {
    if (!/^postgres(ql)?:\/\/[^\s,]+$/.test(url)) {
      throw new ConfigError(
        'DATABASE_REPLICA_URLS',
        'must be comma-separated postgres:// or postgresql:// URLs (one of them is not)',
      );
    }
  }
  const pool = env.DB_POOL_SIZE?.trim() || '10';
  if (!/^\d+$/.test(pool) || Number(pool) < 1 || Number(pool) > 200) {
    throw new ConfigError('DB_POOL_SIZE', `must be an integer from 1 to 200 (got "${pool}")`);
  }
  return { replicaUrls, poolSize: Number(pool) };
}

/** Connections one instance opens on the primary at most: its pool and the job queue's. */
export const JOB_QUEUE_CONNECTIONS = 4;
