import { ConfigError } from '../config/config-error';
import { readEnv } from '../config/env-reader';

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
  return { replicaUrls, poolSize: readEnv(env).integer('DB_POOL_SIZE', 10, 1, 200) };
}

/** Connections one instance opens on the primary at most: its pool and the job queue's. */
export const JOB_QUEUE_CONNECTIONS = 4;
