import { Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseServer } from './database-server';
import { databaseSettings } from './database-settings';
import { markStartup } from '../lifecycle/startup-timing';
import { runMigrationsOnce } from './migrations';
import { registeredModuleSchemas } from './module-schema';

@Global()
@Module({
  providers: [
    {
      provide: DatabaseServer,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => DatabaseServer.start(config),
    },
  ],
  exports: [DatabaseServer],
})
export class DatabaseServerModule {}

/**
 * The app's DataSource: the primary (DATABASE_URL or the embedded server), the replicas of
 * DATABASE_REPLICA_URLS for the read-only routes, and the pending migrations run at start-up
 * (MIGRATIONS_RUN) under an advisory lock, so instances starting together migrate once.
 */
@Module({
  imports: [
    DatabaseServerModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule, DiscoveryModule],
      inject: [AppConfig, DatabaseServer, DiscoveryService],
      // The platform's schema, and those the application's modules registered (moduleSchemaProvider).
      useFactory: (config: AppConfig, server: DatabaseServer, discovery: DiscoveryService) => {
        const settings = databaseSettings(config.env);
        return {
          ...buildDataSourceOptions(server.url, {
            connectTimeoutMs: config.database.connectTimeoutMs,
            statementTimeoutMs: config.database.statementTimeoutMs,
            poolSize: settings.poolSize,
            replicaUrls: settings.replicaUrls,
            schemas: registeredModuleSchemas(discovery),
          }),
          migrationsRun: config.migrationsRun,
          retryAttempts: server.embedded ? 1 : 5,
          retryDelay: 2000,
        };
      },
      dataSourceFactory: async (options) => {
        // TypeORM's own migrationsRun takes no lock: the migrations run below, under one.
        const migrate = Boolean(options?.migrationsRun);
        const dataSource = await new DataSource({
          ...(options as DataSourceOptions),
          migrationsRun: false,
        }).initialize();
        markStartup('datasource');
        if (migrate) {
          try {
            const applied = await runMigrationsOnce(dataSource);
            markStartup('migrations');
            if (applied.length > 0)
              new Logger('Database').log(`migrations applied: ${applied.length} (${applied.at(-1)} last)`);
          } catch (error) {
            await dataSource.destroy();
            throw error;
          }
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
