import fc from 'fast-check';
import {
  decideComboCreate,
  type ComboCreateDecision,
  type CustomerType,
  type RecordFacts,
} from './combo-create-decision';
import {
  LEAD_STATUSES,
  OPPORTUNITY_STATUSES,
  isOpen,
  type LeadStatus,
  type OpportunityStatus,
} from './crm-status';

const ME = 'RM001';
const OTHER = 'RM002';
const lead = (status: LeadStatus, ownerId = ME): RecordFacts<LeadStatus> => ({ id: 'L1', ownerId, status });
const opp = (status: OpportunityStatus, ownerId = ME): RecordFacts<OpportunityStatus> => ({
  id: 'O1',
  ownerId,
  status,
});

type Row = [
  string,
  CustomerType,
  RecordFacts<LeadStatus> | null,
  RecordFacts<OpportunityStatus> | null,
  ComboCreateDecision,
];

const createLead: ComboCreateDecision = { result: 'CREATED_LEAD', actions: [{ type: 'CREATE_LEAD' }] };
const createOpp: ComboCreateDecision = {
  result: 'CREATED_OPPORTUNITY',
  actions: [{ type: 'CREATE_OPPORTUNITY' }],
};
const existingOpp: ComboCreateDecision = {
  result: 'EXISTING_OPPORTUNITY',
  existingOpportunityId: 'O1',
  actions: [],
};
const reassignOpp: ComboCreateDecision = {
  result: 'REASSIGNED_OPPORTUNITY',
  actions: [
    { type: 'CLOSE_OPPORTUNITY_LOST', opportunityId: 'O1', reason: 'REASSIGNED' },
    { type: 'CREATE_OPPORTUNITY' },
  ],
};
const existingLead: ComboCreateDecision = { result: 'EXISTING_LEAD', existingLeadId: 'L1', actions: [] };
const reassignLead: ComboCreateDecision = {
  result: 'REASSIGNED_LEAD',
  actions: [{ type: 'CLOSE_LEAD_LOST', leadId: 'L1', reason: 'REASSIGNED' }, { type: 'CREATE_LEAD' }],
};

/** docs/contracts/crm-pipeline.md, row by row. */
const rows: Row[] = [
  // Opportunity check, both types.
  [
    'NTB: open opportunity, same owner -> its id, nothing created',
    'NTB',
    null,
    opp('NEW_OPPORTUNITY'),
    existingOpp,
  ],
  [
    'NTB: open opportunity, same owner, open lead too -> the opportunity wins',
    'NTB',
    lead('NEW_LEAD', OTHER),
    opp('NEW_OPPORTUNITY'),
    existingOpp,
  ],
  [
    'NTB: open opportunity, other owner -> close it lost, new opportunity',
    'NTB',
    null,
    opp('NEW_OPPORTUNITY', OTHER),
    reassignOpp,
  ],
  [
    'NTB: open opportunity, other owner, open lead too -> lead untouched',
    'NTB',
    lead('NEW_LEAD'),
    opp('NEW_OPPORTUNITY', OTHER),
    reassignOpp,
  ],
  [
    'ETB: open opportunity, same owner -> its id, nothing created',
    'ETB',
    null,
    opp('NEW_OPPORTUNITY'),
    existingOpp,
  ],
  [
    'ETB: open opportunity, other owner -> close it lost, new opportunity',
    'ETB',
    null,
    opp('NEW_OPPORTUNITY', OTHER),
    reassignOpp,
  ],
  // ETB without an open opportunity.
  ['ETB: no opportunity -> new opportunity', 'ETB', null, null, createOpp],
  ['ETB: closed-won opportunity -> new opportunity', 'ETB', null, opp('CLOSE_WON'), createOpp],
  [
    'ETB: closed-lost opportunity of another owner -> new opportunity',
    'ETB',
    null,
    opp('CLOSE_LOST', OTHER),
    createOpp,
  ],
  ['ETB: an open lead is never looked at', 'ETB', lead('NEW_LEAD', OTHER), null, createOpp],
  // NTB without an open opportunity: the lead check (the contradiction: closed opportunities continue here).
  ['NTB: nothing -> new lead', 'NTB', null, null, createLead],
  [
    'NTB: closed-won opportunity, no lead -> new lead (not a new opportunity)',
    'NTB',
    null,
    opp('CLOSE_WON'),
    createLead,
  ],
  [
    'NTB: closed-lost opportunity, no lead -> new lead (not a new opportunity)',
    'NTB',
    null,
    opp('CLOSE_LOST', OTHER),
    createLead,
  ],
  ['NTB: open lead, same owner -> its id, nothing created', 'NTB', lead('NEW_LEAD'), null, existingLead],
  [
    'NTB: closed opportunity, open lead, same owner -> the lead',
    'NTB',
    lead('NEW_LEAD'),
    opp('CLOSE_LOST'),
    existingLead,
  ],
  [
    'NTB: open lead, other owner -> close it lost, new lead',
    'NTB',
    lead('NEW_LEAD', OTHER),
    null,
    reassignLead,
  ],
  [
    'NTB: closed opportunity, open lead, other owner -> reassign the lead',
    'NTB',
    lead('NEW_LEAD', OTHER),
    opp('CLOSE_WON', OTHER),
    reassignLead,
  ],
  ['NTB: closed-lost lead -> new lead', 'NTB', lead('CLOSE_LOST'), null, createLead],
  ['NTB: closed-lost lead of another owner -> new lead', 'NTB', lead('CLOSE_LOST', OTHER), null, createLead],
  ['NTB: closed-won (converted) lead -> new lead', 'NTB', lead('CLOSE_WON'), null, createLead],
];

