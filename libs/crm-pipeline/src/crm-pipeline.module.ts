import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CrmPipelineService } from './application/crm-pipeline.service';
import { Clock, SystemClock } from './application/ports/clock';
import { CrmReadRepository } from './application/ports/crm-read.repository';
import { CrmRepository } from './application/ports/crm.repository';
import { CrmDemoData } from './adapters/demo/crm-demo-data';
import { CrmController } from './adapters/http/crm.controller';
import { CrmLeadOrmEntity } from './adapters/persistence/crm-lead.orm-entity';
import { CrmOpportunityOrmEntity } from './adapters/persistence/crm-opportunity.orm-entity';
import { CrmStatusHistoryOrmEntity } from './adapters/persistence/crm-status-history.orm-entity';
import { TypeormCrmReadRepository } from './adapters/persistence/typeorm-crm-read.repository';
import { TypeormCrmRepository } from './adapters/persistence/typeorm-crm.repository';

@Module({
  imports: [TypeOrmModule.forFeature([CrmLeadOrmEntity, CrmOpportunityOrmEntity, CrmStatusHistoryOrmEntity])],
  controllers: [CrmController],
  providers: [
    CrmPipelineService,
    { provide: CrmRepository, useClass: TypeormCrmRepository },
    { provide: CrmReadRepository, useClass: TypeormCrmReadRepository },
    { provide: Clock, useClass: SystemClock },
    CrmDemoData,
  ],
  exports: [CrmPipelineService],
})
export class CrmPipelineModule {}
