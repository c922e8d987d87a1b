import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Clock, SystemClock } from '@hub/shared-kernel';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditLog, IdentifierHasher } from './audit/audit-log';
import { TypeormAuditLog } from './audit/typeorm-audit-log';
import { AuthGuard } from './auth/auth.guard';
import { BodyTypeGuard } from './http/body-type.guard';
import { PathParamLengthGuard } from './http/path-param-length.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HttpErrorFilter } from './errors/http-error.filter';
import { createValidationPipe } from './errors/validation';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { JobQueue } from './jobs/job-queue';
import { ShutdownState } from './lifecycle/shutdown-state';
import { DemoSeeding } from './seeding/demo-seeding';
import { loggerParams } from './logging/logger-options';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimiter } from './rate-limit/rate-limiter';

export interface PlatformOptions {
  readonly config: AppConfig;
  /** Where JSON log lines go (stdout by default; tests capture them). */
  readonly logStream?: DestinationStream;
}

/**
 * Everything the business modules stand on: configuration, the database (embedded or server) and
 * its migrations, bearer-JWT auth with scopes, the one error shape, request ids and redacting JSON
 * logs, Idempotency-Key, audit records, the durable job queue, health and the clock.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        LoggerModule.forRoot(loggerParams(options.config.logLevel, options.logStream)),
        DatabaseModule,
        MetricsModule,
        // readiness checks; Terminus's own logger off: a failing check is a 503 answer, not an error
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [
        JwtVerifier,
        RateLimiter,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: BodyTypeGuard },
        { provide: APP_GUARD, useClass: PathParamLengthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // The one clock of the application (a port of the kernel): every module reads the time here.
        { provide: Clock, useClass: SystemClock },
        JobQueue,
        ShutdownState,
        Readiness,
        DemoSeeding,
        { provide: AuditLog, useClass: TypeormAuditLog },
        {
          provide: IdentifierHasher,
          inject: [AppConfig],
          useFactory: (c: AppConfig) => new IdentifierHasher(c.auditHashKey),
        },
      ],
      exports: [AuditLog, IdentifierHasher, JwtVerifier, JobQueue, ShutdownState, Clock, DemoSeeding],
    };
  }
}
