import { Module } from '@nestjs/common';
import { CustomerSummaryModule } from '@hub/customer-summary';
import { AppConfig, moduleSchemaProvider } from '@hub/platform';
import { HostResolver } from './application/ports/host-resolver';
import { OdsCasaSource } from './application/ports/ods-casa-source';
import { ReportRepository } from './application/ports/report.repository';
import { SegmentRepository } from './application/ports/segment.repository';
import { SynchronizationRepository } from './application/ports/synchronization.repository';
import { UserDataRepository } from './application/ports/user-data.repository';
import { WebhookDeliveryRepository } from './application/ports/webhook-delivery.repository';
import { WebhookSender } from './application/ports/webhook-sender';
import { SegmentService } from './application/segment.service';
import { SegmentsConfig } from './application/segments-config';
import { SynchronizationService } from './application/synchronization.service';
import { UserDataService } from './application/user-data.service';
import { UserErasureAudit, UserErasureRepository } from './application/ports/user-erasure.repository';
import { UserErasureService } from './application/user-erasure.service';
import { PlatformUserErasureAudit } from './adapters/audit/platform-user-erasure-audit';
import { WebhookDeliveryService } from './application/webhook-delivery.service';
import { FxRatesController } from './adapters/http/fx-rates.controller';
import { ImportWebFormController } from './adapters/http/import-web-form.controller';
import { ImportWebFormService } from './application/import-web-form.service';
import { ProcessRepository } from './application/ports/process.repository';
import { TypeormProcessRepository } from './adapters/persistence/typeorm-process.repository';
import { SegmentsController } from './adapters/http/segments.controller';
import { SynchronizationController } from './adapters/http/synchronization.controller';
import { SegmentsDemoData } from './adapters/demo/segments-demo-data';
import { SegmentsJobWorkers } from './adapters/jobs/segments-job-workers';
import { CustomerSummaryOdsCasaSource } from './adapters/ods/customer-summary-ods-casa.source';
import { TypeormFxRateRepository } from './adapters/persistence/typeorm-fx-rate.repository';
import { FxRateRepository } from './application/ports/fx-rate.repository';
import { FxRateService } from './application/fx-rate.service';
import { TypeormReportRepository } from './adapters/persistence/typeorm-report.repository';
import { TypeormSegmentRepository } from './adapters/persistence/typeorm-segment.repository';
import { TypeormSynchronizationRepository } from './adapters/persistence/typeorm-synchronization.repository';
import { TypeormUserDataRepository } from './adapters/persistence/typeorm-user-data.repository';
import { TypeormUserErasureRepository } from './adapters/persistence/typeorm-user-erasure.repository';
import { TypeormWebhookDeliveryRepository } from './adapters/persistence/typeorm-webhook-delivery.repository';
import { segmentsConfigFrom } from './adapters/segments-config.loader';
import { DnsHostResolver } from './adapters/webhooks/dns-host-resolver';
import { NodeHttpWebhookSender } from './adapters/webhooks/node-http-webhook-sender';
import { FINANCIAL_SEGMENTS_SCHEMA } from './adapters/persistence/financial-segments.schema';

/**
 * Financial segments (docs/contracts/financial-segments.md): processes and data sources, synchronize as a durable pg-boss
 * job with a signed, retried callback, cases and income reports, segments and offers.
 */
@Module({
  imports: [CustomerSummaryModule],
  controllers: [ImportWebFormController, SynchronizationController, SegmentsController, FxRatesController],
  providers: [
    moduleSchemaProvider(FINANCIAL_SEGMENTS_SCHEMA),
    { provide: SegmentsConfig, useFactory: segmentsConfigFrom, inject: [AppConfig] },
    SegmentsJobWorkers,
    SegmentsDemoData,
    { provide: UserDataRepository, useClass: TypeormUserDataRepository },
    { provide: SynchronizationRepository, useClass: TypeormSynchronizationRepository },
    { provide: ReportRepository, useClass: TypeormReportRepository },
    { provide: WebhookDeliveryRepository, useClass: TypeormWebhookDeliveryRepository },
    { provide: SegmentRepository, useClass: TypeormSegmentRepository },
    { provide: OdsCasaSource, useClass: CustomerSummaryOdsCasaSource },
    { provide: WebhookSender, useClass: NodeHttpWebhookSender },
    { provide: HostResolver, useClass: DnsHostResolver },
    { provide: UserErasureRepository, useClass: TypeormUserErasureRepository },
    { provide: UserErasureAudit, useClass: PlatformUserErasureAudit },
    UserDataService,
    UserErasureService,
    FxRateService,
    { provide: FxRateRepository, useClass: TypeormFxRateRepository },
    SynchronizationService,
    WebhookDeliveryService,
    SegmentService,
    ImportWebFormService,
    { provide: ProcessRepository, useClass: TypeormProcessRepository },
  ],
  exports: [SegmentService, SynchronizationService],
})
export class FinancialSegmentsModule {}
