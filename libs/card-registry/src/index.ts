export { CardRegistryModule } from './card-registry.module';
export { CARD_REGISTRY_SCHEMA } from './adapters/persistence/card-registry.schema';
export {
  CardRegistryService,
  type CreateCustomerCommand,
  type CreateAccountCommand,
  type CreateCardCommand,
  type PageOf,
  type PageRequest,
} from './application/card-registry.service';
export type { Customer, CustomerFields, CustomerAddress, CustomerType, CardScope } from './domain/customer';
export type { Account } from './domain/account';
export { CARD_STATUSES, type Card, type CardStatus } from './domain/card';
export {
  ACCOUNT_CSV_COLUMNS,
  CARD_CSV_COLUMNS,
  CSV_COLUMNS,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
  type CustomerView,
  type CardView,
  type AccountView,
} from './domain/customer-views';
export { CardExportFilesService, exportFileName } from './application/card-export-files.service';
export type { ExportFileView } from './application/ports/card-registry.repository';
export { CARD_EXPORT_QUEUE } from './adapters/jobs/card-export-job';
export { writeCustomerExportFile, type CustomerExportFileResult } from './adapters/cli/customer-export-file';

// The ports (abstract classes, each its own DI token) a team may implement: README, "Ports".
export { CardRegistryRepository } from './application/ports/card-registry.repository';
export type {
  CardVersion,
  CustomerVersion,
  CustomerSearch,
  ExportFileKey,
  ExportFileContent,
  ExportFileFilter,
  ExportFilter,
  InstitutionCardRepository,
  PageWindow,
  RegNoOutcome,
  TimeRange,
} from './application/ports/card-registry.repository';
export { ExportFileStorage, type StoredFile } from './application/ports/export-file-storage';
