import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DemoSeeding, seedOnce } from '@hub/platform';
import { OdsIngestService } from '../application/ods-ingest.service';
import { CustomerSummaryConfig } from './customer-summary.config';
import { generateSyntheticCustomers } from './synthetic/synthetic-customers';

/**
 * NDJSON lines of the synthetic generator, as the ingest reads a file. Demo data is stamped as
 * extracted now, so that a fresh demo shows no STALE_DATA warning.
 */
export async function* syntheticNdjson(
  customers: number,
  seed: string,
  extractedAt = new Date().toISOString(),
): AsyncGenerator<string> {
  for (const customer of generateSyntheticCustomers({ customers, seed, extractedAt }))
    yield `${JSON.stringify(customer)}\n`;
}

/** Its `seedOnce` name; the CRM's demo seeder runs after it (it uses the ODS's CIFs). */
export const ODS_DEMO_SEEDER = 'customer-summary:ods-demo';

/**
 * Demo data: when the configuration asks for it (the embedded database's default) and the ODS
 * tables are empty, loads the synthetic customers of the demo seed through the normal ingest. The
 * README's Swagger examples use its first customers. Instances starting together seed once
 * (`seedOnce`). It runs at start-up beside the other modules' seeders (`DemoSeeding`).
 */
@Injectable()
export class OdsDemoDataLoader implements OnModuleInit {
  private readonly logger = new Logger('customer-summary');

  constructor(
    private readonly config: CustomerSummaryConfig,
    private readonly ingest: OdsIngestService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seeding: DemoSeeding,
  ) {}

  onModuleInit(): void {
    if (!this.config.demoData) return;
    this.seeding.register({ name: ODS_DEMO_SEEDER, seed: () => this.load() });
  }

  /** Loads the demo customers if the ODS is empty; returns how many were loaded. */
  async load(): Promise<number> {
    let loaded = 0;
    await seedOnce(this.dataSource, ODS_DEMO_SEEDER, async () => {
      const [{ empty }] = await this.dataSource.query(
        `SELECT NOT EXISTS (SELECT 1 FROM ods_customers) AS empty`,
      );
      if (!empty) return false;
      const started = Date.now();
      const report = await this.ingest.ingest(
        syntheticNdjson(this.config.demoCustomers, this.config.demoSeed),
        {
          batchSize: this.config.ingestBatchSize,
        },
      );
      loaded = report.loaded;
      this.logger.log(
        `Demo ODS data loaded: ${report.loaded} customers (seed "${this.config.demoSeed}") in ${Date.now() - started} ms`,
      );
      return true;
    });
    return loaded;
  }
}
