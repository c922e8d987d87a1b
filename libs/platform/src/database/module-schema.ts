import type { Provider } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import type { DataSourceOptions } from 'typeorm';

type EntityList = Extract<DataSourceOptions['entities'], readonly unknown[]>;
type MigrationList = Extract<DataSourceOptions['migrations'], readonly unknown[]>;

/**
 * The tables one module owns: its TypeORM entities and its migrations. A module lists its own
 * files (classes, or globs under its own package directory: never a path outside it), so a program
 * that imports only some modules migrates only their tables. All migrations share one history
 * table (`platform_migrations`) and run in timestamp order, whichever module they come from.
 */
export interface ModuleSchema {
  /** The module's name, unique in a program (`crm-pipeline`). */
  readonly name: string;
  readonly entities: EntityList;
  readonly migrations: MigrationList;
}

/** How a module's schema travels through Nest's container to the DataSource. */
export class RegisteredModuleSchema {
  constructor(readonly schema: ModuleSchema) {}
}

/**
 * The provider a module puts in its `providers` to register its schema: the platform's DataSource
 * then loads the module's entities and runs its migrations (with MIGRATIONS_RUN).
 */
export function moduleSchemaProvider(schema: ModuleSchema): Provider {
  return { provide: `HUB_MODULE_SCHEMA:${schema.name}`, useValue: new RegisteredModuleSchema(schema) };
}

/** Every schema the modules of the application registered, once each, by module name. */
export function registeredModuleSchemas(discovery: DiscoveryService): ModuleSchema[] {
  const byName = new Map<string, ModuleSchema>();
  for (const wrapper of discovery.getProviders()) {
    const value: unknown = wrapper.instance;
    if (value instanceof RegisteredModuleSchema) byName.set(value.schema.name, value.schema);
  }
  return [...byName.values()];
}
