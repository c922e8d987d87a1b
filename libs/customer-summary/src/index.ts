// The public API of @hub/customer-summary.
export { CustomerSummaryModule } from './customer-summary.module';
// The name of its demo-data seeder (another module's demo seeder may run after it: `DemoSeeding`).
export { ODS_DEMO_SEEDER } from './adapters/ods-demo-data.loader';
export { CUSTOMER_SUMMARY_SCHEMA } from './adapters/persistence/customer-summary.schema';
export {
  CustomerSummaryService,
  type CustomerSummaryQuery,
  type CustomerSummaryView,
  type LookupContext,
} from './application/customer-summary.service';
export type { CustomerSummary } from './domain/customer-summary';
export type { DataQualityCode } from './domain/data-quality';
export type { DataAsOf, OdsSnapshotRecord } from './domain/ods-snapshot-record';
export type { SummaryWarning, SummaryWarningCode } from './domain/customer-summary.warnings';
export {
  OdsCustomerReader,
  type OdsCustomerAccounts,
  type OdsCasaAccount,
  type OdsPayrollCreditRecord,
} from './application/ports/ods-customer-reader';
export { CustomerSummaryErrors, type CustomerSummaryErrorCode } from './domain/customer-summary.errors';
// The strict parser of one ODS snapshot (an NDJSON line, or the ODS service's `customer`).
export { validateSnapshot as parseOdsSnapshot } from './domain/ods-snapshot.parser';
// For the CLI scripts (scripts/customer-summary) and the README's examples.
export {
  loadOdsFile,
  writeSyntheticCustomersFile,
  type LoadFileReport,
  type LoadProgress,
} from './adapters/cli/ods-files';
export {
  SHOWCASE as ODS_DEMO_SHOWCASE,
  generateSyntheticCustomers,
  type SyntheticCustomerOptions,
} from './adapters/synthetic/synthetic-customers';
export type { IngestReport } from './application/ods-ingest.service';
// For the bench's bare baseline: the lookup's SQL, so that both issue the same statements.
export { LOOKUP_SQL } from './adapters/persistence/typeorm-ods.repository';

// The ports (abstract classes, each its own DI token) a team may implement: README, "Ports".
export { OdsRepository, type IdentifierQuery, type ReplaceResult } from './application/ports/ods.repository';
export {
  CustomerLookupAudit,
  type CustomerLookupEntry,
  type LookupOutcome,
} from './application/ports/customer-lookup-audit';
