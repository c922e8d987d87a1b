import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, moduleSchemaProvider } from '@hub/platform';
import { CustomerSummaryService } from './application/customer-summary.service';
import { OdsIngestService } from './application/ods-ingest.service';
import { CustomerLookupAudit } from './application/ports/customer-lookup-audit';
import { OdsCustomerReader } from './application/ports/ods-customer-reader';
import { OdsRepository } from './application/ports/ods.repository';
import { SummaryPolicy } from './application/summary-policy';
import { PlatformCustomerLookupAudit } from './adapters/audit/platform-customer-lookup-audit';
import { CustomerSummaryConfig } from './adapters/customer-summary.config';
import { CustomerSummaryController } from './adapters/http/customer-summary.controller';
import { OdsDemoDataLoader } from './adapters/ods-demo-data.loader';
import { TypeormOdsRepository } from './adapters/persistence/typeorm-ods.repository';
import { HttpOdsRepository } from './adapters/ods-http/http-ods.repository';
import { CUSTOMER_SUMMARY_SCHEMA } from './adapters/persistence/customer-summary.schema';

/**
 * getCusSummary over the operational data store (the hub's own tables, or the bank's ODS service
 * with ODS_MODE=http), the ODS NDJSON ingest and its demo data.
 * Exports `OdsCustomerReader` (CASA accounts and payroll credits of a CIF) for other modules.
 */
@Module({
  controllers: [CustomerSummaryController],
  providers: [
    moduleSchemaProvider(CUSTOMER_SUMMARY_SCHEMA),
    { provide: CustomerSummaryConfig, useFactory: CustomerSummaryConfig.fromAppConfig, inject: [AppConfig] },
    {
      // ODS_MODE: the hub's own ods_* tables (store), or the bank's ODS service (http).
      provide: OdsRepository,
      useFactory: (config: CustomerSummaryConfig, dataSource: DataSource) =>
        config.mode === 'http' ? new HttpOdsRepository(config.http!) : new TypeormOdsRepository(dataSource),
      inject: [CustomerSummaryConfig, DataSource],
    },
    {
      provide: SummaryPolicy,
      useFactory: (config: CustomerSummaryConfig) => new SummaryPolicy(config.staleAfterHours),
      inject: [CustomerSummaryConfig],
    },
    { provide: OdsCustomerReader, useExisting: OdsRepository },
    { provide: CustomerLookupAudit, useClass: PlatformCustomerLookupAudit },
    CustomerSummaryService,
    OdsIngestService,
    OdsDemoDataLoader,
  ],
  exports: [OdsCustomerReader, CustomerSummaryService],
})
export class CustomerSummaryModule {}
