import { CrmPipelineService, STALE_RECORDS_ACTOR, STALE_RECORDS_QUEUE } from '@hub/crm-pipeline';
import { Clock } from '@hub/shared-kernel';
import { JobQueue } from '@hub/platform';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { cloneTemplateDatabase } from '../setup/test-database';
import { loadOpenCifs, newNtbLegalId, newNtbMobile } from '../fixtures/crm-pipeline/ods-customers';

const COMBO_CREATE = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity';
const API = '/integration-service/api/crm/v1';
const DAY = 86_400_000;

const ntb = (legalId: string, ownerId = 'RM001') => ({
  customerType: 'NTB',
  ownerId,
  legalId,
  mobileNumber: newNtbMobile(legalId),
  product: 'CREDIT_CARD',
  channel: 'MOBILE_APP',
});
const etb = (cif: string, ownerId = 'RM001') => ({
  customerType: 'ETB',
  ownerId,
  cif,
  product: 'CASA',
  channel: 'WEB',
});

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The daily stale-record job on two hub instances sharing one database, with the application's clock
 * moved forward (the Clock port of both instances). Needs the in-process apps.
 */
(remote ? describe.skip : describe)(
  'crm-pipeline: open records untouched for CRM_STALE_AFTER_DAYS expire (e2e)',
  () => {
    let db: { url: string; drop: () => Promise<void> };
    let a: TestApp;
    let b: TestApp;
    let now = Date.UTC(2032, 0, 1);
    const spies: jest.SpyInstance[] = [];

    beforeAll(async () => {
      db = await cloneTemplateDatabase();
      const env = { CRM_STALE_AFTER_DAYS: '30' };
      a = await createTestApp({ databaseUrl: db.url, env });
      b = await createTestApp({ databaseUrl: db.url, env });
      for (const app of [a, b])
        spies.push(jest.spyOn(app.app!.get(Clock), 'now').mockImplementation(() => new Date(now)));
    }, 120_000);

    afterAll(async () => {
      spies.forEach((s) => s.mockRestore());
      await a?.close();
      await b?.close();
      await db?.drop();
    });

    const post = async (app: TestApp, body: object) =>
      app.http
        .post(COMBO_CREATE)
        .set('Authorization', await app.bearer(['crm:write']))
        .send(body);
    const get = async (app: TestApp, path: string) =>
      (
        await app.http
          .get(path)
          .set('Authorization', await app.bearer(['crm:read']))
          .expect(200)
      ).body;

    it('is scheduled once for both instances (one cron row: one job per day across all instances)', async () => {
      const rows = await a.dataSource!.query(
        `SELECT name, cron, timezone FROM pgboss.schedule WHERE name = $1`,
        [STALE_RECORDS_QUEUE],
      );
      expect(rows).toEqual([{ name: STALE_RECORDS_QUEUE, cron: '0 2 * * *', timezone: 'UTC' }]);
    });

    it('closes lost (EXPIRED) what nobody touched for 30 days, once, with history, whichever instance runs it', async () => {
      const [c1, c2] = (await loadOpenCifs(a, 2)).map((c) => c.cif);
      const start = now;
      const staleLead = (await post(a, ntb(newNtbLegalId())).then((r) => r.body)).leadId as string;
      const staleOpportunity = (await post(a, etb(c1)).then((r) => r.body)).opportunityId as string;
      const takenOver = newNtbLegalId();
      await post(a, ntb(takenOver));
      const closedEarlier = (await post(a, ntb(newNtbLegalId())).then((r) => r.body)).leadId as string;
      await a.http
        .post(`${API}/update-lead-status`)
        .set('Authorization', await a.bearer(['crm:write']))
        .send({ leadId: closedEarlier, status: 'CLOSE_LOST', reason: 'AML_REJECTED' })
        .expect(200);

      now = start + 20 * DAY; // touched 20 days later: a reassignment and a new opportunity
      const freshLead = (await post(b, ntb(takenOver, 'RM002')).then((r) => r.body)).leadId as string;
      const freshOpportunity = (await post(b, etb(c2)).then((r) => r.body)).opportunityId as string;

      now = start + 31 * DAY;
      const [ranA, ranB] = await Promise.all([
        a.app!.get(CrmPipelineService).closeStaleRecords(),
        b.app!.get(CrmPipelineService).closeStaleRecords(),
      ]);
      // Both ran at once; each record was closed by exactly one of them.
      expect(ranA.leads + ranB.leads).toBe(1);
      expect(ranA.opportunities + ranB.opportunities).toBe(1);

      const lead = await get(a, `${API}/leads/${staleLead}`);
      expect(lead).toMatchObject({
        status: 'CLOSE_LOST',
        closeReason: 'EXPIRED',
        updatedAt: new Date(now).toISOString(),
      });
      expect(lead.history.slice(1)).toEqual([
        {
          from: 'NEW_LEAD',
          to: 'CLOSE_LOST',
          reason: 'EXPIRED',
          actor: STALE_RECORDS_ACTOR,
          at: new Date(now).toISOString(),
        },
      ]);
      expect(
        (await get(a, `${API}/opportunities/${staleOpportunity}`)).history.map(
          (h: { reason: string }) => h.reason,
        ),
      ).toEqual(['CREATED', 'EXPIRED']);
      expect(await get(a, `${API}/leads/${freshLead}`)).toMatchObject({ status: 'NEW_LEAD' });
      expect(await get(a, `${API}/opportunities/${freshOpportunity}`)).toMatchObject({
        status: 'NEW_OPPORTUNITY',
      });
      expect((await get(a, `${API}/leads/${closedEarlier}`)).history).toHaveLength(2);

      // Idempotent: the same day again closes nothing and writes no history.
      const [{ n: historyRows }] = await a.dataSource!.query(
        `SELECT count(*)::int AS n FROM crm_status_history`,
      );
      expect(await a.app!.get(CrmPipelineService).closeStaleRecords()).toEqual({
        leads: 0,
        opportunities: 0,
      });
      const [{ n: historyAfter }] = await a.dataSource!.query(
        `SELECT count(*)::int AS n FROM crm_status_history`,
      );
      expect(historyAfter).toBe(historyRows);

      // 30 more days: the records touched on day 20 expire, this time through the queue's worker.
      now = start + 51 * DAY;
      await a.app!.get(JobQueue).send(STALE_RECORDS_QUEUE, {});
      await eventually(async () => {
        const l = await get(b, `${API}/leads/${freshLead}`);
        const o = await get(b, `${API}/opportunities/${freshOpportunity}`);
        return l.status === 'CLOSE_LOST' && o.status === 'CLOSE_LOST' ? true : null;
      });
      const expired = await a.dataSource!.query(
        `SELECT record_id, count(*)::int AS n FROM crm_status_history WHERE reason = 'EXPIRED' GROUP BY record_id ORDER BY 1`,
      );
      expect(expired.map((r: { n: number }) => r.n)).toEqual([1, 1, 1, 1]);
      // The report sees them as close-lost reasons like any other.
      const report = await get(a, `${API}/reports/pipeline`);
      expect(report.closeLostReasons).toEqual(
        expect.arrayContaining([
          { recordType: 'LEAD', reason: 'EXPIRED', count: 2 },
          { recordType: 'OPPORTUNITY', reason: 'EXPIRED', count: 2 },
        ]),
      );
    }, 60_000);

    it('CRM_STALE_AFTER_DAYS=0 turns it off: the schedule is removed and nothing expires', async () => {
      const off = await createTestApp({ databaseUrl: db.url, env: { CRM_STALE_AFTER_DAYS: '0' } });
      try {
        const legalId = newNtbLegalId();
        const lead = (await post(off, ntb(legalId)).then((r) => r.body)).leadId as string;
        const rows = await off.dataSource!.query(`SELECT name FROM pgboss.schedule WHERE name = $1`, [
          STALE_RECORDS_QUEUE,
        ]);
        expect(rows).toEqual([]);
        expect(await off.app!.get(CrmPipelineService).closeStaleRecords()).toEqual({
          leads: 0,
          opportunities: 0,
        });
        expect(await get(off, `${API}/leads/${lead}`)).toMatchObject({ status: 'NEW_LEAD' });
      } finally {
        await off.close();
      }
    }, 60_000);
  },
);
