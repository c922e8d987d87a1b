// Over 300 lines on purpose: the card customer's wire shape (private and corporate) and its one
// mapper, field by field; no rules.
import { csvRecord, type CsvValue } from '@hub/shared-kernel';
import type { Account } from './account';
import type { Card, CardStatus } from './card';
import type { AdditionalAddress, CardScope, Customer, CustomerAddress, CustomerType } from './customer';

/**
 * The customer as the API shows it (GET, the history's `data`, NDJSON export lines): absent
 * optional fields are null, times are ISO 8601 strings.
 */
export interface CustomerView {
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
  readonly additionalAddresses: readonly AdditionalAddress[];
  readonly locale: string;
  readonly nationality: string | null;
  readonly countryOfBirth: string | null;
  readonly customerNumber: string;
  readonly regNo: string;
  readonly cardScope: CardScope;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toCustomerView(c: Customer): CustomerView {
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
    additionalAddresses: c.additionalAddresses.map((a) => ({
      type: a.type,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      zipCode: a.zipCode,
      country: a.country,
    })),
    locale: c.locale,
    nationality: c.nationality,
    countryOfBirth: c.countryOfBirth,
    customerNumber: c.customerNumber,
    regNo: c.regNo,
    cardScope: c.cardScope,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * A customer version recorded before a field existed reads with that field's empty value, so
 * every version (history, export files) has the shape of today's record.
 */
export function completeCustomerView(data: CustomerView): CustomerView {
  return {
    ...data,
    additionalAddresses: data.additionalAddresses ?? [],
    nationality: data.nationality ?? null,
    countryOfBirth: data.countryOfBirth ?? null,
  };
}

export interface AccountView {
  readonly id: string;
  readonly institutionId: string;
  readonly ownerCustomerId: string;
  readonly currency: string;
  readonly creditLimit: string | null;
  readonly createdAt: string;
}

export function toAccountView(a: Account): AccountView {
  return { ...a, createdAt: a.createdAt.toISOString() };
}

export interface CardView {
  readonly id: string;
  readonly institutionId: string;
  readonly accountId: string;
  readonly cardholderCustomerId: string;
  readonly digitalWalletEnabled: boolean;
  readonly embossName: string | null;
  readonly status: CardStatus;
  readonly expiryDate: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toCardView(c: Card): CardView {
  return {
    id: c.id,
    institutionId: c.institutionId,
    accountId: c.accountId,
    cardholderCustomerId: c.cardholderCustomerId,
    digitalWalletEnabled: c.digitalWalletEnabled,
    embossName: c.embossName,
    status: c.status,
    expiryDate: c.expiryDate,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** One card version as recorded (the card history route and the daily card files). */
export interface CardVersionView {
  readonly version: number;
  readonly receivedAt: string;
  readonly data: CardView;
}

/** One customer version as received (the history route). */
export interface CustomerVersionView {
  readonly version: number;
  readonly receivedAt: string;
  readonly data: CustomerView;
}

// ---- export file formats ------------------------------------------------------------------

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What is exported: one kind per route and per daily file. */
export const EXPORT_KINDS = ['customers', 'accounts', 'cards'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** How one kind of record is written: its CSV columns and the values of one row in that order. */
export interface ExportLayout<R> {
  readonly columns: readonly string[];
  csvValues(record: R): readonly CsvValue[];
}

/**
 * Customer CSV columns, in order: the record flattened (`address.city` -> `city`); the columns
 * added later (`nationality`, `countryOfBirth`, `additionalAddresses`) come last so a loader that
 * reads columns by position keeps working. `additionalAddresses` is one cell holding the JSON array.
 */
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
  'nationality',
  'countryOfBirth',
  'additionalAddresses',
] as const;

export const CUSTOMER_LAYOUT: ExportLayout<CustomerView> = {
  columns: CSV_COLUMNS,
  csvValues: (r) => [
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
    r.nationality,
    r.countryOfBirth,
    JSON.stringify(r.additionalAddresses),
  ],
};

export const ACCOUNT_CSV_COLUMNS = [
  'id',
  'institutionId',
  'ownerCustomerId',
  'currency',
  'creditLimit',
  'createdAt',
] as const;

export const ACCOUNT_LAYOUT: ExportLayout<AccountView> = {
  columns: ACCOUNT_CSV_COLUMNS,
  csvValues: (r) => [r.id, r.institutionId, r.ownerCustomerId, r.currency, r.creditLimit, r.createdAt],
};

export const CARD_CSV_COLUMNS = [
  'id',
  'institutionId',
  'accountId',
  'cardholderCustomerId',
  'digitalWalletEnabled',
  'embossName',
  'status',
  'expiryDate',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export const CARD_LAYOUT: ExportLayout<CardView> = {
  columns: CARD_CSV_COLUMNS,
  csvValues: (r) => [
    r.id,
    r.institutionId,
    r.accountId,
    r.cardholderCustomerId,
    r.digitalWalletEnabled,
    r.embossName,
    r.status,
    r.expiryDate,
    r.version,
    r.createdAt,
    r.updatedAt,
  ],
};

export function csvHeader(): string {
  return csvRecord(CSV_COLUMNS);
}

export function csvRow(r: CustomerView): string {
  return csvRecord(CUSTOMER_LAYOUT.csvValues(r));
}

/** One NDJSON line (JSON.stringify escapes line breaks inside strings, so one object a line). */
export function ndjsonLine(r: object): string {
  return JSON.stringify(r) + '\n';
}

/**
 * Formats a stream of records as export text: the CSV header first (also for zero rows), then
 * one line per record, grouped into chunks of about `chunkBytes` so a large export is not written
 * one tiny chunk per row. Pulls one record at a time: back-pressure reaches the source. Every CSV
 * cell goes through the kernel's `csvRecord`, which neutralises spreadsheet formulas.
 */
export async function* formatRecords<R extends object>(
  records: AsyncIterable<R>,
  format: ExportFormat,
  layout: ExportLayout<R>,
  chunkBytes = 64 * 1024,
  onRow?: () => void,
): AsyncGenerator<string> {
  let buffer = format === 'csv' ? csvRecord(layout.columns) : '';
  for await (const record of records) {
    onRow?.();
    buffer += format === 'csv' ? csvRecord(layout.csvValues(record)) : ndjsonLine(record);
    if (buffer.length >= chunkBytes) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** Each item of `source`, mapped, pulled one at a time. */
export async function* mapAsync<A, B>(source: AsyncIterable<A>, map: (a: A) => B): AsyncGenerator<B> {
  for await (const item of source) yield map(item);
}

/** Where each export kind reads its views; only the kind being formatted is opened. */
export interface ExportSources {
  readonly customers: () => AsyncIterable<CustomerView>;
  readonly accounts: () => AsyncIterable<AccountView>;
  readonly cards: () => AsyncIterable<CardView>;
}

/** One kind's export text: `formatRecords` over that kind's source with that kind's layout. */
export function formatExport(
  kind: ExportKind,
  sources: ExportSources,
  format: ExportFormat,
  onRow?: () => void,
  chunkBytes = 64 * 1024,
): AsyncGenerator<string> {
  switch (kind) {
    case 'customers':
      return formatRecords(sources.customers(), format, CUSTOMER_LAYOUT, chunkBytes, onRow);
    case 'accounts':
      return formatRecords(sources.accounts(), format, ACCOUNT_LAYOUT, chunkBytes, onRow);
    case 'cards':
      return formatRecords(sources.cards(), format, CARD_LAYOUT, chunkBytes, onRow);
  }
}

/**
 * The trailer an export file ends with: row count and the SHA-256 of every byte before the
 * trailer. CSV: a record `TRAILER,<rows>,<sha256>`; NDJSON: a last object
 * `{"trailer":{"rows":n,"sha256":"..."}}`.
 */
export function exportTrailer(format: ExportFormat, rows: number, sha256Hex: string): string {
  return format === 'csv'
    ? csvRecord(['TRAILER', rows, sha256Hex])
    : JSON.stringify({ trailer: { rows, sha256: sha256Hex } }) + '\n';
}
