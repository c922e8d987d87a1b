import { ConflictError, NotFoundError, ValidationError } from '@hub/shared-kernel';
import { FixedClock } from '@hub/shared-kernel/testing';
import { InMemoryCrmStore } from '../testing/in-memory-crm.store';
import { InMemoryOdsCustomers } from '../testing/in-memory-ods-customers';
import { DEFAULT_CRM_CONFIG } from './crm-config';
import { buildEtbComboCreate, buildNtbComboCreate } from '../testing/crm.factories';
import { CrmPipelineService } from './crm-pipeline.service';

describe('CrmPipelineService', () => {
  let store: InMemoryCrmStore;
  let clock: FixedClock;
  let service: CrmPipelineService;

  beforeEach(() => {
    store = new InMemoryCrmStore();
    clock = new FixedClock('2026-01-15T09:00:00.000Z');
    // The ODS knows every CIF as open and holds no NTB identifier: classification is tested apart.
    service = new CrmPipelineService(
      store.repository,
      store.reads,
      clock,
      new InMemoryOdsCustomers({ everyCifOpen: true }),
      DEFAULT_CRM_CONFIG,
    );
  });

  async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
    try {
      await promise;
    } catch (error) {
      return error as Record<string, unknown>;
    }
    throw new Error('expected a rejection');
  }

  describe('combo-create, NTB', () => {
    it('creates a New Lead with the normalised legal ID and E.164 mobile, and a history row', async () => {
      const outcome = await service.comboCreate(
        buildNtbComboCreate({ legalId: ' 079 203 001 234 ' }),
        'channel-app',
      );
      expect(outcome).toEqual({
        result: 'CREATED_LEAD',
        leadId: expect.any(String),
        status: 'NEW_LEAD',
        created: true,
      });
      const lead = await service.getLead(outcome.leadId!);
      expect(lead).toMatchObject({
        status: 'NEW_LEAD',
        statusLabel: 'New Lead',
        legalId: '079203001234',
        mobileNumber: '+84912345678',
        ownerId: 'RM001',
        cif: null,
      });
      expect(lead.history).toEqual([
        { from: null, to: 'NEW_LEAD', reason: 'CREATED', actor: 'channel-app', at: clock.now() },
      ]);
    });

    it('returns the open lead of the same RM and creates nothing', async () => {
      const first = await service.comboCreate(buildNtbComboCreate(), 'a');
      const again = await service.comboCreate(
        buildNtbComboCreate({ legalId: '079203001234 ', product: 'CASA' }),
        'a',
      );
      expect(again).toEqual({
        result: 'EXISTING_LEAD',
        leadId: first.leadId,
        status: 'NEW_LEAD',
        created: false,
      });
      expect(store.leadsOf('079203001234')).toHaveLength(1);
      expect(store.historyOf(first.leadId!)).toHaveLength(1);
    });

    it('closes the open lead of another RM as REASSIGNED and opens a new one', async () => {
      const first = await service.comboCreate(buildNtbComboCreate({ ownerId: 'RM001' }), 'a');
      clock.advance(1000);
      const second = await service.comboCreate(buildNtbComboCreate({ ownerId: 'RM002' }), 'b');
      expect(second).toEqual({
        result: 'REASSIGNED_LEAD',
        leadId: expect.any(String),
        closedLeadId: first.leadId,
        status: 'NEW_LEAD',
        created: true,
      });
      const closed = await service.getLead(first.leadId!);
      expect(closed).toMatchObject({ status: 'CLOSE_LOST', closeReason: 'REASSIGNED' });
      expect(closed.history[1]).toEqual({
        from: 'NEW_LEAD',
        to: 'CLOSE_LOST',
        reason: 'REASSIGNED',
        actor: 'b',
        at: clock.now(),
      });
      expect(await service.getLead(second.leadId!)).toMatchObject({ status: 'NEW_LEAD', ownerId: 'RM002' });
    });

    it('creates a new lead after the last one closed lost', async () => {
      const first = await service.comboCreate(buildNtbComboCreate(), 'a');
      await service.updateLeadStatus(
        { leadId: first.leadId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        'a',
      );
      const again = await service.comboCreate(buildNtbComboCreate(), 'a');
      expect(again.result).toBe('CREATED_LEAD');
      expect(again.leadId).not.toBe(first.leadId);
    });

    it('creates a new lead (not an opportunity) when the legal ID only has closed opportunities', async () => {
      const first = await service.comboCreate(buildNtbComboCreate(), 'a');
      await service.closeWon({ leadId: first.leadId, cif: '7700000009' }, 'a');
      const again = await service.comboCreate(buildNtbComboCreate({ ownerId: 'RM002' }), 'b');
      expect(again).toMatchObject({ result: 'CREATED_LEAD', status: 'NEW_LEAD' });
      expect(store.opportunitiesOf('7700000009')).toHaveLength(1);
    });

    it('returns the open opportunity its legal ID already has, for the same RM', async () => {
      const etb = await service.comboCreate(buildEtbComboCreate({ legalId: '079203001234' }), 'a');
      const ntb = await service.comboCreate(buildNtbComboCreate(), 'a');
      expect(ntb).toEqual({
        result: 'EXISTING_OPPORTUNITY',
        opportunityId: etb.opportunityId,
        status: 'NEW_OPPORTUNITY',
        created: false,
      });
      expect(store.leadsOf('079203001234')).toHaveLength(0);
    });

    it('reassigns the open opportunity its legal ID has to another RM, keeping its CIF', async () => {
      const etb = await service.comboCreate(buildEtbComboCreate({ legalId: '079203001234' }), 'a');
      const ntb = await service.comboCreate(buildNtbComboCreate({ ownerId: 'RM002' }), 'b');
      expect(ntb).toMatchObject({
        result: 'REASSIGNED_OPPORTUNITY',
        closedOpportunityId: etb.opportunityId,
        status: 'NEW_OPPORTUNITY',
      });
      expect(await service.getOpportunity(ntb.opportunityId!)).toMatchObject({
        cif: '7700000001',
        legalId: '079203001234',
        ownerId: 'RM002',
        status: 'NEW_OPPORTUNITY',
      });
      expect(await service.getOpportunity(etb.opportunityId!)).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'REASSIGNED',
      });
    });

    it.each([
      [{ legalId: undefined }, 'legalId', 'required'],
      [{ legalId: '12345' }, 'legalId', 'legalId'],
      [{ mobileNumber: '12' }, 'mobileNumber', 'mobileNumber'],
      [{ cif: '7700000001' }, 'cif', 'unexpected'],
    ])('refuses %p with 400 VALIDATION_FAILED on %s', async (overrides, field, issue) => {
      const error = await rejection(service.comboCreate(buildNtbComboCreate(overrides), 'a'));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field, issues: [issue] }] });
      expect(store.state.leads.size).toBe(0);
    });
  });

  describe('combo-create, ETB', () => {
    it('creates a New Opportunity for the CIF', async () => {
      const outcome = await service.comboCreate(buildEtbComboCreate({ cif: ' 7700000001' }), 'a');
      expect(outcome).toEqual({
        result: 'CREATED_OPPORTUNITY',
        opportunityId: expect.any(String),
        status: 'NEW_OPPORTUNITY',
        created: true,
      });
      expect(await service.getOpportunity(outcome.opportunityId!)).toMatchObject({
        cif: '7700000001',
        status: 'NEW_OPPORTUNITY',
        statusLabel: 'New Opportunity',
        leadId: null,
        history: [{ from: null, to: 'NEW_OPPORTUNITY', reason: 'CREATED', actor: 'a' }],
      });
    });

    it('returns the open opportunity of the same RM', async () => {
      const first = await service.comboCreate(buildEtbComboCreate(), 'a');
      expect(await service.comboCreate(buildEtbComboCreate(), 'a')).toEqual({
        result: 'EXISTING_OPPORTUNITY',
        opportunityId: first.opportunityId,
        status: 'NEW_OPPORTUNITY',
        created: false,
      });
    });

    it('reassigns to another RM; the replacement inherits the legal ID the request lacks', async () => {
      const first = await service.comboCreate(buildEtbComboCreate({ legalId: '079203001234' }), 'a');
      const second = await service.comboCreate(buildEtbComboCreate({ ownerId: 'RM002' }), 'b');
      expect(second).toMatchObject({
        result: 'REASSIGNED_OPPORTUNITY',
        closedOpportunityId: first.opportunityId,
      });
      expect(await service.getOpportunity(second.opportunityId!)).toMatchObject({
        legalId: '079203001234',
        ownerId: 'RM002',
      });
      expect(await service.getOpportunity(first.opportunityId!)).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'REASSIGNED',
      });
    });

    it('creates a new opportunity after closed ones; the first supersedes the open lead of its legal ID', async () => {
      const lead = await service.comboCreate(buildNtbComboCreate({ ownerId: 'RM009' }), 'a');
      const first = await service.comboCreate(buildEtbComboCreate({ legalId: '079203001234' }), 'a');
      await service.closeWon({ opportunityId: first.opportunityId }, 'a');
      const second = await service.comboCreate(buildEtbComboCreate({ legalId: '079203001234' }), 'a');
      await service.updateOpportunityStatus(
        { opportunityId: second.opportunityId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        'a',
      );
      const third = await service.comboCreate(buildEtbComboCreate(), 'a');
      expect([first.result, second.result, third.result]).toEqual([
        'CREATED_OPPORTUNITY',
        'CREATED_OPPORTUNITY',
        'CREATED_OPPORTUNITY',
      ]);
      expect(first.closedLeadId).toBe(lead.leadId);
      expect(store.leadsOf('079203001234')).toMatchObject([
        { status: 'CLOSE_LOST', closeReason: 'SUPERSEDED', ownerId: 'RM009' },
      ]);
      expect(store.historyOf(lead.leadId!).map((h) => [h.to, h.reason])).toEqual([
        ['NEW_LEAD', 'CREATED'],
        ['CLOSE_LOST', 'SUPERSEDED'],
      ]);
    });

    it('refuses a legal ID that belongs to another CIF open opportunity with 409', async () => {
      await service.comboCreate(buildEtbComboCreate({ cif: '7700000001', legalId: '079203001234' }), 'a');
      const error = await rejection(
        service.comboCreate(buildEtbComboCreate({ cif: '7700000002', legalId: '079203001234' }), 'a'),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: 'LEGAL_ID_OF_OTHER_CIF' });
    });

    it('refuses an ETB request without a CIF', async () => {
      const error = await rejection(service.comboCreate(buildEtbComboCreate({ cif: undefined }), 'a'));
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'cif', issues: ['required'] }],
      });
    });
  });

  describe('combo-update (Close Won)', () => {
    it('converts a lead: the lead is Close Won with the CIF, the new opportunity Close Won, linked both ways', async () => {
      const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
      const outcome = await service.closeWon({ leadId, cif: '7700000123' }, 'onboarding');
      expect(outcome).toEqual({ leadId, opportunityId: expect.any(String), status: 'CLOSE_WON' });
      const lead = await service.getLead(leadId!);
      const opportunity = await service.getOpportunity(outcome.opportunityId);
      expect(lead).toMatchObject({
        status: 'CLOSE_WON',
        statusLabel: 'Close Won',
        cif: '7700000123',
        convertedOpportunityId: outcome.opportunityId,
      });
      expect(lead.history.map((h) => [h.from, h.to, h.reason, h.actor])).toEqual([
        [null, 'NEW_LEAD', 'CREATED', 'a'],
        ['NEW_LEAD', 'CLOSE_WON', 'CONVERTED', 'onboarding'],
      ]);
      expect(opportunity).toMatchObject({
        status: 'CLOSE_WON',
        leadId,
        cif: '7700000123',
        legalId: '079203001234',
        ownerId: 'RM001',
        product: 'CREDIT_CARD',
        history: [{ from: null, to: 'CLOSE_WON', reason: 'CONVERTED_FROM_LEAD', actor: 'onboarding' }],
      });
    });

    it('closes an opportunity won', async () => {
      const { opportunityId } = await service.comboCreate(buildEtbComboCreate(), 'a');
      expect(await service.closeWon({ opportunityId }, 'b')).toEqual({ opportunityId, status: 'CLOSE_WON' });
      expect(await service.getOpportunity(opportunityId!)).toMatchObject({
        status: 'CLOSE_WON',
        history: [{}, { from: 'NEW_OPPORTUNITY', to: 'CLOSE_WON', actor: 'b' }],
      });
    });

    it('refuses a second Close Won with 409 and changes nothing', async () => {
      const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
      await service.closeWon({ leadId, cif: '7700000123' }, 'a');
      const error = await rejection(service.closeWon({ leadId, cif: '7700000124' }, 'a'));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
      expect(store.opportunitiesOf('7700000124')).toHaveLength(0);
      expect(store.state.opportunities.size).toBe(1);
    });

    it.each([
      [{ leadId: '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e11' }, 'cif'],
      [
        {
          leadId: '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e11',
          opportunityId: '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e12',
          cif: '1',
        },
        'opportunityId',
      ],
      [{}, 'leadId'],
      [{ opportunityId: '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e12', cif: '77' }, 'cif'],
    ])('refuses %p with 400 on %s', async (command, field) => {
      expect(await rejection(service.closeWon(command, 'a'))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field }],
      });
    });

    it('answers 404 for unknown ids', async () => {
      const id = '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e11';
      expect(await rejection(service.closeWon({ leadId: id, cif: '77' }, 'a'))).toMatchObject({
        code: 'LEAD_NOT_FOUND',
      });
      const error = await rejection(service.closeWon({ opportunityId: id }, 'a'));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ code: 'OPPORTUNITY_NOT_FOUND' });
    });
  });

  describe('update-lead-status / update-opportunity-status', () => {
    it('closes a lead lost with the reason and returns the record with its history', async () => {
      const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
      clock.advance(60_000);
      const view = await service.updateLeadStatus(
        { leadId: leadId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        'aml',
      );
      expect(view).toMatchObject({
        id: leadId,
        status: 'CLOSE_LOST',
        statusLabel: 'Close Lost',
        closeReason: 'AML_REJECTED',
        updatedAt: clock.now(),
      });
      expect(view.history[1]).toEqual({
        from: 'NEW_LEAD',
        to: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
        actor: 'aml',
        at: clock.now(),
      });
    });

    it('closes an opportunity lost, or won', async () => {
      const a = await service.comboCreate(buildEtbComboCreate({ cif: '7700000001' }), 'a');
      const b = await service.comboCreate(buildEtbComboCreate({ cif: '7700000002' }), 'a');
      expect(
        await service.updateOpportunityStatus(
          { opportunityId: a.opportunityId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
          'x',
        ),
      ).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'AML_REJECTED',
      });
      expect(
        await service.updateOpportunityStatus({ opportunityId: b.opportunityId!, status: 'CLOSE_WON' }, 'x'),
      ).toMatchObject({
        status: 'CLOSE_WON',
        history: [{}, { from: 'NEW_OPPORTUNITY', to: 'CLOSE_WON', reason: 'WON' }],
      });
    });

    it.each([
      ['NEW_LEAD', 'X', 'STATUS_TRANSITION_NOT_ALLOWED'],
      ['CLOSE_WON', 'X', 'LEAD_CONVERSION_REQUIRED'],
      ['CLOSE_LOST', undefined, 'VALIDATION_FAILED'],
      ['CLOSE_LOST', '  ', 'VALIDATION_FAILED'],
      ['NEW_OPPORTUNITY', 'X', 'VALIDATION_FAILED'],
    ])('refuses a lead target %s (reason %p) with 400 %s', async (status, reason, code) => {
      const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
      const error = await rejection(
        service.updateLeadStatus({ leadId: leadId!, status: status as 'NEW_LEAD', reason }, 'a'),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code });
      expect((await service.getLead(leadId!)).status).toBe('NEW_LEAD');
    });

    it.each(['CLOSE_LOST', 'CLOSE_WON'] as const)(
      'refuses any change of a closed lead with 409 (%s)',
      async (target) => {
        const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
        await service.updateLeadStatus(
          { leadId: leadId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
          'a',
        );
        const error = await rejection(
          service.updateLeadStatus({ leadId: leadId!, status: target, reason: 'AGAIN' }, 'a'),
        );
        expect(error).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
        expect(await rejection(service.closeWon({ leadId, cif: '77' }, 'a'))).toMatchObject({
          code: 'INVALID_STATUS_TRANSITION',
        });
      },
    );

    it('refuses any change of a closed opportunity with 409', async () => {
      const { opportunityId } = await service.comboCreate(buildEtbComboCreate(), 'a');
      await service.closeWon({ opportunityId }, 'a');
      const error = await rejection(
        service.updateOpportunityStatus(
          { opportunityId: opportunityId!, status: 'CLOSE_LOST', reason: 'LATE' },
          'a',
        ),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
    });

    it('answers 404 for unknown ids', async () => {
      const id = '5c6b2f8e-0d52-4b7e-9a61-1f7c2a9d0e11';
      expect(
        await rejection(service.updateLeadStatus({ leadId: id, status: 'CLOSE_LOST', reason: 'X' }, 'a')),
      ).toMatchObject({ code: 'LEAD_NOT_FOUND' });
      expect(
        await rejection(
          service.updateOpportunityStatus({ opportunityId: id, status: 'CLOSE_LOST', reason: 'X' }, 'a'),
        ),
      ).toMatchObject({
        code: 'OPPORTUNITY_NOT_FOUND',
      });
      expect(await rejection(service.getLead(id))).toMatchObject({ code: 'LEAD_NOT_FOUND' });
      expect(await rejection(service.getOpportunity(id))).toMatchObject({ code: 'OPPORTUNITY_NOT_FOUND' });
    });
  });

  describe('parallel commands for one customer', () => {
    it('40 identical combo-creates make one lead', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => service.comboCreate(buildNtbComboCreate(), 'a')),
      );
      expect(outcomes.filter((o) => o.result === 'CREATED_LEAD')).toHaveLength(1);
      expect(new Set(outcomes.map((o) => o.leadId)).size).toBe(1);
      expect(store.leadsOf('079203001234')).toHaveLength(1);
    });

    it('20 combo-creates by different RMs leave exactly one open lead', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          service.comboCreate(buildNtbComboCreate({ ownerId: `RM${i}` }), 'a'),
        ),
      );
      const leads = store.leadsOf('079203001234');
      expect(leads).toHaveLength(20);
      expect(leads.filter((l) => l.status === 'NEW_LEAD')).toHaveLength(1);
      expect(leads.filter((l) => l.status === 'CLOSE_LOST' && l.closeReason === 'REASSIGNED')).toHaveLength(
        19,
      );
    });

    it('takes legal-ID locks before CIF locks and locks every key it writes', async () => {
      const { leadId } = await service.comboCreate(buildNtbComboCreate(), 'a');
      await service.closeWon({ leadId, cif: '7700000001' }, 'a');
      expect(store.lockLog.at(-1)).toEqual(['legal:079203001234', 'cif:7700000001']);
    });
  });

  describe('reads', () => {
    beforeEach(async () => {
      const a = await service.comboCreate(
        buildNtbComboCreate({ legalId: '079203000001', ownerId: 'RM001' }),
        'a',
      );
      clock.advance(1000);
      const b = await service.comboCreate(
        buildNtbComboCreate({ legalId: '079203000002', ownerId: 'RM001', channel: 'WEB' }),
        'a',
      );
      clock.advance(1000);
      await service.comboCreate(buildNtbComboCreate({ legalId: '079203000003', ownerId: 'RM002' }), 'a');
      await service.closeWon({ leadId: a.leadId, cif: '7700000001' }, 'a');
      await service.updateLeadStatus(
        { leadId: b.leadId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        'a',
      );
      const o = await service.comboCreate(buildEtbComboCreate({ cif: '7700000002' }), 'a');
      await service.updateOpportunityStatus(
        { opportunityId: o.opportunityId!, status: 'CLOSE_LOST', reason: 'AML_REJECTED' },
        'a',
      );
      await service.comboCreate(buildEtbComboCreate({ cif: '7700000003', ownerId: 'RM002' }), 'a');
    });

    it('lists leads filtered and paginated, newest first', async () => {
      const page = await service.listLeads({ ownerId: 'RM001' }, { page: 1, pageSize: 1 });
      expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ legalId: '079203000002' }] });
      expect(await service.listLeads({ legalId: '0792 0300 0001' }, { page: 1, pageSize: 20 })).toMatchObject(
        { total: 1 },
      );
      expect(await service.listLeads({ status: 'NEW_LEAD' }, { page: 1, pageSize: 20 })).toMatchObject({
        total: 1,
        items: [{ ownerId: 'RM002' }],
      });
    });

    it('lists opportunities by CIF and status', async () => {
      expect(await service.listOpportunities({ cif: '7700000001' }, { page: 1, pageSize: 20 })).toMatchObject(
        { total: 1, items: [{ status: 'CLOSE_WON' }] },
      );
      expect(
        await service.listOpportunities({ status: 'NEW_OPPORTUNITY' }, { page: 1, pageSize: 20 }),
      ).toMatchObject({ total: 1 });
    });

    it('refuses a page size over 100', async () => {
      expect(await rejection(service.listLeads({}, { page: 1, pageSize: 101 }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it.each([
      ['a page too deep for an exact offset', {}, { page: Number.MAX_SAFE_INTEGER, pageSize: 20 }, 'page'],
      ['a legal ID that is none', { legalId: '12345' }, { page: 1, pageSize: 20 }, 'legalId'],
      ['a NUL in the owner', { ownerId: 'RM\u0000' }, { page: 1, pageSize: 20 }, 'ownerId'],
    ])('refuses %s with a 400 naming the field', async (_name, filter, page, field) => {
      expect(await rejection(service.listLeads(filter, page))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field })],
      });
    });

    it('refuses a malformed CIF filter', async () => {
      expect(
        await rejection(service.listOpportunities({ cif: '77\u000000' }, { page: 1, pageSize: 20 })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cif' })] });
    });

    it('reports the pipeline with the conversion rate and close-lost reasons', async () => {
      const report = await service.pipelineReport({});
      expect(report.leads.total).toBe(3);
      expect(report.leads.byStatus).toEqual([
        { key: 'NEW_LEAD', label: 'New Lead', count: 1 },
        { key: 'CLOSE_WON', label: 'Close Won', count: 1 },
        { key: 'CLOSE_LOST', label: 'Close Lost', count: 1 },
      ]);
      expect(report.leads.byChannel).toEqual([
        { key: 'MOBILE_APP', count: 2 },
        { key: 'WEB', count: 1 },
      ]);
      expect(report.opportunities.byOwner).toEqual([
        { key: 'RM001', count: 2 },
        { key: 'RM002', count: 1 },
      ]);
      expect(report.conversion).toEqual({ leadsConverted: 1, leadsClosed: 2, rate: '0.5000' });
      expect(report.closeLostReasons).toEqual([
        { recordType: 'LEAD', reason: 'AML_REJECTED', count: 1 },
        { recordType: 'OPPORTUNITY', reason: 'AML_REJECTED', count: 1 },
      ]);
    });

    it('has no conversion rate before any lead closes', async () => {
      const report = await service.pipelineReport({ from: new Date('2030-01-01') });
      expect(report.conversion).toEqual({ leadsConverted: 0, leadsClosed: 0, rate: null });
      expect(report.leads.total).toBe(0);
    });
  });

  describe('classification against the ODS', () => {
    const ods = () =>
      new InMemoryOdsCustomers()
        .add('7700000001', { legalIds: ['079203001234'], mobiles: ['+84912000111'] })
        .add('7700000002', { open: false, legalIds: ['079203005555'], mobiles: ['+84912000222'] });
    const build = (config = DEFAULT_CRM_CONFIG, directory = ods()) =>
      new CrmPipelineService(store.repository, store.reads, clock, directory, config);

    it.each([
      ['its legal ID', { legalId: '079203001234', mobileNumber: '0912999999' }],
      ['its mobile number', { legalId: '079203009999', mobileNumber: '0912000111' }],
    ])('refuses an NTB customer an open CIF holds by %s: 422 CUSTOMER_TYPE_MISMATCH', async (_name, ids) => {
      const error = await rejection(build().comboCreate(buildNtbComboCreate(ids), 'a', 'req-1'));
      expect(error).toMatchObject({
        code: 'CUSTOMER_TYPE_MISMATCH',
        kind: 'BUSINESS_RULE',
        details: [{ suggestedCustomerType: 'ETB' }],
      });
      expect(store.leadsOf(ids.legalId)).toEqual([]);
    });

    it('passes the caller and request id to the ODS lookup (its audit)', async () => {
      const directory = ods();
      await build(DEFAULT_CRM_CONFIG, directory).comboCreate(
        buildNtbComboCreate({ legalId: '079203005555', mobileNumber: '0912000222' }),
        'rm-tool',
        'req-42',
      );
      expect(directory.lookups).toEqual([{ actor: 'rm-tool', requestId: 'req-42' }]);
    });

    it.each([
      ['an unknown CIF', '7700000099'],
      ['a closed CIF', '7700000002'],
    ])('refuses an ETB customer with %s: 422 CIF_NOT_FOUND', async (_name, cif) => {
      expect(await rejection(build().comboCreate(buildEtbComboCreate({ cif }), 'a'))).toMatchObject({
        code: 'CIF_NOT_FOUND',
      });
      expect(store.opportunitiesOf(cif)).toEqual([]);
    });

    it('checks nothing with CRM_CLASSIFICATION_CHECK=off', async () => {
      const off = build({ ...DEFAULT_CRM_CONFIG, classificationCheck: 'off' });
      await off.comboCreate(buildNtbComboCreate({ legalId: '079203001234' }), 'a');
      await off.comboCreate(buildEtbComboCreate({ cif: '7700000099' }), 'a');
      expect(store.leadsOf('079203001234')).toHaveLength(1);
      expect(store.opportunitiesOf('7700000099')).toHaveLength(1);
    });
  });

  describe('catalogue and deal fields', () => {
    it('refuses codes outside the catalogue, naming the allowed ones', async () => {
      const error = await rejection(
        service.comboCreate(buildNtbComboCreate({ product: 'LOAN', channel: 'FAX' }), 'a'),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          { field: 'product', allowed: [...DEFAULT_CRM_CONFIG.products] },
          { field: 'channel', allowed: [...DEFAULT_CRM_CONFIG.channels] },
        ],
      });
      expect(service.catalogue()).toEqual({
        products: [...DEFAULT_CRM_CONFIG.products],
        channels: [...DEFAULT_CRM_CONFIG.channels],
      });
    });

    it.each([
      ['free text', { product: 'Credit Card' }, 'product', ['isIn']],
      ['a lower-case code', { product: 'credit_card' }, 'product', ['isIn']],
      ['a padded code', { channel: ' WEB' }, 'channel', ['isIn']],
      ['a too long value', { channel: 'W'.repeat(51) }, 'channel', ['isIn', 'maxLength']],
      ['a control character', { product: 'CASA\u0000' }, 'product', ['isIn', 'format']],
    ])(
      'answers %s with the allowed codes, together with the other fields',
      async (_n, override, field, issues) => {
        const error = await rejection(
          service.comboCreate(buildNtbComboCreate({ ...override, ownerId: 'RM 1' }), 'a'),
        );
        const allowed = field === 'product' ? DEFAULT_CRM_CONFIG.products : DEFAULT_CRM_CONFIG.channels;
        expect(error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'ownerId' }, { field, issues, allowed: [...allowed] }],
        });
      },
    );

    it('stores the amount with 2 decimals and carries it through reassignment and conversion', async () => {
      await service.comboCreate(
        buildNtbComboCreate({ amount: '12.5', currency: 'VND', expectedCloseDate: '2026-03-31' }),
        'a',
      );
      const second = await service.comboCreate(
        buildNtbComboCreate({ ownerId: 'RM002', mobileNumber: undefined, fullName: undefined }),
        'a',
      );
      expect(await service.getLead(second.leadId!)).toMatchObject({
        amount: '12.50',
        currency: 'VND',
        expectedCloseDate: '2026-03-31',
        mobileNumber: '+84912345678',
        fullName: 'Nguyễn Văn An',
      });
      const won = await service.closeWon({ leadId: second.leadId, cif: '7700000777' }, 'a');
      expect(await service.getOpportunity(won.opportunityId)).toMatchObject({
        amount: '12.50',
        currency: 'VND',
      });
      const report = await service.pipelineReport({});
      expect(report.wonAmounts).toEqual([{ currency: 'VND', total: '12.50' }]);
      expect(report.leads.amounts).toEqual([
        { status: 'CLOSE_LOST', currency: 'VND', count: 1, total: '12.50' },
        { status: 'CLOSE_WON', currency: 'VND', count: 1, total: '12.50' },
      ]);
    });
  });

  describe('closeStaleRecords', () => {
    it('closes lost (EXPIRED) open records untouched for CRM_STALE_AFTER_DAYS, once', async () => {
      const old = await service.comboCreate(buildNtbComboCreate(), 'a');
      clock.advance(10 * 86_400_000);
      const fresh = await service.comboCreate(buildEtbComboCreate(), 'a');
      clock.advance(81 * 86_400_000);
      expect(await service.closeStaleRecords()).toEqual({ leads: 1, opportunities: 0 });
      expect(await service.closeStaleRecords()).toEqual({ leads: 0, opportunities: 0 });
      expect(store.historyOf(old.leadId!).map((h) => [h.to, h.reason, h.actor])).toEqual([
        ['NEW_LEAD', 'CREATED', 'a'],
        ['CLOSE_LOST', 'EXPIRED', 'crm-stale-records-job'],
      ]);
      expect((await service.getOpportunity(fresh.opportunityId!)).status).toBe('NEW_OPPORTUNITY');
    });

    it('does nothing with CRM_STALE_AFTER_DAYS=0', async () => {
      const off = new CrmPipelineService(
        store.repository,
        store.reads,
        clock,
        new InMemoryOdsCustomers({ everyCifOpen: true }),
        { ...DEFAULT_CRM_CONFIG, staleAfterDays: 0 },
      );
      await off.comboCreate(buildNtbComboCreate(), 'a');
      clock.advance(10_000 * 86_400_000);
      expect(await off.closeStaleRecords()).toEqual({ leads: 0, opportunities: 0 });
    });
  });
});
