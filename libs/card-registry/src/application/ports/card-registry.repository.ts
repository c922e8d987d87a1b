import type { Account } from '../../domain/account';
import type { Card } from '../../domain/card';
import type { Customer } from '../../domain/customer';
import {
  formatExport,
  mapAsync,
  toAccountView,
  toCardView,
  toCustomerView,
  type CardView,
  type CustomerView,
  type ExportFormat,
  type ExportKind,
} from '../../domain/customer-views';

/** One recorded card version (append-only history). */
export interface CardVersion {
  readonly cardId: string;
  readonly version: number;
  readonly receivedAt: Date;
  readonly data: CardView;
}

/** A daily export file as recorded (CARD_EXPORT_DIR holds the bytes). */
export interface ExportFileView {
  readonly id: string;
  readonly institutionId: string;
  readonly kind: ExportKind;
  /** YYYY-MM-DD, the UTC day covered. */
  readonly period: string;
  readonly format: ExportFormat;
  readonly fileName: string;
  readonly rowCount: number;
  readonly byteCount: number;
  readonly sha256: string;
  readonly createdAt: Date;
}

export interface ExportFileKey {
  readonly institutionId: string;
  readonly kind: ExportKind;
  readonly period: string;
}

/** What writing one file produced. */
export type ExportFileContent = Pick<
  ExportFileView,
  'format' | 'fileName' | 'rowCount' | 'byteCount' | 'sha256'
>;

export interface ExportFileFilter {
  readonly kind?: ExportKind;
  /** Periods from (inclusive), YYYY-MM-DD. */
  readonly from?: string;
  /** Periods to (inclusive), YYYY-MM-DD. */
  readonly to?: string;
  /** The page: rows skipped and rows returned. */
  readonly offset: number;
  readonly limit: number;
}

/** A half-open time range [from, to). */
export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

/** One version of a customer as received (append-only history). */
export interface CustomerVersion {
  readonly customerId: string;
  readonly version: number;
  readonly receivedAt: Date;
  readonly data: CustomerView;
}

export interface CustomerSearch {
  readonly regNo?: string;
  readonly customerNumber?: string;
  /** The page: rows skipped and rows returned (oldest first). */
  readonly offset: number;
  readonly limit: number;
}

/** One page of a list: rows skipped and rows returned. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
}

/** An insert or update that would give a second SHARED customer the same regNo names the first. */
export type RegNoOutcome =
  { readonly ok: true } | { readonly ok: false; readonly existingCustomerId: string };

/**
 * The card tables of ONE institution. An instance is bound to an institution when it is made
 * (see `CardRegistryRepository.inInstitution`) and every statement it issues is confined to that
 * institution's rows: there is no method that takes an institution, so no use case can reach
 * another institution's data by passing the wrong one.
 */
export interface InstitutionCardRepository {
  readonly institutionId: string;
  findCustomer(id: string, options?: { readonly lock?: boolean }): Promise<Customer | null>;
  /** One page of the institution's customers matching the filters (none: all), with their total. */
  searchCustomers(search: CustomerSearch): Promise<{ items: Customer[]; total: number }>;
  /** Inserts unless a SHARED customer with the regNo exists (checked by the unique index). */
  insertCustomer(customer: Customer): Promise<RegNoOutcome>;
  /** Writes the new current version; the row must still be at `expectedVersion`. */
  updateCustomer(customer: Customer, expectedVersion: number): Promise<RegNoOutcome>;
  appendVersion(version: CustomerVersion): Promise<void>;
  /** One page of the customer's versions, oldest first, with their total. */
  listVersions(customerId: string, window: PageWindow): Promise<{ items: CustomerVersion[]; total: number }>;
  insertAccount(account: Account): Promise<void>;
  findAccount(id: string): Promise<Account | null>;
  countCardsOfCardholder(customerId: string): Promise<number>;
  /** Cards of the cardholder that are wallet-enabled and not CLOSED. */
  countLiveWalletCardsOfCardholder(customerId: string): Promise<number>;
  insertCard(card: Card, cardholderScope: Customer['cardScope']): Promise<void>;
  findCard(id: string, options?: { readonly lock?: boolean }): Promise<Card | null>;
  /** The cards the customer holds, oldest first. */
  listCardsOfCardholder(customerId: string): Promise<Card[]>;
  /** Writes the new current version; throws 412 unless the row is still at `expectedVersion`. */
  updateCard(card: Card, expectedVersion: number): Promise<void>;
  appendCardVersion(version: CardVersion): Promise<void>;
  /** One page of the card's versions, oldest first, with their total. */
  listCardVersions(cardId: string, window: PageWindow): Promise<{ items: CardVersion[]; total: number }>;
  /** One page of the files matching, newest period first, with their total. */
  listExportFiles(filter: ExportFileFilter): Promise<{ items: ExportFileView[]; total: number }>;
  findExportFile(id: string): Promise<ExportFileView | null>;
}

