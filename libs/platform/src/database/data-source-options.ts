import type { DataSourceOptions } from 'typeorm';
import type { ModuleSchema } from './module-schema';
import { PLATFORM_SCHEMA } from './platform.schema';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * How much longer than `statement_timeout` the driver waits for an answer before it gives up on
 * its own: the server's time-out cannot fire when the server (or the network) hangs.
 */
export const CLIENT_TIMEOUT_MARGIN_MS = 2000;

/**
 * The one DataSource definition: the app, the migration CLI (`ormconfig.ts`) and the tests all
 * build theirs from here. Entities and migrations are the platform's (the base) and those of the
 * `schemas` given: each module carries its own (`ModuleSchema`), and all migrations share one
 * history. `synchronize` is never on.
 */
export function buildDataSourceOptions(
  url: string,
  overrides: Partial<{
    poolSize: number;
    applicationName: string;
    /** How long to wait for a connection, new or from the full pool (default 10 s). */
    connectTimeoutMs: number;
    /**
     * Server-side `statement_timeout` of every session, and the driver's own `query_timeout` a
     * margin later (default: none; the app sets DB_STATEMENT_TIMEOUT_MS). A streamed query that
     * may run longer opts out with `withoutClientTimeout`.
     */
    statementTimeoutMs: number;
    /**
     * Read replicas (DATABASE_REPLICA_URLS): TypeORM replication with `url` as the master. Every
     * query stays on the master unless it asks for a replica (`readOnly`, `obtainReadConnection`),
     * so a command never reads a lagging copy.
     */
    replicaUrls: readonly string[];
    /** The business modules' schemas on top of the platform's (default: the platform's alone). */
    schemas: readonly ModuleSchema[];
  }> = {},
): DataSourceOptions {
  const replicas = overrides.replicaUrls ?? [];
  const schemas = [
    PLATFORM_SCHEMA,
    ...(overrides.schemas ?? []).filter((s) => s.name !== PLATFORM_SCHEMA.name),
  ];
  return {
    type: 'postgres',
    ...(replicas.length > 0
      ? {
          replication: {
            master: { url },
            slaves: replicas.map((replica) => ({ url: replica })),
            defaultMode: 'master' as const,
          },
        }
      : { url }),
    entities: schemas.flatMap((s) => [...s.entities]),
    migrations: schemas.flatMap((s) => [...s.migrations]),
    migrationsTableName: 'platform_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'bank-customer-data-hub',
    extra: {
      // pg-pool applies it to opening a connection and to waiting for a free one alike.
      connectionTimeoutMillis: overrides.connectTimeoutMs ?? 10_000,
      ...(overrides.statementTimeoutMs
        ? {
            statement_timeout: overrides.statementTimeoutMs,
            query_timeout: overrides.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
          }
        : {}),
    },
  };
}

/**
 * Lifts the driver's `query_timeout` for one submitted query (a cursor or COPY stream that may run
 * for minutes while it makes progress). The server's `statement_timeout` still applies.
 */
export function withoutClientTimeout<T extends object>(query: T): T {
  // pg reads `query_timeout` from the submitted object first; 0 would fall back to the pool's.
  return Object.assign(query, { query_timeout: 2 ** 31 - 1 });
}
