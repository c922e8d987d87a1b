/**
 * CIF matching (docs/contracts/customer-summary.md): which customer files do the identifiers a caller typed point at?
 *
 * Candidates = every CIF found by the legal ID, united with every CIF found by the mobile number.
 * A CIF with status `CLOSED` is not a candidate. The outcome is decided by the number of distinct
 * candidates: none, exactly one, or several (a duplicate the caller must resolve elsewhere).
 *
 * Pure and order-independent: the same sets of candidates in any order give the same outcome,
 * and a CIF found by both identifiers (or found twice by one) counts once.
 */
export type CifStatus = 'ACTIVE' | 'DORMANT' | 'CLOSED';

export const CIF_STATUSES: readonly CifStatus[] = ['ACTIVE', 'DORMANT', 'CLOSED'];

/** One CIF an identifier lookup found, with the status the ODS holds for it. */
export interface CifCandidate {
  readonly cif: string;
  readonly status: CifStatus;
}

export interface CifCandidates {
  /** CIFs whose legal IDs contain the requested legal ID (empty when none was given). */
  readonly byLegalId: readonly CifCandidate[];
  /** CIFs whose mobile numbers contain the requested mobile number (empty when none was given). */
  readonly byMobileNumber: readonly CifCandidate[];
}

export type CifMatch =
  | { readonly outcome: 'NONE'; readonly count: 0 }
  | { readonly outcome: 'ONE'; readonly count: 1; readonly cif: string }
  /** `cifs` is sorted; it is for the hub's own use (audit) and is never shown to the caller. */
  | { readonly outcome: 'MANY'; readonly count: number; readonly cifs: readonly string[] };

export type CifMatchOutcome = CifMatch['outcome'];

/**
 * Applies the matching rules. When the lookups disagree on a CIF's status (they read the same
 * snapshot, so they should not), the CIF is treated as closed if any lookup saw it closed: the
 * rule stays independent of the order of the candidates.
 */
export function matchCif(candidates: CifCandidates): CifMatch {
  const closed = new Set<string>();
  const seen = new Set<string>();
  for (const candidate of [...candidates.byLegalId, ...candidates.byMobileNumber]) {
    seen.add(candidate.cif);
    if (candidate.status === 'CLOSED') closed.add(candidate.cif);
  }
  const open = [...seen].filter((cif) => !closed.has(cif)).sort();
  if (open.length === 0) return { outcome: 'NONE', count: 0 };
  if (open.length === 1) return { outcome: 'ONE', count: 1, cif: open[0] };
  return { outcome: 'MANY', count: open.length, cifs: open };
}
