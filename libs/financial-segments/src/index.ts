// The public API of @hub/financial-segments.
export { FinancialSegmentsModule } from './financial-segments.module';
export { FINANCIAL_SEGMENTS_SCHEMA } from './adapters/persistence/financial-segments.schema';
export { SegmentService } from './application/segment.service';
export { SynchronizationService } from './application/synchronization.service';
export { buildIncomeReport, type IncomeReportContent } from './domain/income-report';
export { classifyIncome, classifyTransactions, type IncomeTransaction } from './domain/income-classifier';
export {
  INCOME_CATEGORIES,
  ACCOUNT_TYPES,
  type IncomeCategory,
  type AccountType,
  type CaseAccount,
  type CaseTransaction,
} from './domain/income.types';
export type { SegmentCriteria, OfferKind } from './domain/segment-criteria';
export {
  signWebhook,
  verifyWebhook,
  parseWebhookSecret,
  WebhookVerificationError,
} from './domain/webhooks/standard-webhooks';
export { SEGMENTS_DEMO } from './adapters/demo/segments-demo-data';

// The ports (abstract classes, each its own DI token) a team may implement: README, "Ports".
export { WebhookSender, type WebhookRequest, type WebhookResponse } from './application/ports/webhook-sender';
export { HostResolver } from './application/ports/host-resolver';
export { OdsCasaSource, type OdsCasaSnapshot } from './application/ports/ods-casa-source';
export { FxRateRepository } from './application/ports/fx-rate.repository';
export { ProcessRepository } from './application/ports/process.repository';
export { ReportRepository } from './application/ports/report.repository';
export { SegmentRepository } from './application/ports/segment.repository';
export { SynchronizationRepository } from './application/ports/synchronization.repository';
export { UserDataRepository } from './application/ports/user-data.repository';
export { UserErasureRepository, UserErasureAudit } from './application/ports/user-erasure.repository';
export { WebhookDeliveryRepository } from './application/ports/webhook-delivery.repository';
