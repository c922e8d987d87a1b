import { join } from 'node:path';
import type { ModuleSchema } from '@hub/platform';

/**
 * The `seg_*` tables: this module's TypeORM entities and migrations, registered by
 * `FinancialSegmentsModule` (its DataSource then knows them and runs the migrations). The globs stay in this
 * package's own directory (`src/` from source, `dist/` once built).
 */
export const FINANCIAL_SEGMENTS_SCHEMA: ModuleSchema = {
  name: 'financial-segments',
  entities: [join(__dirname, '*.orm-entity.{ts,js}')],
  migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
};
