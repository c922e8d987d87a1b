import { ODS_DEMO_SHOWCASE as SHOWCASE } from '@hub/customer-summary';
import { createTestApp, remote, type TestApp } from '../support/test-app';

const API = '/integration-service/api/crm/v1';
const COMBO_CREATE = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity';

/**
 * The CRM demo pipeline next to the ODS demo data, with the classification check on: every demo
 * record is accepted (none skipped), and the README's two refusals answer as it says. Locally the
 * hub starts with DEMO_DATA=on on an empty database. It tests the local app's demo loading, so it
 * runs only locally: against a deployed hub the suites create their own data and need no demo data.
 */
(remote ? describe.skip : describe)('crm-pipeline demo data (e2e, local app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA: 'on', ODS_DEMO_CUSTOMERS: '50' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('loads the whole demo pipeline, consistent with the ODS demo data', async () => {
    const read = await t.bearer(['crm:read']);
    const report = (await t.http.get(`${API}/reports/pipeline`).set('Authorization', read).expect(200)).body;
    expect({ leads: report.leads.total, opportunities: report.opportunities.total }).toEqual({
      leads: 6,
      opportunities: 5,
    });
    expect(report.closeLostReasons).toEqual(
      expect.arrayContaining([
        { recordType: 'LEAD', reason: 'SUPERSEDED', count: 1 },
        { recordType: 'LEAD', reason: 'REASSIGNED', count: 1 },
      ]),
    );
    expect(report.wonAmounts).toEqual([{ currency: 'VND', total: '320000000.00' }]);
  });

  it('answers the README refusals: an ODS customer as NTB, a closed CIF as ETB', async () => {
    const write = await t.bearer(['crm:write']);
    const asNtb = await t.http.post(COMBO_CREATE).set('Authorization', write).send({
      customerType: 'NTB',
      ownerId: 'RM001',
      legalId: SHOWCASE.hit.legalId,
      product: 'CREDIT_CARD',
      channel: 'WEB',
    });
    expect(asNtb.body).toMatchObject({ statusCode: 422, code: 'CUSTOMER_TYPE_MISMATCH' });
    const closed = await t.http.post(COMBO_CREATE).set('Authorization', write).send({
      customerType: 'ETB',
      ownerId: 'RM001',
      cif: SHOWCASE.reopened.closedCif,
      product: 'CASA',
      channel: 'BRANCH',
    });
    expect(closed.body).toMatchObject({ statusCode: 422, code: 'CIF_NOT_FOUND' });
  });
});
