/** The outcome of one getCusSummary lookup (ODS_UNAVAILABLE: the ODS did not answer in time). */
export type LookupOutcome = 'FOUND' | 'NOT_FOUND' | 'DUPLICATE_CIF' | 'INVALID_INPUT' | 'ODS_UNAVAILABLE';

export interface CustomerLookupEntry {
  /** The token's subject. */
  readonly actor: string;
  readonly requestId: string;
  /**
   * The identifiers as asked (normalised when they could be). The adapter stores only keyed
   * hashes of them: no identifier is ever written in clear.
   */
  readonly legalId: string | null;
  readonly mobileNumber: string | null;
  readonly matchedCount: number;
  readonly outcome: LookupOutcome;
}

/** Where every customer-summary lookup is recorded (docs/api-conventions.md: who, when, which identifiers as hashes, how many CIFs). */
export abstract class CustomerLookupAudit {
  abstract record(entry: CustomerLookupEntry): Promise<void>;
}
