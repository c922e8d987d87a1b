import { domainError } from '../errors/domain-error';
import { KernelErrors } from '../errors/kernel.errors';

/**
 * The lead and opportunity life cycles (docs/contracts/crm-pipeline.md). Each machine is a transition table plus a pure
 * `transition(from, to)`: terminal states never change (409 `INVALID_STATUS_TRANSITION`), and a
 * target the table does not allow from an open state is a bad request (400
 * `STATUS_TRANSITION_NOT_ALLOWED`).
 */
export const LEAD_STATUSES = ['NEW_LEAD', 'CLOSE_WON', 'CLOSE_LOST'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const OPPORTUNITY_STATUSES = ['NEW_OPPORTUNITY', 'CLOSE_WON', 'CLOSE_LOST'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export type CrmRecordType = 'LEAD' | 'OPPORTUNITY';

export interface StateMachine<S extends string> {
  readonly recordType: CrmRecordType;
  readonly statuses: readonly S[];
  readonly initial: S;
  /** from -> the targets allowed from it; a terminal state maps to an empty list. */
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly labels: Readonly<Record<S, string>>;
}

export const LEAD_MACHINE: StateMachine<LeadStatus> = {
  recordType: 'LEAD',
  statuses: LEAD_STATUSES,
  initial: 'NEW_LEAD',
  transitions: { NEW_LEAD: ['CLOSE_WON', 'CLOSE_LOST'], CLOSE_WON: [], CLOSE_LOST: [] },
  labels: { NEW_LEAD: 'New Lead', CLOSE_WON: 'Close Won', CLOSE_LOST: 'Close Lost' },
};

export const OPPORTUNITY_MACHINE: StateMachine<OpportunityStatus> = {
  recordType: 'OPPORTUNITY',
  statuses: OPPORTUNITY_STATUSES,
  initial: 'NEW_OPPORTUNITY',
  transitions: { NEW_OPPORTUNITY: ['CLOSE_WON', 'CLOSE_LOST'], CLOSE_WON: [], CLOSE_LOST: [] },
  labels: { NEW_OPPORTUNITY: 'New Opportunity', CLOSE_WON: 'Close Won', CLOSE_LOST: 'Close Lost' },
};

/** The two terminal statuses shared by both machines; the partial unique indexes exclude them. */
export const CLOSED_STATUSES = ['CLOSE_WON', 'CLOSE_LOST'] as const;

export function isTerminal<S extends string>(machine: StateMachine<S>, status: S): boolean {
  return machine.transitions[status].length === 0;
}

/** Open = not `CLOSE_WON` / `CLOSE_LOST`. */
export function isOpen(status: LeadStatus | OpportunityStatus): boolean {
  return !(CLOSED_STATUSES as readonly string[]).includes(status);
}

export function isAllowed<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.transitions[from]?.includes(to) ?? false;
}

export function statusLabel(status: LeadStatus | OpportunityStatus): string {
  return (
    (LEAD_MACHINE.labels as Record<string, string>)[status] ??
    (OPPORTUNITY_MACHINE.labels as Record<string, string>)[status]
  );
}

/** Checks `from -> to` against the machine and returns `to`, or throws the docs/contracts/crm-pipeline.md errors. */
export function transition<S extends string>(machine: StateMachine<S>, from: S, to: S): S {
  const lead = machine.recordType === 'LEAD';
  if (!(machine.statuses as readonly string[]).includes(from)) {
    throw new Error(`Unknown ${lead ? 'lead' : 'opportunity'} status ${String(from)}`);
  }
  if (isTerminal(machine, from)) {
    throw domainError(
      lead ? KernelErrors.LEAD_CLOSED : KernelErrors.OPPORTUNITY_CLOSED,
      [{ recordType: machine.recordType, from, to }],
      { params: { from: machine.labels[from] } },
    );
  }
  if (!isAllowed(machine, from, to)) {
    throw domainError(
      lead ? KernelErrors.LEAD_TRANSITION_NOT_ALLOWED : KernelErrors.OPPORTUNITY_TRANSITION_NOT_ALLOWED,
      [{ field: 'status', recordType: machine.recordType, from, to, allowed: machine.transitions[from] }],
      { params: { from: machine.labels[from], to: String(to) } },
    );
  }
  return to;
}

export function transitionLead(from: LeadStatus, to: LeadStatus): LeadStatus {
  return transition(LEAD_MACHINE, from, to);
}

export function transitionOpportunity(from: OpportunityStatus, to: OpportunityStatus): OpportunityStatus {
  return transition(OPPORTUNITY_MACHINE, from, to);
}
