import { csvRecord } from '@hub/shared-kernel';
import type { Account } from './account';
import type { Card } from './card';
import type { CardScope, Customer, CustomerAddress, CustomerType } from './customer';

/**
 * The customer as the API shows it (GET, the history's `data`, NDJSON export lines): absent
 * optional fields are null, times are ISO 8601 strings.
 */
export interface CustomerRecord {
  readonly id: string;
  readonly institutionId: string;
  readonly type: CustomerType;
  readonly salutation: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly lastName: string | null;
  readonly name: string | null;
  readonly dateOfBirth: string | null;
  readonly email: string | null;
  readonly phoneNumber: string | null;
  readonly mobileNumber: string | null;
  readonly address: CustomerAddress;
  readonly locale: string;
  readonly customerNumber: string;
  readonly regNo: string;
  readonly cardScope: CardScope;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toCustomerRecord(c: Customer): CustomerRecord {
  return {
    id: c.id,
    institutionId: c.institutionId,
    type: c.type,
    salutation: c.salutation,
    firstName: c.firstName,
    middleName: c.middleName,
    lastName: c.lastName,
    name: c.name,
    dateOfBirth: c.dateOfBirth,
    email: c.email,
    phoneNumber: c.phoneNumber,
    mobileNumber: c.mobileNumber,
    address: {
      address1: c.address.address1,
      address2: c.address.address2,
      city: c.address.city,
      zipCode: c.address.zipCode,
      country: c.address.country,
    },
    locale: c.locale,
    customerNumber: c.customerNumber,
    regNo: c.regNo,
    cardScope: c.cardScope,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export interface AccountRecord {
  readonly id: string;
  readonly institutionId: string;
  readonly ownerCustomerId: string;
  readonly currency: string;
  readonly creditLimit: string | null;
  readonly createdAt: string;
}

export function toAccountRecord(a: Account): AccountRecord {
  return { ...a, createdAt: a.createdAt.toISOString() };
}

export interface CardRecord {
  readonly id: string;
  readonly institutionId: string;
  readonly accountId: string;
  readonly cardholderCustomerId: string;
  readonly digitalWalletEnabled: boolean;
  readonly embossName: string | null;
  readonly createdAt: string;
}

export function toCardRecord(c: Card): CardRecord {
  return { ...c, createdAt: c.createdAt.toISOString() };
}

/** One customer version as received (the history route). */
export interface CustomerVersionRecord {
  readonly version: number;
  readonly receivedAt: string;
  readonly data: CustomerRecord;
}

// ---- export file formats ------------------------------------------------------------------

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV columns, in order: the record flattened (`address.city` -> `city`). */
export const CSV_COLUMNS = [
  'id',
  'institutionId',
  'type',
  'cardScope',
  'customerNumber',
  'regNo',
  'salutation',
  'firstName',
  'middleName',
  'lastName',
  'name',
  'dateOfBirth',
  'email',
  'phoneNumber',
  'mobileNumber',
  'address1',
  'address2',
  'city',
  'zipCode',
  'country',
  'locale',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export function csvHeader(): string {
  return csvRecord(CSV_COLUMNS);
}

export function csvRow(r: CustomerRecord): string {
  return csvRecord([
    r.id,
    r.institutionId,
    r.type,
    r.cardScope,
    r.customerNumber,
    r.regNo,
    r.salutation,
    r.firstName,
    r.middleName,
    r.lastName,
    r.name,
    r.dateOfBirth,
    r.email,
    r.phoneNumber,
    r.mobileNumber,
    r.address.address1,
    r.address.address2,
    r.address.city,
    r.address.zipCode,
    r.address.country,
    r.locale,
    r.version,
    r.createdAt,
    r.updatedAt,
  ]);
}

/** One NDJSON line (JSON.stringify escapes line breaks inside strings, so one object a line). */
export function ndjsonLine(r: CustomerRecord): string {
  return JSON.stringify(r) + '\n';
}

/**
 * Formats a stream of customers as export text: the CSV header first (also for zero rows), then
 * one line per customer, grouped into chunks of about `chunkBytes` so a large export is not
 * written one tiny chunk per row. Pulls one customer at a time: back-pressure reaches the source.
 */
export async function* formatExport(
  customers: AsyncIterable<Customer>,
  format: ExportFormat,
  chunkBytes = 64 * 1024,
  onRow?: () => void,
): AsyncGenerator<string> {
  let buffer = format === 'csv' ? csvHeader() : '';
  for await (const customer of customers) {
    onRow?.();
    const record = toCustomerRecord(customer);
    buffer += format === 'csv' ? csvRow(record) : ndjsonLine(record);
    if (buffer.length >= chunkBytes) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * The trailer the export file (`npm run cards:export`) ends with: row count and the SHA-256 of
 * every byte before the trailer. CSV: a record `TRAILER,<rows>,<sha256>`; NDJSON: a last object
 * `{"trailer":{"rows":n,"sha256":"..."}}`.
 */
export function exportTrailer(format: ExportFormat, rows: number, sha256Hex: string): string {
  return format === 'csv'
    ? csvRecord(['TRAILER', rows, sha256Hex])
    : JSON.stringify({ trailer: { rows, sha256: sha256Hex } }) + '\n';
}
