// The public API of @hub/financial-segments.
export { FinancialSegmentsModule } from './financial-segments.module';
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
