import { join } from 'node:path';
import type { ModuleSchema } from '@hub/platform';

/**
 * The `crm_*` tables: this module's TypeORM entities and migrations, registered by
 * `CrmPipelineModule` (its DataSource then knows them and runs the migrations). The globs stay in this
 * package's own directory (`src/` from source, `dist/` once built).
 */
export const CRM_PIPELINE_SCHEMA: ModuleSchema = {
  name: 'crm-pipeline',
  entities: [join(__dirname, '*.orm-entity.{ts,js}')],
  migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
};
