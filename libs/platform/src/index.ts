export { PlatformModule, type PlatformOptions } from './platform.module';
export {
  AppConfig,
  ConfigError,
  loadConfig,
  DEVELOPMENT_JWT_SECRET,
  type AuthConfig,
} from './config/app-config';
export { EnvReader, readEnv, type Environment } from './config/env-reader';
export { buildDataSourceOptions, withoutClientTimeout } from './database/data-source-options';
export { moduleSchemaProvider, type ModuleSchema } from './database/module-schema';
export { PLATFORM_SCHEMA } from './database/platform.schema';
export { DatabaseServer } from './database/database-server';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './database/embedded-postgres';
export { inTransaction, lockKey, pgErrorCode, UNIQUE_VIOLATION } from './database/transaction';
export { readOnly, replicaQuery, obtainReadConnection } from './database/read-only';
export { preparedQuery, type PreparedStatement } from './database/prepared-query';
export { runMigrationsOnce } from './database/migrations';
export { databaseSettings, type DatabaseSettings } from './database/database-settings';
export { seedOnce, type SeedOutcome } from './seeding/seed-once';
export { DemoSeeding, type DemoSeeder } from './seeding/demo-seeding';
export { RequireScopes, RequireInstitution, Public, CurrentPrincipal } from './auth/auth.decorators';
export { ALL_SCOPES, INSTITUTION_ID_PATTERN, type Principal, type Scope } from './auth/principal';
export { mintToken, type MintTokenOptions } from './auth/token-minter';
export {
  ApiErrors,
  type DocumentedError,
  statusOf,
  errorResponse,
  ERROR_CODES_EXTENSION,
} from './errors/api-errors.decorator';
export {
  PlatformErrors,
  HttpErrors,
  type PlatformErrorCode,
  type HttpErrorEntry,
} from './errors/platform.errors';
export { ErrorResponseDto } from './errors/error-response.dto';
export { flattenValidationErrors } from './errors/validation';
export { createValidationPipe } from './errors/validation';
export { pickLanguage, mapError, type ErrorBody, type Language } from './errors/error-mapping';
export { HttpErrorFilter } from './errors/http-error.filter';
export { createFastifyAdapter, configureFastify } from './http/configure-fastify';
export { setResponseStatus } from './http/response-status';
export { RequestId } from './http/request-id';
export { Idempotent, canonicalJson } from './idempotency/idempotency.interceptor';
export {
  JobQueue,
  jobQueueSettings,
  type JobQueueSettings,
  type JobQueueStopResult,
  type QueueOptions,
  type WorkOptions,
} from './jobs/job-queue';
export { AuditLog, IdentifierHasher, type AuditEntry } from './audit/audit-log';
export { AUDIT_INSERT_SQL } from './audit/typeorm-audit-log';
export { REDACTED_KEYS } from './logging/logger-options';
export { createHubApplication } from './http/create-hub-application';
export { AcceptsNdjson, unsupportedContentType } from './http/body-type.guard';
export { ShutdownState, shutdownGraceMs, DEFAULT_SHUTDOWN_GRACE_MS } from './lifecycle/shutdown-state';
export { installGracefulShutdown, type GracefulShutdownOptions } from './lifecycle/graceful-shutdown';
export { runCliJob, type CliJobContext, type CliJobOptions } from './lifecycle/run-cli-job';
export { IsDateOrDateTime } from './http/date-or-date-time.decorator';
export { IsCalendarDate, IsIso4217Currency, IsStorableText } from './http/input-rules.decorators';
export { MAX_JSON_DEPTH } from './http/json-depth';
export { HubMetrics, type WebhookOutcome } from './metrics/hub-metrics';
export { MetricsModule } from './metrics/metrics.module';
export { metricsSettings, type MetricsSettings } from './metrics/metrics-settings';
export { prettyLogStream } from './logging/pretty-logs';
export { createProgress, type Progress, type ProgressOptions } from './logging/progress';
export { MAX_PAGE, PageQueryDto } from './http/page-query.dto';
export type { Wire } from './http/wire';
export { markStartup, startupTimeline } from './lifecycle/startup-timing';
