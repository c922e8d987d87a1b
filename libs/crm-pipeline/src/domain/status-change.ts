import type { CrmRecordType, LeadStatus, OpportunityStatus } from '@hub/shared-kernel';

/** One row of a record's status history: every transition, creation included (from = null). */
export interface StatusChange {
  readonly recordType: CrmRecordType;
  readonly recordId: string;
  readonly from: LeadStatus | OpportunityStatus | null;
  readonly to: LeadStatus | OpportunityStatus;
  readonly reason: string | null;
  readonly actor: string;
  readonly at: Date;
}

/** Who did it and when: the token's `sub` and the clock's time, stamped on every history row. */
export interface Stamp {
  readonly actor: string;
  readonly at: Date;
}

/** History reasons written by the service itself (close-lost reasons come from the caller). */
export const HistoryReason = {
  CREATED: 'CREATED',
  CONVERTED: 'CONVERTED',
  CONVERTED_FROM_LEAD: 'CONVERTED_FROM_LEAD',
  WON: 'WON',
  /** A lead closed lost because an opportunity was created for its legal ID. */
  SUPERSEDED: 'SUPERSEDED',
  /** An open record closed lost by the daily job after CRM_STALE_AFTER_DAYS untouched. */
  EXPIRED: 'EXPIRED',
} as const;

/** The history row of one record's transition, stamped with who did it and when. */
export function statusChange(
  recordType: CrmRecordType,
  recordId: string,
  from: LeadStatus | OpportunityStatus | null,
  to: LeadStatus | OpportunityStatus,
  reason: string | null,
  stamp: Stamp,
): StatusChange {
  return { recordType, recordId, from, to, reason, actor: stamp.actor, at: stamp.at };
}
