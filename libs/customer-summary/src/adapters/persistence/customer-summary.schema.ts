import { join } from 'node:path';
import type { ModuleSchema } from '@hub/platform';

/**
 * The `ods_*` tables: this module's TypeORM entities and migrations, registered by
 * `CustomerSummaryModule` (its DataSource then knows them and runs the migrations). The globs stay in this
 * package's own directory (`src/` from source, `dist/` once built).
 */
export const CUSTOMER_SUMMARY_SCHEMA: ModuleSchema = {
  name: 'customer-summary',
  entities: [join(__dirname, '*.orm-entity.{ts,js}')],
  migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
};
