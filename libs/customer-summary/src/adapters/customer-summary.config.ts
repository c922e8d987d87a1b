import { AppConfig, ConfigError } from '@hub/platform';

/**
 * The module's settings, read once from the app's environment (AppConfig.env) and validated:
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
  ) {}

  static fromAppConfig(app: AppConfig): CustomerSummaryConfig {
    const env = app.env;
    return new CustomerSummaryConfig(
      integer('ODS_INGEST_BATCH_SIZE', env.ODS_INGEST_BATCH_SIZE, 500, 1, 5000),
      integer('ODS_DEMO_CUSTOMERS', env.ODS_DEMO_CUSTOMERS, 500, 1, 1_000_000),
      env.ODS_DEMO_SEED?.trim() || 'demo',
      app.demoData,
    );
  }
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
  return value;
}
