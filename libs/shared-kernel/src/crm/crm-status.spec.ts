import fc from 'fast-check';
import { ConflictError, ValidationError } from '../errors/domain-error';
import {
  LEAD_MACHINE,
  LEAD_STATUSES,
  OPPORTUNITY_MACHINE,
  OPPORTUNITY_STATUSES,
  isOpen,
  statusLabel,
  transition,
  transitionLead,
  transitionOpportunity,
  type LeadStatus,
  type OpportunityStatus,
} from './crm-status';

describe('lead state machine', () => {
  it.each<[LeadStatus, LeadStatus]>([
    ['NEW_LEAD', 'CLOSE_WON'],
    ['NEW_LEAD', 'CLOSE_LOST'],
  ])('allows %s -> %s', (from, to) => {
    expect(transitionLead(from, to)).toBe(to);
  });

  it.each<[LeadStatus, LeadStatus]>([
    ['CLOSE_WON', 'NEW_LEAD'],
    ['CLOSE_WON', 'CLOSE_WON'],
    ['CLOSE_WON', 'CLOSE_LOST'],
    ['CLOSE_LOST', 'NEW_LEAD'],
    ['CLOSE_LOST', 'CLOSE_WON'],
    ['CLOSE_LOST', 'CLOSE_LOST'],
  ])('refuses %s -> %s with 409 INVALID_STATUS_TRANSITION (terminal)', (from, to) => {
    const error = catchError(() => transitionLead(from, to));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'INVALID_STATUS_TRANSITION',
      details: [{ recordType: 'LEAD', from, to }],
    });
  });

  it('refuses NEW_LEAD -> NEW_LEAD with 400 (not a transition of the machine)', () => {
    const error = catchError(() => transitionLead('NEW_LEAD', 'NEW_LEAD'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'STATUS_TRANSITION_NOT_ALLOWED', details: [{ field: 'status' }] });
  });

  it('refuses a target that is not a lead status with 400', () => {
    const error = catchError(() => transitionLead('NEW_LEAD', 'NEW_OPPORTUNITY' as LeadStatus));
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('opportunity state machine', () => {
  it.each<[OpportunityStatus, OpportunityStatus]>([
    ['NEW_OPPORTUNITY', 'CLOSE_WON'],
    ['NEW_OPPORTUNITY', 'CLOSE_LOST'],
  ])('allows %s -> %s', (from, to) => {
    expect(transitionOpportunity(from, to)).toBe(to);
  });

  it.each<[OpportunityStatus, OpportunityStatus]>([
    ['CLOSE_WON', 'NEW_OPPORTUNITY'],
    ['CLOSE_WON', 'CLOSE_WON'],
    ['CLOSE_WON', 'CLOSE_LOST'],
    ['CLOSE_LOST', 'NEW_OPPORTUNITY'],
    ['CLOSE_LOST', 'CLOSE_WON'],
    ['CLOSE_LOST', 'CLOSE_LOST'],
  ])('refuses %s -> %s with 409 INVALID_STATUS_TRANSITION (terminal)', (from, to) => {
    const error = catchError(() => transitionOpportunity(from, to));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'INVALID_STATUS_TRANSITION',
      details: [{ recordType: 'OPPORTUNITY', from, to }],
    });
  });

  it('refuses NEW_OPPORTUNITY -> NEW_OPPORTUNITY with 400', () => {
    const error = catchError(() => transitionOpportunity('NEW_OPPORTUNITY', 'NEW_OPPORTUNITY'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'STATUS_TRANSITION_NOT_ALLOWED' });
  });

  it('refuses a lead status as an opportunity target with 400', () => {
    expect(
      catchError(() => transitionOpportunity('NEW_OPPORTUNITY', 'NEW_LEAD' as OpportunityStatus)),
    ).toBeInstanceOf(ValidationError);
  });
});

describe('both machines', () => {
  const machines = [
    ['lead', LEAD_MACHINE, LEAD_STATUSES],
    ['opportunity', OPPORTUNITY_MACHINE, OPPORTUNITY_STATUSES],
  ] as const;

  it.each(machines)(
    '%s: every (from, to) pair either passes, or is 409 from a closed state, or 400',
    (_name, machine, statuses) => {
      fc.assert(
        fc.property(fc.constantFrom(...statuses), fc.constantFrom(...statuses), (from, to) => {
          const m = machine as typeof LEAD_MACHINE;
          const error = catchError(() => transition(m, from as LeadStatus, to as LeadStatus));
          if (!isOpen(from))
            return error instanceof ConflictError && error.code === 'INVALID_STATUS_TRANSITION';
          if (m.transitions[from as LeadStatus].includes(to as LeadStatus)) return error === undefined;
          return error instanceof ValidationError;
        }),
      );
    },
  );

  it.each(machines)(
    '%s: the initial state is open and every allowed move from it closes the record',
    (_name, machine) => {
      const m = machine as typeof LEAD_MACHINE;
      expect(isOpen(m.initial)).toBe(true);
      for (const to of m.transitions[m.initial]) expect(isOpen(to)).toBe(false);
    },
  );

  it.each<[string, boolean]>([
    ['NEW_LEAD', true],
    ['NEW_OPPORTUNITY', true],
    ['CLOSE_WON', false],
    ['CLOSE_LOST', false],
  ])('isOpen(%s) = %s', (status, open) => {
    expect(isOpen(status as LeadStatus)).toBe(open);
  });

  it.each<[string, string]>([
    ['NEW_LEAD', 'New Lead'],
    ['NEW_OPPORTUNITY', 'New Opportunity'],
    ['CLOSE_WON', 'Close Won'],
    ['CLOSE_LOST', 'Close Lost'],
  ])('labels %s as "%s"', (status, label) => {
    expect(statusLabel(status as LeadStatus)).toBe(label);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error;
  }
}
