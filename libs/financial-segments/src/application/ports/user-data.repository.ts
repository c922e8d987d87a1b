import type { AccountType } from '../../domain/income.types';

export interface ImportedTransaction {
  readonly id: string;
  readonly bookingDate: string;
  readonly amount: string;
  readonly currency: string;
  readonly purpose: string;
  readonly counterpartName: string;
  readonly counterpartAccount?: string | null;
}

export interface ImportedAccount {
  readonly accountNumber: string;
  readonly type: AccountType;
  readonly currency: string;
  readonly balance: string;
  readonly transactions: readonly ImportedTransaction[];
}

export interface DataSourceImport {
  readonly type: 'IMPORT' | 'ODS_CASA';
  /** The bank name (IMPORT) or the CIF (ODS_CASA): one data source per user and key. */
  readonly sourceKey: string;
  /** The bank name the accounts are recorded under. */
  readonly bankName: string;
  readonly accounts: readonly ImportedAccount[];
}

export interface ImportResult {
  readonly dataSourceId: string;
  /** Accounts in this import (created or updated). */
  readonly accounts: number;
  /** Transactions added by this import; those already known by id are not counted again. */
  readonly transactions: number;
}

export abstract class UserDataRepository {
  /** The user of an external user id (created on first sight) with a new process token hash. */
  abstract openProcess(
    externalUserId: string,
    tokenHash: string,
    expiresAt: Date,
  ): Promise<{ userId: string }>;
  abstract userExists(userId: string): Promise<boolean>;
  /** The CIFs of the user's ODS_CASA data sources, oldest first. */
  abstract odsCasaCifs(userId: string): Promise<string[]>;
  /**
   * Merges an import in one transaction: the data source by (user, type, key), accounts by
   * (user, bank name, account number) with their balance updated, transactions by (account, id)
   * added only when new. Throws USER_NOT_FOUND.
   */
  abstract importDataSource(userId: string, data: DataSourceImport): Promise<ImportResult>;
}
