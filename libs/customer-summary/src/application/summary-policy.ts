/** Settings of getCusSummary that are not the ODS's: when its data counts as stale. */
export class SummaryPolicy {
  /** Data extracted longer ago than this many hours gets a STALE_DATA warning (default 24). */
  constructor(readonly staleAfterHours: number = 24) {}
}
