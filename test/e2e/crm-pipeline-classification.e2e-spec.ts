import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import {
  loadOdsCustomers,
  newNtbLegalId,
  newNtbMobile,
  newOdsCustomer,
  newUnknownCif,
  type OdsCustomer,
} from '../fixtures/crm-pipeline/ods-customers';

const COMBO_CREATE = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity';
const API = '/integration-service/api/crm/v1';

const ntb = (legalId: string, overrides: object = {}) => ({
  customerType: 'NTB',
  ownerId: 'RM001',
  legalId,
  mobileNumber: newNtbMobile(legalId),
  fullName: 'Trần Thị Bình',
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

describe('crm-pipeline: NTB/ETB classification checked against the ODS (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let write: string;
  let read: string;
  let active: OdsCustomer;
  let dormant: OdsCustomer;
  let closed: OdsCustomer;
  /** Two open CIFs that share one mobile number (the summary's DUPLICATE_CIF case). */
  let sharedA: OdsCustomer;
  let sharedB: OdsCustomer;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    write = await t.bearer(['crm:write'], { sub: 'channel-app' });
    read = await t.bearer(['crm:read']);
    active = newOdsCustomer('ACTIVE');
    dormant = newOdsCustomer('DORMANT');
    closed = newOdsCustomer('CLOSED');
    sharedA = newOdsCustomer('ACTIVE');
    sharedB = { ...newOdsCustomer('ACTIVE'), mobileNumber: sharedA.mobileNumber };
    await loadOdsCustomers(t, [active, dormant, closed, sharedA, sharedB]);
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (body: object, headers: Record<string, string> = {}) =>
    t.http.post(COMBO_CREATE).set('Authorization', write).set(headers).send(body);
  const leadsOf = async (legalId: string) =>
    (await t.http.get(`${API}/leads?legalId=${legalId}`).set('Authorization', read).expect(200)).body.total;

  describe('NTB whose legal ID or mobile an open CIF holds: 422 CUSTOMER_TYPE_MISMATCH', () => {
    it.each([
      ['the legal ID of an active CIF', () => ntb(active.legalId)],
      ['the legal ID of a dormant CIF', () => ntb(dormant.legalId)],
      [
        'the legal ID written with spaces',
        () =>
          ntb(` ${active.legalId.slice(0, 4)} ${active.legalId.slice(4)} `, { mobileNumber: newNtbMobile() }),
      ],
      [
        'the mobile number of an open CIF, in another form',
        () => ntb(newNtbLegalId(), { mobileNumber: `+84 ${active.mobileNumber.slice(1)}` }),
      ],
      ['a mobile two open CIFs share', () => ntb(newNtbLegalId(), { mobileNumber: sharedA.mobileNumber })],
    ])('%s', async (_name, body) => {
      const request = body();
      const res = await post(request);
      expectError(res, 422, 'CUSTOMER_TYPE_MISMATCH');
      expect(res.body.details).toEqual([{ suggestedCustomerType: 'ETB' }]);
      // No CIF of the ODS is ever revealed (the exact ones: a pattern could match the random request id).
      const answer = JSON.stringify(res.body);
      for (const customer of [active, dormant, closed, sharedA, sharedB])
        expect(answer).not.toContain(customer.cif);
      expect(await leadsOf(request.legalId.replace(/\s/g, ''))).toBe(0);
    });

    it('says so in Vietnamese with Accept-Language: vi', async () => {
      const res = await post(ntb(active.legalId), { 'Accept-Language': 'vi' });
      expectError(res, 422, 'CUSTOMER_TYPE_MISMATCH');
      expect(res.body.message).toMatch(/đã có CIF/);
    });

    it('accepts an NTB customer whose identifiers only a closed CIF holds (201)', async () => {
      const res = await post(ntb(closed.legalId, { mobileNumber: closed.mobileNumber })).expect(201);
      expect(res.body.result).toBe('CREATED_LEAD');
    });

    it('the same customer sent as ETB with its CIF is accepted (201)', async () => {
      const res = await post(etb(active.cif, { legalId: active.legalId })).expect(201);
      expect(res.body.result).toBe('CREATED_OPPORTUNITY');
    });
  });

  describe('ETB whose CIF the ODS does not hold open: 422 CIF_NOT_FOUND', () => {
    it.each([
      ['an unknown CIF', () => newUnknownCif()],
      ['a closed CIF', () => closed.cif],
    ])('%s', async (_name, cif) => {
      const c = cif();
      const res = await post(etb(c));
      expectError(res, 422, 'CIF_NOT_FOUND');
      expect(res.body.details).toEqual([{ field: 'cif' }]);
      const list = await t.http.get(`${API}/opportunities?cif=${c}`).set('Authorization', read).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('a dormant CIF is open: 201', async () => {
      await post(etb(dormant.cif)).expect(201);
    });
  });

  it('keeps LEGAL_ID_OF_OTHER_CIF: an open CIF legal ID sent with another open CIF', async () => {
    const [a, b] = [newOdsCustomer(), newOdsCustomer()];
    await loadOdsCustomers(t, [a, b]);
    await post(etb(a.cif, { legalId: a.legalId })).expect(201);
    expectError(await post(etb(b.cif, { legalId: a.legalId })), 409, 'LEGAL_ID_OF_OTHER_CIF');
  });

  it('a refused request keeps no idempotency record: the retry after the ODS learned the CIF is checked again', async () => {
    const later = newOdsCustomer();
    const body = etb(later.cif);
    expectError(await post(body, { 'Idempotency-Key': `k-${later.cif}` }), 422, 'CIF_NOT_FOUND');
    await loadOdsCustomers(t, [later]);
    const again = await post(body, { 'Idempotency-Key': `k-${later.cif}` });
    expect(again.status).toBe(201);
  });

  (remote ? it.skip : it)(
    'audits the NTB check like any ODS lookup: the caller, the request id, hashes only',
    async () => {
      const legalId = newNtbLegalId();
      // Not derived from the legal ID, and without digits: a request id holding six digits in a row
      // (as a random UUID after its dashes usually does) looks like an identifier and is replaced.
      const requestId = `crm-check-${randomUUID().replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
      await post(ntb(legalId), { 'X-Request-Id': requestId }).expect(201);
      const rows = await t.dataSource!.query(
        `SELECT actor, outcome, subject_hashes FROM platform_audit_records WHERE request_id = $1`,
        [requestId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].actor).toBe('channel-app');
      expect(JSON.stringify(rows)).not.toContain(legalId);
    },
  );
});

(remote ? describe.skip : describe)('crm-pipeline: CRM_CLASSIFICATION_CHECK=off (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CRM_CLASSIFICATION_CHECK: 'off' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('trusts the caller: an NTB customer the ODS knows and an unknown ETB CIF are both accepted', async () => {
    const known = newOdsCustomer();
    await loadOdsCustomers(t, [known]);
    const write = await t.bearer(['crm:write']);
    const lead = await t.http.post(COMBO_CREATE).set('Authorization', write).send(ntb(known.legalId));
    expect(lead.status).toBe(201);
    const opportunity = await t.http
      .post(COMBO_CREATE)
      .set('Authorization', write)
      .send(etb(newUnknownCif()));
    expect(opportunity.status).toBe(201);
  });
});