export interface ExportFilter {
  /** Customers whose current version was recorded at or after this instant. */
  readonly changedSince: Date | null;
}

/** The card registry's persistence port. */
export abstract class CardRegistryRepository {
  /** Runs `work` in one transaction with the repository of one institution. */
  abstract inInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T>;

  /**
   * Runs a read-only `work` (the GET routes): on a read replica where the adapter has one, else as
   * `inInstitution`. Never for a command's own reads: a replica lags.
   */
  readInInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T> {
    return this.inInstitution(institutionId, work);
  }

  /**
   * The institution's customers (current versions), oldest change first (`updatedAt`, `id`),
   * pulled one at a time from a database cursor: memory stays constant at any size. Stopping the
   * iteration early (client gone) releases the cursor.
   */
  abstract streamCustomers(institutionId: string, filter: ExportFilter): AsyncIterable<Customer>;

  /** The institution's accounts created at or after `changedSince` (accounts never change), oldest first. */
  abstract streamAccounts(institutionId: string, filter: ExportFilter): AsyncIterable<Account>;

  /** The institution's cards (current versions), oldest change first. */
  abstract streamCards(institutionId: string, filter: ExportFilter): AsyncIterable<Card>;

  /**
   * The export text of one kind (the CSV header row then one row per record, or one NDJSON line
   * per record), in the order of the streams above, `onRow` called once per record. Chunks of text
   * or UTF-8 bytes, pulled one at a time: stopping early releases the source.
   *
   * This default formats the streamed records with the domain's formatter (`formatRecords`); the
   * PostgreSQL store overrides it and has the database form the very same bytes.
   */
  exportText(
    kind: ExportKind,
    institutionId: string,
    format: ExportFormat,
    filter: ExportFilter,
    onRow?: () => void,
  ): AsyncIterable<string | Uint8Array> {
    return formatExport(
      kind,
      {
        customers: () => mapAsync(this.streamCustomers(institutionId, filter), toCustomerView),
        accounts: () => mapAsync(this.streamAccounts(institutionId, filter), toAccountView),
        cards: () => mapAsync(this.streamCards(institutionId, filter), toCardView),
      },
      format,
      onRow,
    );
  }

  /** Every customer version received in the range (the daily customer file), in order received. */
  abstract streamCustomerVersions(institutionId: string, range: TimeRange): AsyncIterable<CustomerView>;

  /** Every card version recorded in the range (the daily card file), in order recorded. */
  abstract streamCardVersions(institutionId: string, range: TimeRange): AsyncIterable<CardView>;

  /** Accounts created in the range (the daily account file). */
  abstract streamAccountsCreated(institutionId: string, range: TimeRange): AsyncIterable<Account>;

  /**
   * Across all institutions (the daily export job): each (institution, kind, day) from `fromDay`
   * to `toDay` (YYYY-MM-DD, inclusive) that has no export file yet, starting no earlier than the
   * institution's first customer. Oldest first.
   */
  abstract missingExportFiles(
    fromDay: string,
    toDay: string,
    kinds: readonly ExportKind[],
  ): Promise<ExportFileKey[]>;

  /**
   * Claims (institution, kind, period) and runs `write` while holding the claim, in one
   * transaction: the file's row commits with it. Another instance claiming the same key waits, then
   * gets null (already written); if `write` fails, the claim is released. Null when already written.
   */
  abstract claimExportFile(
    key: ExportFileKey,
    createdAt: Date,
    write: () => Promise<ExportFileContent>,
  ): Promise<ExportFileView | null>;
}
