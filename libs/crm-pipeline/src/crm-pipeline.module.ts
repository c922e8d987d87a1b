import { Module } from '@nestjs/common';
import { CustomerSummaryModule } from '@hub/customer-summary';
import { AppConfig } from '@hub/platform';
import { CrmConfig } from './application/crm-config';
import { CrmPipelineService } from './application/crm-pipeline.service';
import { Clock, SystemClock } from './application/ports/clock';
import { CrmReadRepository } from './application/ports/crm-read.repository';
import { CrmRepository } from './application/ports/crm.repository';
import { OdsCustomers } from './application/ports/ods-customers';
import { crmConfigFrom } from './adapters/config/crm-config.loader';
import { CrmDemoData } from './adapters/demo/crm-demo-data';
import { CrmController } from './adapters/http/crm.controller';
import { CrmStaleRecordsJob } from './adapters/jobs/crm-stale-records.job';
import { CustomerSummaryOdsCustomers } from './adapters/ods/customer-summary-ods-customers';
import { TypeormCrmReadRepository } from './adapters/persistence/typeorm-crm-read.repository';
import { TypeormCrmRepository } from './adapters/persistence/typeorm-crm.repository';

@Module({
  imports: [CustomerSummaryModule],
  controllers: [CrmController],
  providers: [
    { provide: CrmConfig, useFactory: crmConfigFrom, inject: [AppConfig] },
    CrmPipelineService,
    { provide: CrmRepository, useClass: TypeormCrmRepository },
    { provide: CrmReadRepository, useClass: TypeormCrmReadRepository },
    { provide: OdsCustomers, useClass: CustomerSummaryOdsCustomers },
    { provide: Clock, useClass: SystemClock },
    CrmStaleRecordsJob,
    CrmDemoData,
  ],
  exports: [CrmPipelineService],
})
export class CrmPipelineModule {}
