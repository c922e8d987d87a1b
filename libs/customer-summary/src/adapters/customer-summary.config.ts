import { AppConfig, ConfigError, readEnv, type EnvReader } from '@hub/platform';

export type OdsMode = 'store' | 'http';

/** How the live ODS adapter calls the bank's ODS service (ODS_MODE=http). */
export interface OdsHttpSettings {
  /** The service's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Time-out of one call, in milliseconds. */
  readonly timeoutMs: number;
  /** Retries of a failed idempotent call (time-out, connection error, 5xx), with backoff. */
  readonly retries: number;
  /** Connections kept to the service at most (the pool). */
  readonly maxSockets: number;
  /** Consecutive failures that open the circuit breaker. */
  readonly breakerThreshold: number;
  /** How long the breaker stays open before it lets one call try. */
  readonly breakerCooldownMs: number;
  /** Sent as `Authorization: Bearer ...` when set. */
  readonly bearerToken: string | null;
}

/**
 * The module's settings, read once from the app's environment (AppConfig.env) and validated:
 * - ODS_MODE               `store` (default: the hub's own ods_* tables, loaded from NDJSON) or
 *                          `http` (each lookup read from the bank's ODS service; loads refused)
 * - ODS_BASE_URL           the ODS service (http or https URL), required with ODS_MODE=http
 * - ODS_STALE_AFTER_HOURS  data extracted longer ago gets a STALE_DATA warning (1-8760, default 24)
 * - ODS_TIMEOUT_MS         per-call time-out (50-60000, default 1000); a time-out is not retried
 * - ODS_RETRIES            retries after a connection error, 5xx or 429 (0-5, default 2)
 * - ODS_MAX_SOCKETS        connection pool size (1-1000, default 32)
 * - ODS_BREAKER_THRESHOLD  consecutive failures that open the circuit (1-1000, default 5)
 * - ODS_BREAKER_COOLDOWN_MS how long the circuit stays open (100-600000, default 10000)
 * - ODS_BEARER_TOKEN       optional bearer token for the ODS service
 * - ODS_INGEST_BATCH_SIZE  snapshots per transaction in a bulk load (1-5000, default 500)
 * - ODS_DEMO_CUSTOMERS     customers generated as demo data (1-1000000, default 500)
 * - ODS_DEMO_SEED          the generator's seed for demo data (default "demo")
 */
export class CustomerSummaryConfig {
  constructor(
    readonly ingestBatchSize: number,
    readonly demoCustomers: number,
    readonly demoSeed: string,
    readonly demoData: boolean,
    readonly mode: OdsMode = 'store',
    readonly staleAfterHours: number = 24,
    readonly http: OdsHttpSettings | null = null,
  ) {}

  static fromAppConfig(app: AppConfig): CustomerSummaryConfig {
    const read = readEnv(app.env);
    const mode = read.oneOf<OdsMode>('ODS_MODE', ['store', 'http'], 'store');
    let http: OdsHttpSettings | null = null;
    if (mode === 'http') {
      http = {
        baseUrl: baseUrl(read),
        timeoutMs: read.integer('ODS_TIMEOUT_MS', 1000, 50, 60_000),
        retries: read.integer('ODS_RETRIES', 2, 0, 5),
        maxSockets: read.integer('ODS_MAX_SOCKETS', 32, 1, 1000),
        breakerThreshold: read.integer('ODS_BREAKER_THRESHOLD', 5, 1, 1000),
        breakerCooldownMs: read.integer('ODS_BREAKER_COOLDOWN_MS', 10_000, 100, 600_000),
        bearerToken: read.text('ODS_BEARER_TOKEN'),
      };
    }
    return new CustomerSummaryConfig(
      read.integer('ODS_INGEST_BATCH_SIZE', 500, 1, 5000),
      read.integer('ODS_DEMO_CUSTOMERS', 500, 1, 1_000_000),
      read.text('ODS_DEMO_SEED') ?? 'demo',
      // Demo data goes into the hub's own tables, which ODS_MODE=http does not read.
      app.demoData && mode === 'store',
      mode,
      read.integer('ODS_STALE_AFTER_HOURS', 24, 1, 8760),
      http,
    );
  }
}

function baseUrl(read: EnvReader): string {
  if (read.httpUrl('ODS_BASE_URL') === null) {
    throw new ConfigError('ODS_BASE_URL', 'is required when ODS_MODE=http');
  }
  return read.text('ODS_BASE_URL')!.replace(/\/+$/, '');
}
