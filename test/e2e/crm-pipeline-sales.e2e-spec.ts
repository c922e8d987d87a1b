import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { DEFAULT_CHANNELS, DEFAULT_PRODUCTS } from '@hub/crm-pipeline';
import { Clock } from '@hub/shared-kernel';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import {
  loadOpenCifs,
  newNtbLegalId,
  newNtbMobile,
  newUnknownCif,
} from '../fixtures/crm-pipeline/ods-customers';

const INT = '/integration-service/int/api/crm/v1';
const API = '/integration-service/api/crm/v1';
const COMBO_CREATE = `${INT}/combo-create-lead-opportunity`;
const COMBO_UPDATE = `${INT}/combo-update-lead-opportunity`;
const UPDATE_LEAD = `${API}/update-lead-status`;
const UPDATE_OPPORTUNITY = `${API}/update-opportunity-status`;

const ntb = (legalId: string, overrides: object = {}) => ({
  customerType: 'NTB',
  ownerId: 'RM001',
  legalId,
  mobileNumber: newNtbMobile(legalId),
  fullName: 'Lê Văn Cường',
  product: 'CREDIT_CARD',
  channel: 'MOBILE_APP',
  ...overrides,
});
const etb = (cif: string, overrides: object = {}) => ({
  customerType: 'ETB',
  ownerId: 'RM001',
  cif,
  product: 'UNSECURED_LOAN',
  channel: 'BRANCH',
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

describe('crm-pipeline: catalogue, sales model, superseded leads (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let write: string;
  let read: string;
  let cifs: string[];
  const newCif = () => cifs.pop()!;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    write = await t.bearer(['crm:write'], { sub: 'channel-app' });
    read = await t.bearer(['crm:read'], { sub: 'rm-tool' });
    cifs = (await loadOpenCifs(t, 40)).map((c) => c.cif);
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) => t.http.post(path).set('Authorization', write).send(body);
  const get = (path: string) => t.http.get(path).set('Authorization', read);

  describe('GET .../crm/v1/catalog', () => {
    it('returns the default products and channels (scope crm:read)', async () => {
      const res = await get(`${API}/catalog`).expect(200);
      expect(res.body).toEqual({ products: [...DEFAULT_PRODUCTS], channels: [...DEFAULT_CHANNELS] });
      await t.http.get(`${API}/catalog`).expect(401);
      await t.http.get(`${API}/catalog`).set('Authorization', write).expect(403);
    });

    it.each([
      ['product', { product: 'LOAN' }, DEFAULT_PRODUCTS],
      ['channel', { channel: 'INTERNET_BANKING' }, DEFAULT_CHANNELS],
      // Free text and the wrong case get the allowed codes too, not a bare format error.
      ['product', { product: 'credit_card' }, DEFAULT_PRODUCTS],
      ['product', { product: 'Credit Card' }, DEFAULT_PRODUCTS],
      ['channel', { channel: 'Mobile app' }, DEFAULT_CHANNELS],
    ])(
      'refuses a %s outside the catalogue with 400 and the allowed codes',
      async (field, override, allowed) => {
        const legalId = newNtbLegalId();
        const res = await post(COMBO_CREATE, ntb(legalId, override));
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.details).toEqual([
          { field, issues: ['isIn'], message: expect.any(String), allowed: [...allowed] },
        ]);
        expect((await get(`${API}/leads?legalId=${legalId}`).expect(200)).body.total).toBe(0);
      },
    );

    it('answers a too long or unstorable value with the allowed codes and the rule it breaks', async () => {
      const res = await post(
        COMBO_CREATE,
        ntb(newNtbLegalId(), { product: 'P'.repeat(51), channel: 'WEB\u0000' }),
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        {
          field: 'product',
          issues: ['isIn', 'maxLength'],
          message: expect.any(String),
          allowed: [...DEFAULT_PRODUCTS],
        },
        {
          field: 'channel',
          issues: ['isIn', 'format'],
          message: expect.any(String),
          allowed: [...DEFAULT_CHANNELS],
        },
      ]);
    });
  });

  describe('amount, currency and expected close date', () => {
    it('are stored on the record, normalised to 2 decimals, and carried to the opportunity on conversion', async () => {
      const legalId = newNtbLegalId();
      const lead = await post(
        COMBO_CREATE,
        ntb(legalId, { amount: '150000000.5', currency: 'VND', expectedCloseDate: '2026-12-31' }),
      ).expect(201);
      expect((await get(`${API}/leads/${lead.body.leadId}`).expect(200)).body).toMatchObject({
        amount: '150000000.50',
        currency: 'VND',
        expectedCloseDate: '2026-12-31',
      });
      const won = await post(COMBO_UPDATE, { leadId: lead.body.leadId, cif: newUnknownCif() }).expect(200);
      expect((await get(`${API}/opportunities/${won.body.opportunityId}`).expect(200)).body).toMatchObject({
        status: 'CLOSE_WON',
        amount: '150000000.50',
        currency: 'VND',
        expectedCloseDate: '2026-12-31',
      });
    });

    it('keeps the largest amount numeric(20,2) holds exactly', async () => {
      const res = await post(
        COMBO_CREATE,
        etb(newCif(), { amount: '999999999999999999.99', currency: 'USD' }),
      ).expect(201);
      expect((await get(`${API}/opportunities/${res.body.opportunityId}`).expect(200)).body.amount).toBe(
        '999999999999999999.99',
      );
    });

    it.each([
      ['a negative amount', { amount: '-1.00', currency: 'VND' }, 'amount'],
      ['a zero amount', { amount: '0', currency: 'VND' }, 'amount'],
      ['three decimals', { amount: '1.001', currency: 'VND' }, 'amount'],
      ['a number, not a string', { amount: 1000, currency: 'VND' }, 'amount'],
      ['an exponent', { amount: '1e9', currency: 'VND' }, 'amount'],
      ['19 integer digits', { amount: '1000000000000000000', currency: 'VND' }, 'amount'],
      ['an amount without currency', { amount: '10.00' }, 'currency'],
      ['a currency without amount', { currency: 'VND' }, 'amount'],
      ['an unknown currency', { amount: '10.00', currency: 'XYZ' }, 'currency'],
      ['a lower-case currency', { amount: '10.00', currency: 'vnd' }, 'currency'],
      ['a date that does not exist', { expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
      ['a date-time', { expectedCloseDate: '2026-12-31T00:00:00Z' }, 'expectedCloseDate'],
    ])('400 for %s, nothing stored', async (_name, deal, field) => {
      const legalId = newNtbLegalId();
      const res = await post(COMBO_CREATE, ntb(legalId, deal));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await get(`${API}/leads?legalId=${legalId}`).expect(200)).body.total).toBe(0);
    });
  });

  describe('a reassigned record carries over what the new request leaves out', () => {
    it('a lead: name, mobile, amount and expected close date', async () => {
      const legalId = newNtbLegalId();
      await post(
        COMBO_CREATE,
        ntb(legalId, { amount: '75000000.00', currency: 'VND', expectedCloseDate: '2027-01-15' }),
      ).expect(201);
      const second = await post(COMBO_CREATE, {
        customerType: 'NTB',
        ownerId: 'RM002',
        legalId,
        product: 'CREDIT_CARD',
        channel: 'BRANCH',
      }).expect(201);
      expect(second.body.result).toBe('REASSIGNED_LEAD');
      expect((await get(`${API}/leads/${second.body.leadId}`).expect(200)).body).toMatchObject({
        ownerId: 'RM002',
        fullName: 'Lê Văn Cường',
        mobileNumber: `+84${newNtbMobile(legalId).slice(1)}`,
        amount: '75000000.00',
        currency: 'VND',
        expectedCloseDate: '2027-01-15',
        channel: 'BRANCH',
      });
    });

    it('an opportunity: legal ID, name, mobile and amount', async () => {
      const cif = newCif();
      const legalId = newNtbLegalId();
      await post(
        COMBO_CREATE,
        etb(cif, {
          legalId,
          fullName: 'Phạm Thị Dung',
          mobileNumber: '0987000111',
          amount: '5.00',
          currency: 'USD',
        }),
      ).expect(201);
      const second = await post(COMBO_CREATE, etb(cif, { ownerId: 'RM002' })).expect(201);
      expect((await get(`${API}/opportunities/${second.body.opportunityId}`).expect(200)).body).toMatchObject(
        {
          legalId,
          fullName: 'Phạm Thị Dung',
          mobileNumber: '+84987000111',
          amount: '5.00',
          currency: 'USD',
        },
      );
    });
  });

  describe('an opportunity created for a legal ID closes its open lead: SUPERSEDED', () => {
    it('an ETB combo-create with the legal ID of another RM lead', async () => {
      const legalId = newNtbLegalId();
      const lead = await post(COMBO_CREATE, ntb(legalId, { ownerId: 'RM009' })).expect(201);
      const cif = newCif();
      const res = await post(COMBO_CREATE, etb(cif, { legalId })).expect(201);
      expect(res.body).toEqual({
        result: 'CREATED_OPPORTUNITY',
        opportunityId: expect.any(String),
        closedLeadId: lead.body.leadId,
        status: 'NEW_OPPORTUNITY',
      });
      const closed = (await get(`${API}/leads/${lead.body.leadId}`).expect(200)).body;
      expect(closed).toMatchObject({ status: 'CLOSE_LOST', closeReason: 'SUPERSEDED', ownerId: 'RM009' });
      expect(closed.history[1]).toEqual({
        from: 'NEW_LEAD',
        to: 'CLOSE_LOST',
        reason: 'SUPERSEDED',
        actor: 'channel-app',
        at: expect.any(String),
      });
      // The opportunity takes the lead's name and mobile, which the ETB request did not send.
      expect((await get(`${API}/opportunities/${res.body.opportunityId}`).expect(200)).body).toMatchObject({
        cif,
        legalId,
        fullName: 'Lê Văn Cường',
        mobileNumber: `+84${newNtbMobile(legalId).slice(1)}`,
      });
      // An NTB request for the customer now finds the opportunity, not a lead.
      const again = await post(COMBO_CREATE, ntb(legalId)).expect(200);
      expect(again.body).toMatchObject({
        result: 'EXISTING_OPPORTUNITY',
        opportunityId: res.body.opportunityId,
      });
    });

    it('20 parallel ETB combo-creates by different RMs: one open opportunity, the lead superseded once, none fails', async () => {
      const legalId = newNtbLegalId();
      const lead = await post(COMBO_CREATE, ntb(legalId)).expect(201);
      const cif = newCif();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 4 === 0
            ? post(COMBO_CREATE, ntb(legalId, { ownerId: `RM${200 + i}` }))
            : post(COMBO_CREATE, etb(cif, { legalId, ownerId: `RM${200 + i}` })),
        ),
      );
      expect(responses.map((r) => r.status).filter((s) => s >= 400)).toEqual([]);
      expect(
        (await get(`${API}/opportunities?legalId=${legalId}&status=NEW_OPPORTUNITY`).expect(200)).body.total,
      ).toBe(1);
      // NTB requests that came first took the lead over (REASSIGNED); the first opportunity
      // superseded whichever lead was open then: exactly one SUPERSEDED, no lead left open.
      const leads = (await get(`${API}/leads?legalId=${legalId}&pageSize=100`).expect(200)).body.items;
      expect(leads.filter((l: { status: string }) => l.status === 'NEW_LEAD')).toEqual([]);
      const superseded = leads.filter((l: { closeReason: string }) => l.closeReason === 'SUPERSEDED');
      expect(superseded).toHaveLength(1);
      expect(responses.filter((r) => r.body.closedLeadId === superseded[0].id)).toHaveLength(1);
      expect(lead.body.leadId).toEqual(expect.any(String));
    });
  });

  (remote ? describe.skip : describe)(
    'the pipeline report: amounts, won amounts, median days to close',
    () => {
      it('sums per currency by status in SQL, counts a converted lead once, and takes the median of the days', async () => {
        const clock = t.app!.get(Clock);
        // A window of its own in the future, so other tests' records stay out of the figures.
        const start = Date.UTC(2031, 0, 1) + randomInt(0, 1000) * 86_400_000;
        let now = start;
        const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
        const day = 86_400_000;
        try {
          // Leads: one converted after 2 days, one lost after 4, one lost after 10, one open.
          const l1 = await post(
            COMBO_CREATE,
            ntb(newNtbLegalId(), { amount: '100.10', currency: 'VND' }),
          ).expect(201);
          const l2 = await post(
            COMBO_CREATE,
            ntb(newNtbLegalId(), { amount: '0.20', currency: 'VND' }),
          ).expect(201);
          const l3 = await post(COMBO_CREATE, ntb(newNtbLegalId())).expect(201);
          await post(COMBO_CREATE, ntb(newNtbLegalId(), { amount: '1000.00', currency: 'USD' })).expect(201);
          // Opportunities: won after 1 and 3 days, lost after 5, one open.
          const o1 = await post(COMBO_CREATE, etb(newCif(), { amount: '0.10', currency: 'VND' })).expect(201);
          const o2 = await post(COMBO_CREATE, etb(newCif(), { amount: '0.20', currency: 'VND' })).expect(201);
          const o3 = await post(COMBO_CREATE, etb(newCif(), { amount: '7.00', currency: 'USD' })).expect(201);
          await post(COMBO_CREATE, etb(newCif(), { amount: '2.50', currency: 'USD' })).expect(201);

          now = start + 1 * day;
          await post(COMBO_UPDATE, { opportunityId: o1.body.opportunityId }).expect(200);
          now = start + 2 * day;
          const converted = await post(COMBO_UPDATE, { leadId: l1.body.leadId, cif: newUnknownCif() }).expect(
            200,
          );
          now = start + 3 * day;
          await post(COMBO_UPDATE, { opportunityId: o2.body.opportunityId }).expect(200);
          now = start + 4 * day;
          await post(UPDATE_LEAD, {
            leadId: l2.body.leadId,
            status: 'CLOSE_LOST',
            reason: 'NO_INTEREST',
          }).expect(200);
          now = start + 5 * day;
          await post(UPDATE_OPPORTUNITY, {
            opportunityId: o3.body.opportunityId,
            status: 'CLOSE_LOST',
            reason: 'AML_REJECTED',
          }).expect(200);
          now = start + 10 * day;
          await post(UPDATE_LEAD, {
            leadId: l3.body.leadId,
            status: 'CLOSE_LOST',
            reason: 'NO_INTEREST',
          }).expect(200);

          const from = new Date(start).toISOString();
          const to = new Date(start + 30 * day).toISOString();
          const report = (await get(`${API}/reports/pipeline?from=${from}&to=${to}`).expect(200)).body;
          expect(report.leads.amounts).toEqual([
            { status: 'CLOSE_LOST', currency: 'VND', count: 1, total: '0.20' },
            { status: 'CLOSE_WON', currency: 'VND', count: 1, total: '100.10' },
            { status: 'NEW_LEAD', currency: 'USD', count: 1, total: '1000.00' },
          ]);
          expect(report.opportunities.amounts).toEqual([
            { status: 'CLOSE_LOST', currency: 'USD', count: 1, total: '7.00' },
            // 0.10 + 0.20 + the converted lead's 100.10, exactly (no float 0.30000000000000004).
            { status: 'CLOSE_WON', currency: 'VND', count: 3, total: '100.40' },
            { status: 'NEW_OPPORTUNITY', currency: 'USD', count: 1, total: '2.50' },
          ]);
          expect(report.wonAmounts).toEqual([{ currency: 'VND', total: '100.40' }]);
          expect(report.leads.medianDaysToClose).toEqual({ won: 2, lost: 7 });
          // The converted opportunity (born closed) is the lead's journey: left out here.
          expect(report.opportunities.medianDaysToClose).toEqual({ won: 2, lost: 5 });
          expect(converted.body.opportunityId).toEqual(expect.any(String));

          const empty = (await get(`${API}/reports/pipeline?from=${to}`).expect(200)).body;
          expect(empty.leads.medianDaysToClose).toEqual({ won: null, lost: null });
          expect(empty.wonAmounts).toEqual([]);
        } finally {
          spy.mockRestore();
        }
      });
    },
  );
});

(remote ? describe.skip : describe)('crm-pipeline: a catalogue the bank configures (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CRM_PRODUCTS: 'CASA, GOLD_CARD', CRM_CHANNELS: 'BRANCH' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves and enforces CRM_PRODUCTS and CRM_CHANNELS', async () => {
    const read = await t.bearer(['crm:read']);
    const write = await t.bearer(['crm:write']);
    expect((await t.http.get(`${API}/catalog`).set('Authorization', read).expect(200)).body).toEqual({
      products: ['CASA', 'GOLD_CARD'],
      channels: ['BRANCH'],
    });
    await t.http
      .post(COMBO_CREATE)
      .set('Authorization', write)
      .send(ntb(newNtbLegalId(), { product: 'GOLD_CARD', channel: 'BRANCH' }))
      .expect(201);
    const refused = await t.http.post(COMBO_CREATE).set('Authorization', write).send(ntb(newNtbLegalId()));
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'product', allowed: ['CASA', 'GOLD_CARD'] }),
      expect.objectContaining({ field: 'channel', allowed: ['BRANCH'] }),
    ]);
  });
});
