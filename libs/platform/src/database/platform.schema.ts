import { join } from 'node:path';
import type { ModuleSchema } from './module-schema';

/**
 * The platform's tables (`platform_*`: audit records, idempotency keys, rate-limit windows, seed runs) and
 * its migrations: the base of every program's schema, always loaded by `buildDataSourceOptions`.
 * The globs stay inside this package (`src/` from source, `dist/` when installed).
 */
export const PLATFORM_SCHEMA: ModuleSchema = {
  name: 'platform',
  entities: [join(__dirname, '..', '{audit,idempotency,rate-limit,seeding}', '*.orm-entity.{ts,js}')],
  migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
};
