import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { HUB_SCHEMAS } from './apps/api/src/hub-schemas';

/**
 * The DataSource for the TypeORM migration CLI (`npm run migration:run`, `migration:generate`,
 * `migration:revert`). It needs DATABASE_URL; the hub itself builds the same options from
 * `buildDataSourceOptions` (embedded or server), with every module's schema (`HUB_SCHEMAS`).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL is required for the migration CLI (e.g. postgres://postgres@127.0.0.1:5432/hub)',
  );
}

export default new DataSource(buildDataSourceOptions(url, { schemas: HUB_SCHEMAS }));
