import type { CifCandidates } from '@hub/shared-kernel';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';

/** Normalised identifiers (LegalId value, E.164 mobile); null when not asked. */
export interface IdentifierQuery {
  readonly legalId: string | null;
  readonly mobileNumber: string | null;
}

/**
 * The operational data store, as the customer-summary module sees it. The default adapter is
 * the module's own `ods_*` tables (loaded by the NDJSON ingest); another adapter could call the
 * bank's ODS service instead.
 */
export abstract class OdsRepository {
  /** Every CIF holding the legal ID, and every CIF holding the mobile number, with its status. */
  abstract findCandidates(query: IdentifierQuery): Promise<CifCandidates>;

  /** One customer's whole snapshot, read in a fixed number of queries; null when unknown. */
  abstract findSnapshot(cif: string): Promise<OdsCustomerSnapshot | null>;

  /**
   * Replaces what the ODS holds for each snapshot's CIF by that snapshot. Atomic: all of the
   * batch or none of it. The CIFs of one batch are distinct.
   */
  abstract replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<void>;
}
