import type { CifCandidates } from '@hub/shared-kernel';
import { casaAccountsOf } from '../application/ods-customer-accounts';
import { canonicalFlags, recordQualityFlags, sharedIdentifierFlags } from '../domain/data-quality';
import type { OdsCustomerSnapshot } from '../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../domain/ods-snapshot-record';
import { CustomerLookupAudit, type CustomerLookupEntry } from '../application/ports/customer-lookup-audit';
import { OdsCustomerReader, type OdsCustomerAccounts } from '../application/ports/ods-customer-reader';
import { OdsRepository, type IdentifierQuery, type ReplaceResult } from '../application/ports/ods.repository';

/**
 * An in-memory ODS for unit tests (this lib's and other modules') and the stub ODS service: the
 * same contract as the Postgres adapter, including the read port other modules use, the rule
 * that an older extraction never replaces a newer one, and the data-quality flags.
 */
export class InMemoryOds implements OdsRepository, OdsCustomerReader {
  readonly snapshots = new Map<string, OdsCustomerSnapshot>();
  /** Load time of each CIF (ISO 8601 UTC); `now()` at write, or `loadedAt` of the constructor. */
  readonly loadedAt = new Map<string, string>();
  /** Batches written, for tests of the ingest. */
  readonly batches: string[][] = [];
  /** CIFs whose write fails, to test the ingest's isolation of a bad snapshot. */
  readonly failingCifs = new Set<string>();

  constructor(
    snapshots: readonly OdsCustomerSnapshot[] = [],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const s of snapshots) this.put(s);
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

  async findSnapshot(cif: string): Promise<OdsSnapshotRecord | null> {
    const snapshot = this.snapshots.get(cif);
    if (!snapshot) return null;
    return {
      snapshot,
      dataAsOf: {
        extractedAt: snapshot.extractedAt,
        loadedAt: this.loadedAt.get(cif)!,
        extractedAtSource: 'ODS',
      },
      dataQualityFlags: canonicalFlags([
        ...recordQualityFlags(snapshot),
        ...sharedIdentifierFlags(snapshot, this.snapshots.values()),
      ]),
    };
  }

  /** Times the ingest asked for fresh planner statistics (a map has none to refresh). */
  statisticsRefreshes = 0;

  async refreshStatistics(): Promise<void> {
    this.statisticsRefreshes++;
  }

  prepareSnapshots(_snapshots: readonly OdsCustomerSnapshot[]): void {}

  async replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult> {
    if (snapshots.some((s) => this.failingCifs.has(s.cif))) throw new Error('write failed');
    this.batches.push(snapshots.map((s) => s.cif));
    const stale: string[] = [];
    for (const s of snapshots) {
      const held = this.snapshots.get(s.cif);
      if (held && Date.parse(held.extractedAt) > Date.parse(s.extractedAt)) stale.push(s.cif);
      else this.put(s);
    }
    return { stale };
  }

  async findCasaAccountsAndPayroll(cif: string): Promise<OdsCustomerAccounts | null> {
    const s = this.snapshots.get(cif);
    return s ? casaAccountsOf(s) : null;
  }

  private put(s: OdsCustomerSnapshot): void {
    this.snapshots.set(s.cif, s);
    this.loadedAt.set(s.cif, this.now().toISOString());
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
