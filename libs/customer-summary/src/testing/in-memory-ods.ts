import { compare, type CifCandidates } from '@hub/shared-kernel';
import type { OdsCustomerSnapshot } from '../domain/ods-snapshot';
import { CustomerLookupAudit, type CustomerLookupEntry } from '../application/ports/customer-lookup-audit';
import { OdsCustomerReader, type OdsCustomerAccounts } from '../application/ports/ods-customer-reader';
import { OdsRepository, type IdentifierQuery } from '../application/ports/ods.repository';

/**
 * An in-memory ODS for unit tests (this lib's and other modules'): the same contract as the
 * Postgres adapter, including the read port other modules use.
 */
export class InMemoryOds implements OdsRepository, OdsCustomerReader {
  readonly snapshots = new Map<string, OdsCustomerSnapshot>();
  /** Batches written, for tests of the ingest. */
  readonly batches: string[][] = [];
  /** CIFs whose write fails, to test the ingest's isolation of a bad snapshot. */
  readonly failingCifs = new Set<string>();

  constructor(snapshots: readonly OdsCustomerSnapshot[] = []) {
    for (const s of snapshots) this.snapshots.set(s.cif, s);
  }

  async findCandidates(query: IdentifierQuery): Promise<CifCandidates> {
    const all = [...this.snapshots.values()];
    return {
      byLegalId:
        query.legalId === null
          ? []
          : all.filter((s) => s.legalIds.some((l) => l.number === query.legalId)).map(candidate),
      byMobileNumber:
        query.mobileNumber === null
          ? []
          : all.filter((s) => s.mobileNumbers.includes(query.mobileNumber!)).map(candidate),
    };
  }

  async findSnapshot(cif: string): Promise<OdsCustomerSnapshot | null> {
    return this.snapshots.get(cif) ?? null;
  }

  async replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<void> {
    if (snapshots.some((s) => this.failingCifs.has(s.cif))) throw new Error('write failed');
    this.batches.push(snapshots.map((s) => s.cif));
    for (const s of snapshots) this.snapshots.set(s.cif, s);
  }

  async findCasaAccountsAndPayroll(cif: string): Promise<OdsCustomerAccounts | null> {
    const s = this.snapshots.get(cif);
    if (!s) return null;
    return {
      cif: s.cif,
      status: s.status,
      casaAccounts: s.deposits
        .filter((d) => d.productType !== 'FIXED_DEPOSIT')
        .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : 1))
        .map((d) => ({
          accountNumber: d.accountNumber,
          type: d.productType === 'CURRENT_ACCOUNT' ? ('CURRENT' as const) : ('SAVINGS' as const),
          productName: d.productName,
          currency: d.currency,
          balance: d.balance,
          availableBalance: d.availableBalance,
          status: d.status,
          openDate: d.openDate,
        })),
      termDeposits: s.deposits
        .filter((d) => d.productType === 'FIXED_DEPOSIT')
        .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : 1))
        .map((d) => ({
          accountNumber: d.accountNumber,
          currency: d.currency,
          balance: d.balance,
          status: d.status,
          maturityDate: d.maturityDate,
        })),
      payrollCredits: [...s.payroll].sort(
        (a, b) =>
          cmpDesc(a.period, b.period) ||
          cmpDesc(a.creditDate ?? '', b.creditDate ?? '') ||
          compare(b.amount, a.amount),
      ),
    };
  }
}

/** Keeps every audit entry, for assertions. */
export class InMemoryCustomerLookupAudit extends CustomerLookupAudit {
  readonly entries: CustomerLookupEntry[] = [];

  async record(entry: CustomerLookupEntry): Promise<void> {
    this.entries.push(entry);
  }
}

function candidate(s: OdsCustomerSnapshot) {
  return { cif: s.cif, status: s.status };
}

function cmpDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