describe('decideComboCreate (docs/contracts/crm-pipeline.md decision table)', () => {
  it.each(rows)('%s', (_row, customerType, l, o, expected) => {
    expect(decideComboCreate({ customerType, ownerId: ME }, l, o)).toEqual(expected);
  });

  const leadArb = fc.option(
    fc.record({
      id: fc.constant('L1'),
      ownerId: fc.constantFrom(ME, OTHER),
      status: fc.constantFrom(...LEAD_STATUSES),
    }),
  );
  const oppArb = fc.option(
    fc.record({
      id: fc.constant('O1'),
      ownerId: fc.constantFrom(ME, OTHER),
      status: fc.constantFrom(...OPPORTUNITY_STATUSES),
    }),
  );
  const typeArb = fc.constantFrom<CustomerType>('NTB', 'ETB');

  it('leaves at most one open lead and one open opportunity, owned by the requesting RM when it created one', () => {
    fc.assert(
      fc.property(typeArb, leadArb, oppArb, (customerType, l, o) => {
        const d = decideComboCreate({ customerType, ownerId: ME }, l, o);
        let openLeads = l && isOpen(l.status) ? 1 : 0;
        let openOpps = o && isOpen(o.status) ? 1 : 0;
        for (const a of d.actions) {
          if (a.type === 'CLOSE_LEAD_LOST') openLeads--;
          if (a.type === 'CLOSE_OPPORTUNITY_LOST') openOpps--;
          if (a.type === 'CREATE_LEAD') openLeads++;
          if (a.type === 'CREATE_OPPORTUNITY') openOpps++;
        }
        return openLeads <= 1 && openOpps <= 1 && openLeads >= 0 && openOpps >= 0;
      }),
    );
  });

  it('closes only open records of another owner, and only to hand the customer to the requesting RM', () => {
    fc.assert(
      fc.property(typeArb, leadArb, oppArb, (customerType, l, o) => {
        const d = decideComboCreate({ customerType, ownerId: ME }, l, o);
        return d.actions.every((a) => {
          if (a.type === 'CLOSE_LEAD_LOST') return l !== null && isOpen(l.status) && l.ownerId === OTHER;
          if (a.type === 'CLOSE_OPPORTUNITY_LOST')
            return o !== null && isOpen(o.status) && o.ownerId === OTHER;
          return true;
        });
      }),
    );
  });

  it('never creates a lead for an ETB customer, nor an opportunity for an NTB customer without an open one', () => {
    fc.assert(
      fc.property(typeArb, leadArb, oppArb, (customerType, l, o) => {
        const d = decideComboCreate({ customerType, ownerId: ME }, l, o);
        const creates = d.actions.filter((a) => a.type === 'CREATE_LEAD' || a.type === 'CREATE_OPPORTUNITY');
        if (creates.length > 1) return false;
        if (customerType === 'ETB' && creates.some((a) => a.type === 'CREATE_LEAD')) return false;
        const openOpp = o !== null && isOpen(o.status);
        if (customerType === 'NTB' && !openOpp && creates.some((a) => a.type === 'CREATE_OPPORTUNITY'))
          return false;
        // EXISTING_* creates nothing and names the record.
        if (d.result.startsWith('EXISTING_'))
          return d.actions.length === 0 && (d.existingLeadId ?? d.existingOpportunityId) !== undefined;
        return creates.length === 1;
      }),
    );
  });
});
