import type { CifCandidates } from '@hub/shared-kernel';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';

/** Normalised identifiers (LegalId value, E.164 mobile); null when not asked. */
export interface IdentifierQuery {
  readonly legalId: string | null;
  readonly mobileNumber: string | null;
}

/** What a write did: the CIFs it left alone because they hold a newer extraction. */
export interface ReplaceResult {
  readonly stale: readonly string[];
}

/**
 * The operational data store, as the customer-summary module sees it. Two adapters: the module's
 * own `ods_*` tables, loaded by the NDJSON ingest (`ODS_MODE=store`, the default), and the bank's
 * ODS service over HTTP (`ODS_MODE=http`, read-only).
 */
export abstract class OdsRepository {
  /** Every CIF holding the legal ID, and every CIF holding the mobile number, with its status. */
  abstract findCandidates(query: IdentifierQuery): Promise<CifCandidates>;

  /**
   * One customer's whole snapshot with its age and data-quality flags, read in a fixed number of
   * queries (one); null when unknown.
   */
  abstract findSnapshot(cif: string): Promise<OdsSnapshotRecord | null>;

  /**
   * Replaces what the ODS holds for each snapshot's CIF by that snapshot, unless the ODS holds a
   * newer extraction of that CIF (an equal one is replaced): those CIFs are left as they are and
   * returned in `stale`. Keeps the data-quality flags current. Atomic: all of the batch or none
   * of it. The CIFs of one batch are distinct.
   */
  abstract replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult>;

  /**
   * Optional: the work on a batch that needs no database (encoding its rows), done ahead. The
   * ingest calls it with the very array it then passes to {@link replaceSnapshots}, while the
   * previous batch is still being written, so that this work overlaps the database's.
   */
  prepareSnapshots(_snapshots: readonly OdsCustomerSnapshot[]): void {}

  /**
   * After a bulk load: brings the planner's statistics up to date, so that the very next lookup
   * is planned for the data as it now stands (not for the empty tables of before the load).
   */
  async refreshStatistics(): Promise<void> {}
}
