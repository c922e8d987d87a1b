export { CardRegistryModule } from './card-registry.module';
export {
  CardRegistryService,
  type CreateCustomerCommand,
  type CreateAccountCommand,
  type CreateCardCommand,
} from './application/card-registry.service';
export type { Customer, CustomerFields, CustomerAddress, CustomerType, CardScope } from './domain/customer';
export type { Account } from './domain/account';
export type { Card } from './domain/card';
export {
  CSV_COLUMNS,
  EXPORT_FORMATS,
  type ExportFormat,
  type CustomerRecord,
} from './domain/customer-record';
export { writeCustomerExportFile, type CustomerExportFileResult } from './adapters/cli/customer-export-file';
