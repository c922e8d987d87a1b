import type { Account } from '../../domain/account';
import type { Card } from '../../domain/card';
import type { Customer } from '../../domain/customer';
import type { CustomerRecord } from '../../domain/customer-record';

/** One version of a customer as received (append-only history). */
export interface CustomerVersion {
  readonly customerId: string;
  readonly version: number;
  readonly receivedAt: Date;
  readonly data: CustomerRecord;
}

export interface CustomerSearch {
  readonly regNo?: string;
  readonly customerNumber?: string;
}

/** An insert or update that would give a second SHARED customer the same regNo names the first. */
export type RegNoOutcome =
  { readonly ok: true } | { readonly ok: false; readonly existingCustomerId: string };

/**
 * The card tables of ONE institution. An instance is bound to an institution when it is made
 * (see `CardRegistryStore.inInstitution`) and every statement it issues is confined to that
 * institution's rows: there is no method that takes an institution, so no use case can reach
 * another institution's data by passing the wrong one.
 */
export interface InstitutionCardRepository {
  readonly institutionId: string;
  findCustomer(id: string, options?: { readonly lock?: boolean }): Promise<Customer | null>;
  searchCustomers(search: CustomerSearch): Promise<Customer[]>;
  /** Inserts unless a SHARED customer with the regNo exists (checked by the unique index). */
  insertCustomer(customer: Customer): Promise<RegNoOutcome>;
  /** Writes the new current version; the row must still be at `expectedVersion`. */
  updateCustomer(customer: Customer, expectedVersion: number): Promise<RegNoOutcome>;
  appendVersion(version: CustomerVersion): Promise<void>;
  listVersions(customerId: string): Promise<CustomerVersion[]>;
  insertAccount(account: Account): Promise<void>;
  findAccount(id: string): Promise<Account | null>;
  countCardsOfCardholder(customerId: string): Promise<number>;
  insertCard(card: Card, cardholderScope: Customer['cardScope']): Promise<void>;
}

export interface ExportFilter {
  /** Customers whose current version was recorded at or after this instant. */
  readonly changedSince: Date | null;
}

/** The card registry's persistence port. */
export abstract class CardRegistryStore {
  /** Runs `work` in one transaction with the repository of one institution. */
  abstract inInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T>;

  /**
   * The institution's customers (current versions), oldest change first (`updatedAt`, `id`),
   * pulled one at a time from a database cursor: memory stays constant at any size. Stopping the
   * iteration early (client gone) releases the cursor.
   */
  abstract streamCustomers(institutionId: string, filter: ExportFilter): AsyncIterable<Customer>;
}
