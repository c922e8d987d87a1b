import { Global, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseServer } from './database-server';
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

@Module({
  imports: [
    DatabaseServerModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule, DiscoveryModule],
      inject: [AppConfig, DatabaseServer, DiscoveryService],
      // The platform's schema, and those the application's modules registered (moduleSchemaProvider).
      useFactory: (config: AppConfig, server: DatabaseServer, discovery: DiscoveryService) => ({
        ...buildDataSourceOptions(server.url, {
          connectTimeoutMs: config.database.connectTimeoutMs,
          statementTimeoutMs: config.database.statementTimeoutMs,
          schemas: registeredModuleSchemas(discovery),
        }),
        migrationsRun: config.migrationsRun,
        retryAttempts: server.embedded ? 1 : 5,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
