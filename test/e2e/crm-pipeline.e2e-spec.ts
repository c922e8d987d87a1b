import { randomInt, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import { loadOpenCifs, newNtbLegalId, newNtbMobile } from '../fixtures/crm-pipeline/ods-customers';

const INT = '/integration-service/int/api/crm/v1';
const API = '/integration-service/api/crm/v1';
const COMBO_CREATE = `${INT}/combo-create-lead-opportunity`;
const COMBO_UPDATE = `${INT}/combo-update-lead-opportunity`;
const UPDATE_OPPORTUNITY = `${API}/update-opportunity-status`;
const UPDATE_LEAD = `${API}/update-lead-status`;

/**
 * A fresh CCCD and CIF per test, so the tests of this file never share a customer. NTB legal IDs
 * and mobiles are held by no ODS customer; ETB CIFs are open ODS customers loaded up front (the
 * classification check is on, as by default).
 */
const newLegalId = newNtbLegalId;
let openCifs: string[] = [];
const newCif = () => {
  const cif = openCifs.pop();
  if (!cif) throw new Error('the pool of open ODS CIFs is used up: load more in beforeAll');
  return cif;
};

describe('crm-pipeline (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let write: string;
  let read: string;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    write = await t.bearer(['crm:write'], { sub: 'channel-app' });
    read = await t.bearer(['crm:read'], { sub: 'rm-tool' });
    openCifs = (await loadOpenCifs(t, 120)).map((c) => c.cif);
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    t.http.post(path).set('Authorization', write).set(headers).send(body);
  const get = (path: string) => t.http.get(path).set('Authorization', read);
  const ntb = (legalId: string, overrides: object = {}) => ({
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId,
    mobileNumber: newNtbMobile(legalId),
    fullName: 'Nguyễn Văn An',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
    ...overrides,
  });
  const etb = (cif: string, overrides: object = {}) => ({
    customerType: 'ETB',
    ownerId: 'RM001',
    cif,
    product: 'UNSECURED_LOAN',
    channel: 'WEB',
    ...overrides,
  });
  const expectError = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toEqual({
      statusCode: status,
      code,
      message: expect.any(String),
      details: expect.any(Array),
      requestId: expect.any(String),
    });
  };

  describe('combo-create for an NTB customer', () => {
    it('creates a New Lead (201) with history stamped with the token subject', async () => {
      const legalId = newLegalId();
      const res = await post(
        COMBO_CREATE,
        ntb(` ${legalId.slice(0, 6)} ${legalId.slice(6)} `, { mobileNumber: newNtbMobile(legalId) }),
      ).expect(201);
      expect(res.body).toEqual({ result: 'CREATED_LEAD', leadId: expect.any(String), status: 'NEW_LEAD' });
      const lead = (await get(`${API}/leads/${res.body.leadId}`).expect(200)).body;
      expect(lead).toEqual({
        id: res.body.leadId,
        status: 'NEW_LEAD',
        statusLabel: 'New Lead',
        ownerId: 'RM001',
        legalId,
        mobileNumber: `+84${newNtbMobile(legalId).slice(1)}`,
        fullName: 'Nguyễn Văn An',
        cif: null,
        product: 'CREDIT_CARD',
        channel: 'MOBILE_APP',
        amount: null,
        currency: null,
        expectedCloseDate: null,
        convertedOpportunityId: null,
        closeReason: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        history: [
          { from: null, to: 'NEW_LEAD', reason: 'CREATED', actor: 'channel-app', at: lead.createdAt },
        ],
      });
    });

    it('returns the open lead of the same RM (200) and creates nothing', async () => {
      const legalId = newLegalId();
      const first = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      const again = await post(COMBO_CREATE, ntb(legalId)).expect(200);
      expect(again.body).toEqual({ result: 'EXISTING_LEAD', leadId: first.body.leadId, status: 'NEW_LEAD' });
      expect((await get(`${API}/leads?legalId=${legalId}`).expect(200)).body.total).toBe(1);
    });

    it('closes the lead of another RM (REASSIGNED) and opens a new one', async () => {
      const legalId = newLegalId();
      const first = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      const second = await post(COMBO_CREATE, ntb(legalId, { ownerId: 'RM002' })).expect(201);
      expect(second.body).toEqual({
        result: 'REASSIGNED_LEAD',
        leadId: expect.any(String),
        closedLeadId: first.body.leadId,
        status: 'NEW_LEAD',
      });
      const closed = (await get(`${API}/leads/${first.body.leadId}`).expect(200)).body;
      expect(closed).toMatchObject({
        status: 'CLOSE_LOST',
        statusLabel: 'Close Lost',
        closeReason: 'REASSIGNED',
      });
      expect(closed.history[1]).toMatchObject({
        from: 'NEW_LEAD',
        to: 'CLOSE_LOST',
        reason: 'REASSIGNED',
        actor: 'channel-app',
      });
      expect((await get(`${API}/leads/${second.body.leadId}`).expect(200)).body).toMatchObject({
        status: 'NEW_LEAD',
        ownerId: 'RM002',
      });
    });

    it('creates a new lead after the last one closed', async () => {
      const legalId = newLegalId();
      const first = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      await post(UPDATE_LEAD, {
        leadId: first.body.leadId,
        status: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
      }).expect(200);
      const again = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      expect(again.body.result).toBe('CREATED_LEAD');
      expect(again.body.leadId).not.toBe(first.body.leadId);
    });

    it('creates a lead, not an opportunity, when the legal ID has only closed opportunities', async () => {
      const legalId = newLegalId();
      const lead = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      await post(COMBO_UPDATE, { leadId: lead.body.leadId, cif: newCif() }).expect(200);
      const again = await post(COMBO_CREATE, ntb(legalId, { ownerId: 'RM002' })).expect(201);
      expect(again.body).toMatchObject({ result: 'CREATED_LEAD', status: 'NEW_LEAD' });
    });

    it('returns the open opportunity its legal ID has (same RM), or takes it over (other RM)', async () => {
      const legalId = newLegalId();
      const cif = newCif();
      const opportunity = await post(COMBO_CREATE, etb(cif, { legalId })).expect(201);
      const same = await post(COMBO_CREATE, ntb(legalId)).expect(200);
      expect(same.body).toEqual({
        result: 'EXISTING_OPPORTUNITY',
        opportunityId: opportunity.body.opportunityId,
        status: 'NEW_OPPORTUNITY',
      });
      const other = await post(COMBO_CREATE, ntb(legalId, { ownerId: 'RM002' })).expect(201);
      expect(other.body).toEqual({
        result: 'REASSIGNED_OPPORTUNITY',
        opportunityId: expect.any(String),
        closedOpportunityId: opportunity.body.opportunityId,
        status: 'NEW_OPPORTUNITY',
      });
      expect((await get(`${API}/opportunities/${other.body.opportunityId}`).expect(200)).body).toMatchObject({
        cif,
        legalId,
        ownerId: 'RM002',
      });
      expect((await get(`${API}/leads?legalId=${legalId}`).expect(200)).body.total).toBe(0);
    });
  });

  describe('combo-create for an ETB customer', () => {
    it('creates a New Opportunity (201), returns it to the same RM (200), reassigns it to another (201)', async () => {
      const cif = newCif();
      const created = await post(COMBO_CREATE, etb(cif)).expect(201);
      expect(created.body).toEqual({
        result: 'CREATED_OPPORTUNITY',
        opportunityId: expect.any(String),
        status: 'NEW_OPPORTUNITY',
      });
      const same = await post(COMBO_CREATE, etb(cif)).expect(200);
      expect(same.body).toEqual({
        result: 'EXISTING_OPPORTUNITY',
        opportunityId: created.body.opportunityId,
        status: 'NEW_OPPORTUNITY',
      });
      const other = await post(COMBO_CREATE, etb(cif, { ownerId: 'RM002' })).expect(201);
      expect(other.body).toEqual({
        result: 'REASSIGNED_OPPORTUNITY',
        opportunityId: expect.any(String),
        closedOpportunityId: created.body.opportunityId,
        status: 'NEW_OPPORTUNITY',
      });
      expect(
        (await get(`${API}/opportunities/${created.body.opportunityId}`).expect(200)).body,
      ).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'REASSIGNED',
      });
    });

    it('creates a new opportunity after closed ones (won, then lost)', async () => {
      const cif = newCif();
      const first = await post(COMBO_CREATE, etb(cif)).expect(201);
      await post(COMBO_UPDATE, { opportunityId: first.body.opportunityId }).expect(200);
      const second = await post(COMBO_CREATE, etb(cif)).expect(201);
      expect(second.body.result).toBe('CREATED_OPPORTUNITY');
      await post(UPDATE_OPPORTUNITY, {
        opportunityId: second.body.opportunityId,
        status: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
      }).expect(200);
      const third = await post(COMBO_CREATE, etb(cif)).expect(201);
      expect(third.body.result).toBe('CREATED_OPPORTUNITY');
      expect((await get(`${API}/opportunities?cif=${cif}`).expect(200)).body.total).toBe(3);
    });

    it('refuses a legal ID of another CIF open opportunity with 409', async () => {
      const legalId = newLegalId();
      await post(COMBO_CREATE, etb(newCif(), { legalId })).expect(201);
      expectError(await post(COMBO_CREATE, etb(newCif(), { legalId })), 409, 'LEGAL_ID_OF_OTHER_CIF');
    });
  });

  describe('Close Won (combo-update)', () => {
    it('converts a lead: Close Won, an opportunity Close Won for the new CIF, linked both ways', async () => {
      const legalId = newLegalId();
      const cif = newCif();
      const lead = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      const res = await post(COMBO_UPDATE, { leadId: lead.body.leadId, cif }).expect(200);
      expect(res.body).toEqual({
        leadId: lead.body.leadId,
        opportunityId: expect.any(String),
        status: 'CLOSE_WON',
      });
      const l = (await get(`${API}/leads/${lead.body.leadId}`).expect(200)).body;
      const o = (await get(`${API}/opportunities/${res.body.opportunityId}`).expect(200)).body;
      expect(l).toMatchObject({
        status: 'CLOSE_WON',
        statusLabel: 'Close Won',
        cif,
        convertedOpportunityId: res.body.opportunityId,
      });
      expect(l.history.map((h: { to: string }) => h.to)).toEqual(['NEW_LEAD', 'CLOSE_WON']);
      expect(o).toMatchObject({
        status: 'CLOSE_WON',
        leadId: lead.body.leadId,
        cif,
        legalId,
        ownerId: 'RM001',
        product: 'CREDIT_CARD',
      });
      expect(o.history).toEqual([
        {
          from: null,
          to: 'CLOSE_WON',
          reason: 'CONVERTED_FROM_LEAD',
          actor: 'channel-app',
          at: expect.any(String),
        },
      ]);
    });

    it('closes an opportunity won', async () => {
      const opportunity = await post(COMBO_CREATE, etb(newCif())).expect(201);
      const res = await post(COMBO_UPDATE, { opportunityId: opportunity.body.opportunityId }).expect(200);
      expect(res.body).toEqual({ opportunityId: opportunity.body.opportunityId, status: 'CLOSE_WON' });
      expect(
        (await get(`${API}/opportunities/${opportunity.body.opportunityId}`).expect(200)).body.status,
      ).toBe('CLOSE_WON');
    });
  });

  describe('Close Lost (update-lead-status, update-opportunity-status)', () => {
    it('closes a lead lost and answers the record with its history', async () => {
      const lead = await post(COMBO_CREATE, ntb(newLegalId())).expect(201);
      const res = await post(UPDATE_LEAD, {
        leadId: lead.body.leadId,
        status: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
      }).expect(200);
      expect(res.body).toMatchObject({
        id: lead.body.leadId,
        status: 'CLOSE_LOST',
        statusLabel: 'Close Lost',
        closeReason: 'AML_REJECTED',
      });
      expect(res.body.history[1]).toEqual({
        from: 'NEW_LEAD',
        to: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
        actor: 'channel-app',
        at: expect.any(String),
      });
    });

    it('closes an opportunity lost', async () => {
      const opportunity = await post(COMBO_CREATE, etb(newCif())).expect(201);
      const res = await post(UPDATE_OPPORTUNITY, {
        opportunityId: opportunity.body.opportunityId,
        status: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'AML_REJECTED',
        history: [{ to: 'NEW_OPPORTUNITY' }, { to: 'CLOSE_LOST' }],
      });
    });
  });

  describe('terminal states refuse any change with 409 INVALID_STATUS_TRANSITION', () => {
    const closedLead = async (how: 'WON' | 'LOST') => {
      const lead = await post(COMBO_CREATE, ntb(newLegalId())).expect(201);
      if (how === 'WON') await post(COMBO_UPDATE, { leadId: lead.body.leadId, cif: newCif() }).expect(200);
      else
        await post(UPDATE_LEAD, {
          leadId: lead.body.leadId,
          status: 'CLOSE_LOST',
          reason: 'AML_REJECTED',
        }).expect(200);
      return lead.body.leadId as string;
    };
    const closedOpportunity = async (how: 'WON' | 'LOST') => {
      const opportunity = await post(COMBO_CREATE, etb(newCif())).expect(201);
      const id = opportunity.body.opportunityId as string;
      if (how === 'WON') await post(COMBO_UPDATE, { opportunityId: id }).expect(200);
      else
        await post(UPDATE_OPPORTUNITY, {
          opportunityId: id,
          status: 'CLOSE_LOST',
          reason: 'AML_REJECTED',
        }).expect(200);
      return id;
    };

    it.each(['WON', 'LOST'] as const)('a lead closed %s', async (how) => {
      const leadId = await closedLead(how);
      expectError(
        await post(UPDATE_LEAD, { leadId, status: 'CLOSE_LOST', reason: 'AGAIN' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
      expectError(
        await post(UPDATE_LEAD, { leadId, status: 'NEW_LEAD', reason: 'REOPEN' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
      expectError(await post(COMBO_UPDATE, { leadId, cif: newCif() }), 409, 'INVALID_STATUS_TRANSITION');
      expect((await get(`${API}/leads/${leadId}`).expect(200)).body.history).toHaveLength(2);
    });

    it.each(['WON', 'LOST'] as const)('an opportunity closed %s', async (how) => {
      const opportunityId = await closedOpportunity(how);
      expectError(
        await post(UPDATE_OPPORTUNITY, { opportunityId, status: 'CLOSE_LOST', reason: 'AGAIN' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
      expectError(
        await post(UPDATE_OPPORTUNITY, { opportunityId, status: 'CLOSE_WON' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
      expectError(await post(COMBO_UPDATE, { opportunityId }), 409, 'INVALID_STATUS_TRANSITION');
      expect((await get(`${API}/opportunities/${opportunityId}`).expect(200)).body.history).toHaveLength(2);
    });

    it('says so in Vietnamese with Accept-Language: vi', async () => {
      const leadId = await closedLead('LOST');
      const res = await post(
        UPDATE_LEAD,
        { leadId, status: 'CLOSE_LOST', reason: 'AGAIN' },
        { 'Accept-Language': 'vi' },
      ).expect(409);
      expect(res.body.message).toMatch(/không thể thay đổi/);
    });
  });

  describe('unknown ids: 404', () => {
    const id = randomUUID();
    it.each([
      ['GET lead', () => get(`${API}/leads/${id}`), 'LEAD_NOT_FOUND'],
      ['GET opportunity', () => get(`${API}/opportunities/${id}`), 'OPPORTUNITY_NOT_FOUND'],
      ['combo-update lead', () => post(COMBO_UPDATE, { leadId: id, cif: '7700000001' }), 'LEAD_NOT_FOUND'],
      ['combo-update opportunity', () => post(COMBO_UPDATE, { opportunityId: id }), 'OPPORTUNITY_NOT_FOUND'],
      [
        'update-lead-status',
        () => post(UPDATE_LEAD, { leadId: id, status: 'CLOSE_LOST', reason: 'X' }),
        'LEAD_NOT_FOUND',
      ],
      [
        'update-opportunity-status',
        () => post(UPDATE_OPPORTUNITY, { opportunityId: id, status: 'CLOSE_LOST', reason: 'X' }),
        'OPPORTUNITY_NOT_FOUND',
      ],
    ])('%s', async (_name, call, code) => {
      expectError(await call(), 404, code);
    });
  });

  describe('validation failures: 400', () => {
    const legalId = '079203009999';
    it.each([
      ['no body', {}, 'customerType'],
      ['an unknown customer type', ntb(legalId, { customerType: 'VIP' }), 'customerType'],
      ['NTB without a legal ID', ntb(legalId, { legalId: undefined }), 'legalId'],
      ['a malformed legal ID', ntb('12345'), 'legalId'],
      ['a malformed mobile number', ntb(legalId, { mobileNumber: '12ab' }), 'mobileNumber'],
      ['NTB with a CIF', ntb(legalId, { cif: '7700000001' }), 'cif'],
      ['ETB without a CIF', etb('x', { cif: undefined }), 'cif'],
      ['a malformed CIF', etb('77-00'), 'cif'],
      ['no owner', ntb(legalId, { ownerId: undefined }), 'ownerId'],
      ['an owner with spaces', ntb(legalId, { ownerId: 'RM 1' }), 'ownerId'],
      ['no product', ntb(legalId, { product: undefined }), 'product'],
      ['a lower-case channel', ntb(legalId, { channel: 'mobile' }), 'channel'],
      ['a number for a name', ntb(legalId, { fullName: 42 }), 'fullName'],
      ['an unknown field', ntb(legalId, { priority: 'HIGH' }), 'priority'],
      ['a NUL in the name', ntb(legalId, { fullName: 'An\u0000' }), 'fullName'],
      ['a legal ID sent as a list', ntb(legalId, { legalId: [legalId] }), 'legalId'],
    ])('combo-create with %s', async (_name, body, field) => {
      const res = await post(COMBO_CREATE, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it.each([
      ['neither id', {}, 'leadId'],
      ['both ids', { leadId: randomUUID(), opportunityId: randomUUID(), cif: '7700000001' }, 'opportunityId'],
      ['a lead without a CIF', { leadId: randomUUID() }, 'cif'],
      ['a CIF with an opportunity', { opportunityId: randomUUID(), cif: '7700000001' }, 'cif'],
      ['a malformed lead id', { leadId: 'abc', cif: '7700000001' }, 'leadId'],
    ])('combo-update with %s', async (_name, body, field) => {
      const res = await post(COMBO_UPDATE, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it.each([
      ['an unknown status', { status: 'LOST', reason: 'X' }, 'status'],
      ['no reason for Close Lost', { status: 'CLOSE_LOST' }, 'reason'],
      ['a malformed id', { leadId: 'nope', status: 'CLOSE_LOST', reason: 'X' }, 'leadId'],
      ['a NUL in the reason', { status: 'CLOSE_LOST', reason: 'AML\u0000' }, 'reason'],
    ])('update-lead-status with %s', async (_name, body, field) => {
      const lead = await post(COMBO_CREATE, ntb(newLegalId())).expect(201);
      const res = await post(UPDATE_LEAD, { leadId: lead.body.leadId, ...body });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('update-lead-status to a target the machine does not allow from an open lead', async () => {
      const lead = await post(COMBO_CREATE, ntb(newLegalId())).expect(201);
      expectError(
        await post(UPDATE_LEAD, { leadId: lead.body.leadId, status: 'NEW_LEAD', reason: 'X' }),
        400,
        'STATUS_TRANSITION_NOT_ALLOWED',
      );
      expectError(
        await post(UPDATE_LEAD, { leadId: lead.body.leadId, status: 'CLOSE_WON', reason: 'X' }),
        400,
        'LEAD_CONVERSION_REQUIRED',
      );
    });

    it('update-opportunity-status with a bad status, a missing reason, or a non-transition', async () => {
      const opportunity = await post(COMBO_CREATE, etb(newCif())).expect(201);
      const opportunityId = opportunity.body.opportunityId;
      expectError(
        await post(UPDATE_OPPORTUNITY, { opportunityId, status: 'NEW_LEAD', reason: 'X' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await post(UPDATE_OPPORTUNITY, { opportunityId, status: 'CLOSE_LOST' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await post(UPDATE_OPPORTUNITY, { opportunityId, status: 'NEW_OPPORTUNITY' }),
        400,
        'STATUS_TRANSITION_NOT_ALLOWED',
      );
    });

    it.each([
      [`${API}/leads/not-a-uuid`],
      [`${API}/opportunities/123`],
      [`${API}/leads?status=OPEN`],
      [`${API}/leads?pageSize=101`],
      [`${API}/opportunities?page=0`],
      [`${API}/leads?page=99999999999999999999`],
      [`${API}/leads?page=1.5`],
      [`${API}/leads?legalId=%00`],
      [`${API}/leads?legalId=12345`],
      [`${API}/leads?ownerId=%00`],
      [`${API}/opportunities?cif=%00`],
      [`${API}/opportunities?ownerId=RM%201`],
      [`${API}/reports/pipeline?from=yesterday`],
      [`${API}/reports/pipeline?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`],
    ])('GET %s', async (path) => {
      expectError(await get(path), 400, 'VALIDATION_FAILED');
    });
  });

  describe('OpenAPI', () => {
    it('documents the four command routes and the reads with their scopes and errors', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      const routes: [string, string, string, string][] = [
        [COMBO_CREATE, 'post', 'comboCreateLeadOpportunity', 'crm:write'],
        [COMBO_UPDATE, 'post', 'comboUpdateLeadOpportunity', 'crm:write'],
        [UPDATE_OPPORTUNITY, 'post', 'updateOpportunityStatus', 'crm:write'],
        [UPDATE_LEAD, 'post', 'updateLeadStatus', 'crm:write'],
        [`${API}/leads/{id}`, 'get', 'getLead', 'crm:read'],
        [`${API}/opportunities/{id}`, 'get', 'getOpportunity', 'crm:read'],
        [`${API}/leads`, 'get', 'listLeads', 'crm:read'],
        [`${API}/opportunities`, 'get', 'listOpportunities', 'crm:read'],
        [`${API}/reports/pipeline`, 'get', 'getPipelineReport', 'crm:read'],
        [`${API}/catalog`, 'get', 'getCrmCatalog', 'crm:read'],
      ];
      for (const [path, method, operationId, scope] of routes) {
        const operation = doc.paths[path]?.[method];
        expect({ path, operationId: operation?.operationId }).toEqual({ path, operationId });
        expect(operation['x-required-scopes']).toEqual([scope]);
        const errors = operationId === 'getCrmCatalog' ? ['401', '403'] : ['400', '401', '403'];
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(errors));
      }
      // Shared header parameters are `$ref`s into components.parameters.
      const parameterName = (p: { name?: string; $ref?: string }) =>
        p.$ref ? doc.components.parameters[p.$ref.split('/').pop() as string].name : p.name;
      expect(doc.paths[COMBO_CREATE].post.parameters.map(parameterName)).toContain('Idempotency-Key');
      const refused = doc.paths[COMBO_CREATE].post.responses['422'];
      // The classification refusals and the idempotency key reused with another body: each with its example.
      expect(refused['x-error-codes']).toEqual([
        'CIF_NOT_FOUND',
        'CUSTOMER_TYPE_MISMATCH',
        'IDEMPOTENCY_KEY_REUSED',
      ]);
      const examples = refused.content['application/json'].examples;
      expect(Object.keys(examples).sort()).toEqual(refused['x-error-codes']);
      for (const [code, example] of Object.entries(examples))
        expect((example as { value: { statusCode: number; code: string } }).value).toMatchObject({
          statusCode: 422,
          code,
        });
    });
  });

  describe('auth', () => {
    it('401 without a token, 403 with the wrong scope', async () => {
      await t.http.post(COMBO_CREATE).send(ntb(newLegalId())).expect(401);
      await t.http.post(COMBO_CREATE).set('Authorization', read).send(ntb(newLegalId())).expect(403);
      await t.http.get(`${API}/leads`).set('Authorization', write).expect(403);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, and refuses the key with another body (422)', async () => {
      const legalId = newLegalId();
      const key = randomUUID();
      const first = await post(COMBO_CREATE, ntb(legalId), { 'Idempotency-Key': key }).expect(201);
      const replay = await post(COMBO_CREATE, ntb(legalId), { 'Idempotency-Key': key }).expect(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expectError(
        await post(COMBO_CREATE, ntb(legalId, { ownerId: 'RM002' }), { 'Idempotency-Key': key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      const leads = (await get(`${API}/leads?legalId=${legalId}`).expect(200)).body;
      expect(leads).toMatchObject({ total: 1, items: [{ ownerId: 'RM001', status: 'NEW_LEAD' }] });
    });

    it('replays a Close Lost instead of answering 409 on the retry', async () => {
      const lead = await post(COMBO_CREATE, ntb(newLegalId())).expect(201);
      const body = { leadId: lead.body.leadId, status: 'CLOSE_LOST', reason: 'AML_REJECTED' };
      const key = randomUUID();
      const first = await post(UPDATE_LEAD, body, { 'Idempotency-Key': key }).expect(200);
      const replay = await post(UPDATE_LEAD, body, { 'Idempotency-Key': key }).expect(200);
      expect(replay.body).toEqual(first.body);
      expect((await get(`${API}/leads/${lead.body.leadId}`).expect(200)).body.history).toHaveLength(2);
    });
  });

  describe('reads', () => {
    it('lists leads and opportunities filtered and paginated, newest first', async () => {
      const owner = `RM-LIST-${randomInt(0, 1e9)}`;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await post(COMBO_CREATE, ntb(newLegalId(), { ownerId: owner })).expect(201)).body.leadId);
      const page1 = (await get(`${API}/leads?ownerId=${owner}&pageSize=2`).expect(200)).body;
      expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page1.items.map((l: { id: string }) => l.id)).toEqual([ids[2], ids[1]]);
      expect(page1.items[0]).not.toHaveProperty('history');
      const page2 = (await get(`${API}/leads?ownerId=${owner}&pageSize=2&page=2`).expect(200)).body;
      expect(page2.items.map((l: { id: string }) => l.id)).toEqual([ids[0]]);
      expect((await get(`${API}/leads?ownerId=${owner}&pageSize=2&page=5`).expect(200)).body).toMatchObject({
        total: 3,
        items: [],
      });
      expect((await get(`${API}/leads?ownerId=${owner}&status=CLOSE_LOST`).expect(200)).body.total).toBe(0);

      const cif = newCif();
      await post(COMBO_CREATE, etb(cif, { ownerId: owner })).expect(201);
      const opportunities = (
        await get(`${API}/opportunities?cif=${cif}&status=NEW_OPPORTUNITY&ownerId=${owner}`).expect(200)
      ).body;
      expect(opportunities).toMatchObject({
        total: 1,
        items: [{ cif, status: 'NEW_OPPORTUNITY', statusLabel: 'New Opportunity' }],
      });
    });

    it('reports the pipeline: counts by status, channel, product, owner; conversion rate; close-lost reasons', async () => {
      const from = new Date(Date.now() - 1000).toISOString();
      const report0 = (await get(`${API}/reports/pipeline?from=${from}`).expect(200)).body;
      const owner = `RM-REPORT-${randomInt(0, 1e9)}`;
      const won = await post(COMBO_CREATE, ntb(newLegalId(), { ownerId: owner, channel: 'BRANCH' })).expect(
        201,
      );
      await post(COMBO_UPDATE, { leadId: won.body.leadId, cif: newCif() }).expect(200);
      for (let i = 0; i < 2; i++) {
        const lost = await post(
          COMBO_CREATE,
          ntb(newLegalId(), { ownerId: owner, channel: 'BRANCH' }),
        ).expect(201);
        await post(UPDATE_LEAD, {
          leadId: lost.body.leadId,
          status: 'CLOSE_LOST',
          reason: 'AML_REJECTED',
        }).expect(200);
      }
      const report = (await get(`${API}/reports/pipeline?from=${from}`).expect(200)).body;
      expect(report.from).toBe(from);
      const count = (list: { key: string; count: number }[], key: string) =>
        list.find((c) => c.key === key)?.count ?? 0;
      expect(report.leads.byStatus.map((s: { key: string; label: string }) => [s.key, s.label])).toEqual([
        ['NEW_LEAD', 'New Lead'],
        ['CLOSE_WON', 'Close Won'],
        ['CLOSE_LOST', 'Close Lost'],
      ]);
      expect(count(report.leads.byOwner, owner)).toBe(3);
      expect(count(report.leads.byChannel, 'BRANCH') - count(report0.leads.byChannel, 'BRANCH')).toBe(3);
      expect(count(report.opportunities.byOwner, owner)).toBe(1);
      expect(report.conversion.leadsConverted - report0.conversion.leadsConverted).toBe(1);
      expect(report.conversion.leadsClosed - report0.conversion.leadsClosed).toBe(3);
      expect(report.conversion.rate).toMatch(/^\d\.\d{4}$/);
      const lostReasons = (r: {
        closeLostReasons: { recordType: string; reason: string; count: number }[];
      }) =>
        r.closeLostReasons.find((x) => x.recordType === 'LEAD' && x.reason === 'AML_REJECTED')?.count ?? 0;
      expect(lostReasons(report) - lostReasons(report0)).toBe(2);
      if (t.dataSource) {
        // The rate over the whole table, computed independently.
        const [{ rate }] = await t.dataSource.query(
          `SELECT to_char(count(*) FILTER (WHERE status = 'CLOSE_WON')::numeric / count(*), 'FM0.0000') AS rate
             FROM crm_leads WHERE status IN ('CLOSE_WON', 'CLOSE_LOST') AND created_at >= $1`,
          [from],
        );
        expect(report.conversion.rate).toBe(rate);
      }
    });
  });

  describe('parallel requests for one customer', () => {
    const statuses = (responses: Response[]) => responses.map((r) => r.status);

    it('40 identical combo-creates make one lead, and none fails', async () => {
      const legalId = newLegalId();
      const responses = await Promise.all(Array.from({ length: 40 }, () => post(COMBO_CREATE, ntb(legalId))));
      expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
      expect(statuses(responses).sort()).toEqual([...Array(39).fill(200), 201]);
      expect(new Set(responses.map((r) => r.body.leadId)).size).toBe(1);
      expect((await get(`${API}/leads?legalId=${legalId}`).expect(200)).body.total).toBe(1);
    });

    it('40 identical ETB combo-creates make one opportunity', async () => {
      const cif = newCif();
      const responses = await Promise.all(Array.from({ length: 40 }, () => post(COMBO_CREATE, etb(cif))));
      expect(statuses(responses).sort()).toEqual([...Array(39).fill(200), 201]);
      expect((await get(`${API}/opportunities?cif=${cif}`).expect(200)).body.total).toBe(1);
    });

    it('20 combo-creates by different RMs leave exactly one open lead, and none fails', async () => {
      const legalId = newLegalId();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(COMBO_CREATE, ntb(legalId, { ownerId: `RM${100 + i}` }))),
      );
      expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
      expect(statuses(responses).every((s) => s === 201)).toBe(true);
      const open = (await get(`${API}/leads?legalId=${legalId}&status=NEW_LEAD`).expect(200)).body;
      expect(open.total).toBe(1);
      const all = (await get(`${API}/leads?legalId=${legalId}&pageSize=100`).expect(200)).body;
      expect(all.total).toBe(20);
      expect(
        all.items.filter((l: { closeReason: string | null }) => l.closeReason === 'REASSIGNED'),
      ).toHaveLength(19);
    });

    it('parallel NTB, ETB and Close Lost commands on one customer never leave two open records', async () => {
      const legalId = newLegalId();
      const cif = newCif();
      const initial = await post(COMBO_CREATE, etb(cif, { legalId })).expect(201);
      const closeLost = post(UPDATE_OPPORTUNITY, {
        opportunityId: initial.body.opportunityId,
        status: 'CLOSE_LOST',
        reason: 'AML_REJECTED',
      });
      const calls = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? post(COMBO_CREATE, ntb(legalId, { ownerId: `RM${i}` }))
          : i % 3 === 1
            ? post(COMBO_CREATE, etb(cif, { ownerId: `RM${i}` }))
            : post(COMBO_CREATE, etb(cif, { ownerId: `RM${i}`, legalId })),
      );
      const [closed, ...responses] = await Promise.all([closeLost, ...calls]);
      // The Close Lost either ran first (200) or found the opportunity already reassigned (409).
      expect([200, 409]).toContain(closed.status);
      expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
      expect(statuses(responses).every((s) => s === 201)).toBe(true);
      expect(
        (await get(`${API}/opportunities?cif=${cif}&status=NEW_OPPORTUNITY`).expect(200)).body.total,
      ).toBe(1);
      // Which of these exist depends on where the Close Lost fell; never two open ones.
      expect(
        (await get(`${API}/opportunities?legalId=${legalId}&status=NEW_OPPORTUNITY`).expect(200)).body.total,
      ).toBeLessThanOrEqual(1);
      expect(
        (await get(`${API}/leads?legalId=${legalId}&status=NEW_LEAD`).expect(200)).body.total,
      ).toBeLessThanOrEqual(1);
      if (t.dataSource) {
        const doubles = await t.dataSource.query(
          `SELECT cif AS key FROM crm_opportunities WHERE status = 'NEW_OPPORTUNITY' GROUP BY cif HAVING count(*) > 1
           UNION ALL SELECT legal_id FROM crm_opportunities WHERE status = 'NEW_OPPORTUNITY' AND legal_id IS NOT NULL GROUP BY legal_id HAVING count(*) > 1
           UNION ALL SELECT legal_id FROM crm_leads WHERE status = 'NEW_LEAD' GROUP BY legal_id HAVING count(*) > 1`,
        );
        expect(doubles).toEqual([]);
      }
    });
  });
});
