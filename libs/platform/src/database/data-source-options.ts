import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The repository root, from this file in `libs/platform/src/database` (or its copy in `dist`). */
const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The one DataSource definition: the app, the migration CLI (`ormconfig.ts`) and the tests all
 * build theirs from here. Entities are every lib's `*.orm-entity` file; migrations are the one
 * history in `apps/api/migrations`. `synchronize` is never on.
 */
export function buildDataSourceOptions(
  url: string,
  overrides: Partial<{
    poolSize: number;
    applicationName: string;
    /** How long to wait for a connection, new or from the full pool (default 10 s). */
    connectTimeoutMs: number;
    /** Server-side `statement_timeout` of every session (default: none; the app sets DB_STATEMENT_TIMEOUT_MS). */
    statementTimeoutMs: number;
  }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(ROOT, 'libs', '*', 'src', '**', '*.orm-entity.{ts,js}')],
    migrations: [join(ROOT, 'apps', 'api', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'platform_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'bank-customer-data-hub',
    extra: {
      // pg-pool applies it to opening a connection and to waiting for a free one alike.
      connectionTimeoutMillis: overrides.connectTimeoutMs ?? 10_000,
      ...(overrides.statementTimeoutMs ? { statement_timeout: overrides.statementTimeoutMs } : {}),
    },
  };
}
