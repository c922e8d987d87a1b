import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseServer } from './database-server';

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
      imports: [DatabaseServerModule],
      inject: [AppConfig, DatabaseServer],
      useFactory: (config: AppConfig, server: DatabaseServer) => ({
        ...buildDataSourceOptions(server.url, {
          connectTimeoutMs: config.database.connectTimeoutMs,
          statementTimeoutMs: config.database.statementTimeoutMs,
        }),
        migrationsRun: config.migrationsRun,
        retryAttempts: server.embedded ? 1 : 5,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
