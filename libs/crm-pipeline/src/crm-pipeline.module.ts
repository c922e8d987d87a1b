import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { CustomerSummaryModule } from '@hub/customer-summary';
import { AppConfig, moduleSchemaProvider } from '@hub/platform';
import { CrmConfig } from './application/crm-config';
import { CrmCommandsService } from './application/crm-commands.service';
import { CrmPipelineService } from './application/crm-pipeline.service';
import { CrmQueriesService } from './application/crm-queries.service';
import { CrmReadRepository } from './application/ports/crm-read.repository';
import { CrmRepository } from './application/ports/crm.repository';
import { OdsCustomers } from './application/ports/ods-customers';
import { crmConfigFrom } from './adapters/config/crm-config.loader';
import { CrmDemoData } from './adapters/demo/crm-demo-data';
import { CrmController } from './adapters/http/crm.controller';
import { CrmStaleRecordsJob } from './adapters/jobs/crm-stale-records.job';
import { CustomerSummaryOdsCustomers } from './adapters/ods/customer-summary-ods-customers';
import { CRM_PIPELINE_SCHEMA } from './adapters/persistence/crm-pipeline.schema';
import { TypeormCrmReadRepository } from './adapters/persistence/typeorm-crm-read.repository';
import { TypeormCrmRepository } from './adapters/persistence/typeorm-crm.repository';

export interface CrmPipelineOptions {
  /**
   * Where the CRM checks a combo-create's NTB/ETB classification against the bank's ODS: an
   * implementation of the `OdsCustomers` port. Default: the customer-summary module's ODS (which
   * brings that module and its `ods_*` tables along).
   */
  readonly odsCustomers?: Type<OdsCustomers>;
  /** The modules that the `odsCustomers` implementation injects from. */
  readonly imports?: ModuleMetadata['imports'];
}

/**
 * Leads and opportunities: the CRM routes, the stale-record job, and the `crm_*` tables with their
 * migrations (registered with the platform's DataSource). Import it as `CrmPipelineModule.forRoot()`
 * beside `PlatformModule.forRoot(...)`.
 */
@Module({
  controllers: [CrmController],
  providers: [
    moduleSchemaProvider(CRM_PIPELINE_SCHEMA),
    { provide: CrmConfig, useFactory: crmConfigFrom, inject: [AppConfig] },
    CrmCommandsService,
    CrmQueriesService,
    // Every use case on one object, for the package's users (the public API before the split).
    CrmPipelineService,
    { provide: CrmRepository, useClass: TypeormCrmRepository },
    { provide: CrmReadRepository, useClass: TypeormCrmReadRepository },
    CrmStaleRecordsJob,
    CrmDemoData,
  ],
  exports: [CrmPipelineService, CrmCommandsService, CrmQueriesService],
})
export class CrmPipelineModule {
  static forRoot(options: CrmPipelineOptions = {}): DynamicModule {
    if (options.odsCustomers) {
      return {
        module: CrmPipelineModule,
        imports: options.imports ?? [],
        providers: [{ provide: OdsCustomers, useClass: options.odsCustomers }],
      };
    }
    return {
      module: CrmPipelineModule,
      imports: [CustomerSummaryModule, ...(options.imports ?? [])],
      providers: [{ provide: OdsCustomers, useClass: CustomerSummaryOdsCustomers }],
    };
  }
}
