import { isOpen, type LeadStatus, type OpportunityStatus } from './crm-status';

/**
 * The combo-create decision of docs/contracts/crm-pipeline.md as a pure function: given the request and the
 * customer's current lead and opportunity (open or not, or none), the result to report and the
 * actions to take, in order. The caller reads the records under the customer's lock and carries
 * the actions out in one transaction.
 *
 * Decision on the source's contradiction: for an NTB customer whose opportunities are all closed
 * the source says both "create a New Opportunity" and "continue to the lead check". This follows
 * the second: the route exists to register a Lead for a new-to-bank customer.
 */
export type CustomerType = 'NTB' | 'ETB';

export type ComboCreateResult =
  | 'CREATED_LEAD'
  | 'EXISTING_LEAD'
  | 'REASSIGNED_LEAD'
  | 'CREATED_OPPORTUNITY'
  | 'EXISTING_OPPORTUNITY'
  | 'REASSIGNED_OPPORTUNITY';

export const COMBO_CREATE_RESULTS: readonly ComboCreateResult[] = [
  'CREATED_LEAD',
  'EXISTING_LEAD',
  'REASSIGNED_LEAD',
  'CREATED_OPPORTUNITY',
  'EXISTING_OPPORTUNITY',
  'REASSIGNED_OPPORTUNITY',
];

/** The close reason written on a record closed because another RM took the customer over. */
export const REASSIGNED_REASON = 'REASSIGNED';

export interface ComboCreateRequestFacts {
  readonly customerType: CustomerType;
  readonly ownerId: string;
}

export interface RecordFacts<S> {
  readonly id: string;
  readonly ownerId: string;
  readonly status: S;
}

export type ComboCreateAction =
  | { readonly type: 'CLOSE_LEAD_LOST'; readonly leadId: string; readonly reason: typeof REASSIGNED_REASON }
  | {
      readonly type: 'CLOSE_OPPORTUNITY_LOST';
      readonly opportunityId: string;
      readonly reason: typeof REASSIGNED_REASON;
    }
  | { readonly type: 'CREATE_LEAD' }
  | { readonly type: 'CREATE_OPPORTUNITY' };

export interface ComboCreateDecision {
  readonly result: ComboCreateResult;
  /** The record the answer names when nothing is created (EXISTING_*). */
  readonly existingLeadId?: string;
  readonly existingOpportunityId?: string;
  readonly actions: readonly ComboCreateAction[];
}

export function decideComboCreate(
  request: ComboCreateRequestFacts,
  lead: RecordFacts<LeadStatus> | null,
  opportunity: RecordFacts<OpportunityStatus> | null,
): ComboCreateDecision {
  // Opportunity check, for both customer types.
  if (opportunity && isOpen(opportunity.status)) {
    if (opportunity.ownerId === request.ownerId) {
      return { result: 'EXISTING_OPPORTUNITY', existingOpportunityId: opportunity.id, actions: [] };
    }
    return {
      result: 'REASSIGNED_OPPORTUNITY',
      actions: [
        { type: 'CLOSE_OPPORTUNITY_LOST', opportunityId: opportunity.id, reason: REASSIGNED_REASON },
        { type: 'CREATE_OPPORTUNITY' },
      ],
    };
  }
  if (request.customerType === 'ETB') {
    return { result: 'CREATED_OPPORTUNITY', actions: [{ type: 'CREATE_OPPORTUNITY' }] };
  }
  // NTB with no open opportunity (none, or only closed ones): the lead check.
  if (lead && isOpen(lead.status)) {
    if (lead.ownerId === request.ownerId) {
      return { result: 'EXISTING_LEAD', existingLeadId: lead.id, actions: [] };
    }
    return {
      result: 'REASSIGNED_LEAD',
      actions: [
        { type: 'CLOSE_LEAD_LOST', leadId: lead.id, reason: REASSIGNED_REASON },
        { type: 'CREATE_LEAD' },
      ],
    };
  }
  return { result: 'CREATED_LEAD', actions: [{ type: 'CREATE_LEAD' }] };
}
