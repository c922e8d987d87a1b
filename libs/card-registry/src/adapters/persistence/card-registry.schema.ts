import { join } from 'node:path';
import type { ModuleSchema } from '@hub/platform';

/**
 * The `card_*` tables: this module's TypeORM entities and migrations, registered by
 * `CardRegistryModule` (its DataSource then knows them and runs the migrations). The globs stay in this
 * package's own directory (`src/` from source, `dist/` once built).
 */
export const CARD_REGISTRY_SCHEMA: ModuleSchema = {
  name: 'card-registry',
  entities: [join(__dirname, '*.orm-entity.{ts,js}')],
  migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
};
