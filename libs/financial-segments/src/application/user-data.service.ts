import { Clock, domainError } from '@hub/shared-kernel';
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SegmentErrors } from '../domain/segments.errors';
import type { ImportedAccount, ImportedTransaction, ImportResult } from './ports/user-data.repository';
import { UserDataRepository } from './ports/user-data.repository';
import { OdsCasaSource, type OdsCasaSnapshot } from './ports/ods-casa-source';

/** How long a process token opened by the hub itself (demo data) is valid: PROCESS_TOKEN_TTL's default. */
export const PROCESS_TOKEN_TTL_MS = 30 * 60 * 1000;

/** The bank name ODS_CASA accounts are recorded under. */
export const OWN_BANK_NAME = 'ODS_CASA';

/** Processes (a user per external user) and data sources (imports and the bank's own CASA). */
@Injectable()
export class UserDataService {
  constructor(
    private readonly users: UserDataRepository,
    private readonly ods: OdsCasaSource,
    private readonly clock: Clock,
  ) {}

  async openProcess(externalUserId: string): Promise<{ processToken: string; userId: string }> {
    const processToken = randomBytes(32).toString('base64url');
    const { userId } = await this.users.openProcess(
      externalUserId,
      hashToken(processToken),
      new Date(this.clock.now().getTime() + PROCESS_TOKEN_TTL_MS),
    );
    return { processToken, userId };
  }

  importAccounts(
    userId: string,
    bankName: string,
    accounts: readonly ImportedAccount[],
  ): Promise<ImportResult> {
    return this.users.importDataSource(userId, { type: 'IMPORT', sourceKey: bankName, bankName, accounts });
  }

  /**
   * "The bank's own CASA accounts of CIF X": the CIF's current and savings accounts with their
   * balances, and its payroll credits as credit transactions (purpose `PAYROLL <employer>`, so the
   * SALARY rule matches them). Registering the same CIF again refreshes it.
   */
  async importOdsCasa(userId: string, cif: string): Promise<ImportResult> {
    if (!(await this.users.userExists(userId))) throw domainError(SegmentErrors.USER_NOT_FOUND);
    const snapshot = await this.ods.read(cif);
    if (!snapshot) throw domainError(SegmentErrors.CIF_NOT_FOUND);
    return this.importSnapshot(userId, cif, snapshot);
  }

  /**
   * Reads every ODS_CASA data source of the user from the ODS again (balances and payroll credits
   * as they are now), merged like a re-registration; run by synchronize before it builds the
   * case. A CIF the ODS no longer knows keeps its last data. An ODS failure is thrown, so that
   * the job is retried rather than a report built on stale figures. Returns the sources refreshed.
   */
  async refreshOdsCasaSources(userId: string): Promise<number> {
    let refreshed = 0;
    for (const cif of await this.users.odsCasaCifs(userId)) {
      const snapshot = await this.ods.read(cif);
      if (!snapshot) continue;
      await this.importSnapshot(userId, cif, snapshot);
      refreshed++;
    }
    return refreshed;
  }

  private importSnapshot(userId: string, cif: string, snapshot: OdsCasaSnapshot): Promise<ImportResult> {
    return this.users.importDataSource(userId, {
      type: 'ODS_CASA',
      sourceKey: cif,
      bankName: OWN_BANK_NAME,
      accounts: odsAccounts(snapshot),
    });
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * CURRENT -> CHECKING, SAVINGS -> SAVINGS, fixed deposits -> TERM_DEPOSIT (closed accounts count
 * with no balance); payroll credits on their account.
 */
export function odsAccounts(snapshot: OdsCasaSnapshot): ImportedAccount[] {
  const accounts = snapshot.accounts.map((a) => ({
    accountNumber: a.accountNumber,
    type: a.type === 'CURRENT' ? ('CHECKING' as const) : ('SAVINGS' as const),
    currency: a.currency,
    balance: a.status === 'CLOSED' ? '0.00' : a.balance,
    transactions: [] as ImportedTransaction[],
  }));
  const deposits = snapshot.termDeposits.map((d) => ({
    accountNumber: d.accountNumber,
    type: 'TERM_DEPOSIT' as const,
    currency: d.currency,
    balance: d.status === 'CLOSED' ? '0.00' : d.balance,
    transactions: [] as ImportedTransaction[],
  }));
  const fallback = accounts.find((a) => a.type === 'CHECKING') ?? accounts[0];
  for (const credit of snapshot.payrollCredits) {
    const account = accounts.find((a) => a.accountNumber === credit.accountNumber) ?? fallback;
    if (!account) continue;
    account.transactions.push({
      id: `PAYROLL-${credit.period}-${credit.employerName}`,
      bookingDate: credit.creditDate ?? `${credit.period}-01`,
      amount: credit.amount,
      currency: credit.currency,
      purpose: `PAYROLL ${credit.employerName} ${credit.period}`,
      counterpartName: credit.employerName,
      counterpartAccount: null,
    });
  }
  return [...accounts, ...deposits];
}
