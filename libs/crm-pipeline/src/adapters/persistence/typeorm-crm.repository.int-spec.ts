import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { SystemClock } from '@hub/shared-kernel';
import { cloneTemplateDatabase, schemaDifference } from '@hub/test-database';
import { CrmDemoData } from '../demo/crm-demo-data';
import { CrmPipelineService } from '../../application/crm-pipeline.service';
import { DEFAULT_CRM_CONFIG } from '../../application/crm-config';
import { Lead } from '../../domain/lead';
import { buildEtbComboCreate, buildNtbComboCreate } from '../../testing/crm.factories';
import { InMemoryOdsCustomers } from '../../testing/in-memory-ods-customers';
import { TypeormCrmReadRepository } from './typeorm-crm-read.repository';
import { TypeormCrmRepository } from './typeorm-crm.repository';
import { CRM_PIPELINE_SCHEMA } from './crm-pipeline.schema';

describe('CRM persistence (PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let repository: TypeormCrmRepository;
  let service: CrmPipelineService;

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource(buildDataSourceOptions(db.url, { poolSize: 20, schemas: [CRM_PIPELINE_SCHEMA] }));
    await ds.initialize();
    repository = new TypeormCrmRepository(ds);
    service = new CrmPipelineService(
      repository,
      new TypeormCrmReadRepository(ds),
      new SystemClock(),
      new InMemoryOdsCustomers({ everyCifOpen: true }),
      DEFAULT_CRM_CONFIG,
    );
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE crm_status_history, crm_leads, crm_opportunities');
  });

  it('the migration leaves no schema difference against the CRM entities', async () => {
    const sql = await schemaDifference(ds);
    const crm = sql.upQueries.map((q) => q.query).filter((q) => /crm_/.test(q));
    expect(crm).toEqual([]);
  });

  const insertLead = (legalId: string, status: string) =>
    ds.query(
      `INSERT INTO crm_leads (id, status, owner_id, legal_id, product, channel, created_at, updated_at)
       VALUES ($1, $2, 'RM001', $3, 'CREDIT_CARD', 'WEB', now(), now())`,
      [randomUUID(), status, legalId],
    );
  const insertOpportunity = (cif: string, legalId: string | null, status: string) =>
    ds.query(
      `INSERT INTO crm_opportunities (id, status, owner_id, cif, legal_id, product, channel, created_at, updated_at)
       VALUES ($1, $2, 'RM001', $3, $4, 'CREDIT_CARD', 'WEB', now(), now())`,
      [randomUUID(), status, cif, legalId],
    );

  describe('closeStale (the daily job)', () => {
    const stamp = { actor: 'job', at: new Date('2030-01-01T00:00:00Z') };
    const cutoff = new Date('2029-12-01T00:00:00Z');
    const seed = (n: number, updatedAt: string) =>
      ds.query(
        `INSERT INTO crm_leads (id, status, owner_id, legal_id, product, channel, created_at, updated_at)
         SELECT gen_random_uuid(), 'NEW_LEAD', 'RM001', lpad(i::text, 12, '0'), 'CASA', 'WEB', $2, $2
           FROM generate_series(1, $1) AS i`,
        [n, updatedAt],
      );

    it('closes every stale open record in batches, one history row each, and nothing the second time', async () => {
      await seed(1_203, '2029-06-01T00:00:00Z');
      await insertOpportunity('7700000001', null, 'NEW_OPPORTUNITY');
      await insertOpportunity('7700000002', null, 'NEW_OPPORTUNITY');
      await ds.query(
        `UPDATE crm_opportunities SET updated_at = '2029-11-30T23:59:59Z' WHERE cif = '7700000001'`,
      );
      // touched after the cutoff: not stale
      await ds.query(
        `UPDATE crm_opportunities SET updated_at = '2029-12-01T00:00:00Z' WHERE cif = '7700000002'`,
      );
      expect(await repository.closeStale(cutoff, stamp)).toEqual({ leads: 1_203, opportunities: 1 });
      expect(
        await ds.query(
          `SELECT record_type, reason, actor, count(*)::int AS n FROM crm_status_history GROUP BY 1, 2, 3 ORDER BY 1`,
        ),
      ).toEqual([
        { record_type: 'LEAD', reason: 'EXPIRED', actor: 'job', n: 1_203 },
        { record_type: 'OPPORTUNITY', reason: 'EXPIRED', actor: 'job', n: 1 },
      ]);
      expect(await repository.closeStale(cutoff, stamp)).toEqual({ leads: 0, opportunities: 0 });
    });

    it('leaves a record whose customer a command holds locked for the next run', async () => {
      await seed(2, '2029-06-01T00:00:00Z');
      const runner = ds.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(
          `SELECT pg_advisory_xact_lock(hashtextextended('crm-customer:legal:000000000001', 0))`,
        );
        expect(await repository.closeStale(cutoff, stamp)).toEqual({ leads: 1, opportunities: 0 });
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await repository.closeStale(cutoff, stamp)).toEqual({ leads: 1, opportunities: 0 });
    });
  });

  it('allows one open lead per legal ID, and any number of closed ones', async () => {
    await insertLead('079203001234', 'CLOSE_LOST');
    await insertLead('079203001234', 'CLOSE_WON');
    await insertLead('079203001234', 'NEW_LEAD');
    await expect(insertLead('079203001234', 'NEW_LEAD')).rejects.toMatchObject({
      driverError: { code: '23505' },
    });
  });

  it('allows one open opportunity per CIF and per legal ID', async () => {
    await insertOpportunity('7700000001', '079203001234', 'NEW_OPPORTUNITY');
    await insertOpportunity('7700000001', null, 'CLOSE_LOST');
    await insertOpportunity('7700000002', null, 'NEW_OPPORTUNITY');
    await insertOpportunity('7700000003', null, 'NEW_OPPORTUNITY');
    await expect(insertOpportunity('7700000001', null, 'NEW_OPPORTUNITY')).rejects.toMatchObject({
      driverError: { code: '23505' },
    });
    await expect(insertOpportunity('7700000009', '079203001234', 'NEW_OPPORTUNITY')).rejects.toMatchObject({
      driverError: { code: '23505' },
    });
  });

  it('refuses an unknown status and any change to the history', async () => {
    await expect(insertLead('079203001234', 'OPEN')).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
    await service.comboCreate(buildNtbComboCreate(), 'a');
    await expect(ds.query(`UPDATE crm_status_history SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM crm_status_history`)).rejects.toThrow(/append-only/);
  });

  it('rolls the whole command back when one write fails', async () => {
    await expect(
      repository.transaction(async (tx) => {
        const { lead, change } = Lead.create(
          {
            id: randomUUID(),
            ownerId: 'RM001',
            legalId: '079203001234',
            mobileNumber: null,
            fullName: null,
            product: 'P',
            channel: 'C',
            amount: null,
            currency: null,
            expectedCloseDate: null,
          },
          { actor: 'a', at: new Date() },
        );
        await tx.insertLead(lead);
        await tx.appendHistory([change]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ds.query('SELECT count(*)::int AS n FROM crm_leads')).toEqual([{ n: 0 }]);
    expect(await ds.query('SELECT count(*)::int AS n FROM crm_status_history')).toEqual([{ n: 0 }]);
  });

  it('turns a unique-index race that outlives the retries into 409 CRM_CONCURRENT_UPDATE', async () => {
    await insertLead('079203001234', 'NEW_LEAD');
    let attempts = 0;
    await expect(
      repository.transaction(async (tx) => {
        attempts++;
        const { lead } = Lead.create(
          {
            id: randomUUID(),
            ownerId: 'RM001',
            legalId: '079203001234',
            mobileNumber: null,
            fullName: null,
            product: 'P',
            channel: 'C',
            amount: null,
            currency: null,
            expectedCloseDate: null,
          },
          { actor: 'a', at: new Date() },
        );
        await tx.insertLead(lead); // skips the use case's check on purpose
      }),
    ).rejects.toMatchObject({ code: 'CRM_CONCURRENT_UPDATE', kind: 'CONFLICT' });
    expect(attempts).toBe(3);
  });

  it('createLeadUnlessOpen (one statement): inserts the lead and its history row only when the legal ID has nothing open', async () => {
    const stamp = { actor: 'a', at: new Date('2026-12-01T08:00:00Z') };
    const make = (ownerId: string) =>
      Lead.create(
        {
          id: randomUUID(),
          ownerId,
          legalId: '079203007777',
          mobileNumber: '+84912345678',
          fullName: 'Nguyễn Văn An',
          product: 'CREDIT_CARD',
          channel: 'WEB',
          amount: '150000000.00',
          currency: 'VND',
          expectedCloseDate: '2026-12-31',
        },
        stamp,
      );
    const first = make('RM001');
    expect(await repository.createLeadUnlessOpen(first.lead, first.change)).toEqual({ inserted: true });
    const second = make('RM002');
    expect(await repository.createLeadUnlessOpen(second.lead, second.change)).toEqual({
      inserted: false,
      openLead: { id: first.lead.id, ownerId: 'RM001', status: 'NEW_LEAD' },
      openOpportunity: false,
    });
    expect(
      await ds.query(
        `SELECT id, owner_id, amount, currency, expected_close_date::text AS d, created_at FROM crm_leads`,
      ),
    ).toEqual([
      {
        id: first.lead.id,
        owner_id: 'RM001',
        amount: '150000000.00',
        currency: 'VND',
        d: '2026-12-31',
        created_at: stamp.at,
      },
    ]);
    expect(
      await ds.query(
        `SELECT record_type, record_id, from_status, to_status, reason, actor, at FROM crm_status_history`,
      ),
    ).toEqual([
      {
        record_type: 'LEAD',
        record_id: first.lead.id,
        from_status: null,
        to_status: 'NEW_LEAD',
        reason: 'CREATED',
        actor: 'a',
        at: stamp.at,
      },
    ]);

    await ds.query('TRUNCATE crm_status_history, crm_leads, crm_opportunities');
    await insertOpportunity('7700000001', '079203007777', 'NEW_OPPORTUNITY');
    const third = make('RM003');
    expect(await repository.createLeadUnlessOpen(third.lead, third.change)).toEqual({
      inserted: false,
      openLead: null,
      openOpportunity: true,
    });
    expect(await ds.query(`SELECT count(*)::int AS n FROM crm_leads`)).toEqual([{ n: 0 }]);
  });

  it('serialises parallel commands for one customer: 40 identical NTB and ETB combo-creates, 20 RMs', async () => {
    const started = Date.now();
    const ntb = await Promise.all(
      Array.from({ length: 40 }, () => service.comboCreate(buildNtbComboCreate(), 'a')),
    );
    const etb = await Promise.all(
      Array.from({ length: 40 }, () => service.comboCreate(buildEtbComboCreate(), 'a')),
    );
    const rms = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.comboCreate(buildNtbComboCreate({ legalId: '079203005555', ownerId: `RM${i}` }), 'a'),
      ),
    );
    const elapsed = Date.now() - started;
    expect(ntb.filter((o) => o.created)).toHaveLength(1);
    expect(etb.filter((o) => o.created)).toHaveLength(1);
    expect(rms.every((o) => o.created)).toBe(true);
    const [counts] = await ds.query(
      `SELECT count(*) FILTER (WHERE legal_id = '079203001234')::int AS ntb,
              count(*) FILTER (WHERE legal_id = '079203005555')::int AS rms,
              count(*) FILTER (WHERE legal_id = '079203005555' AND status = 'NEW_LEAD')::int AS rms_open
         FROM crm_leads`,
    );
    expect(counts).toEqual({ ntb: 1, rms: 20, rms_open: 1 });
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM crm_opportunities WHERE cif = '7700000001'`),
    ).toEqual([{ n: 1 }]);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('loads the demo pipeline once, only into empty tables', async () => {
    const demo = new CrmDemoData({ demoData: true } as never, service, ds);
    await demo.seed();
    await demo.seed();
    const report = await service.pipelineReport({});
    expect(report.leads.total).toBe(6);
    expect(report.opportunities.total).toBe(5);
    // Closed = won or lost, a reassignment and a supersession included: 1 / 4.
    expect(report.conversion).toEqual({ leadsConverted: 1, leadsClosed: 4, rate: '0.2500' });
    expect(report.closeLostReasons).toEqual([
      { recordType: 'LEAD', reason: 'AML_REJECTED', count: 1 },
      { recordType: 'LEAD', reason: 'REASSIGNED', count: 1 },
      { recordType: 'LEAD', reason: 'SUPERSEDED', count: 1 },
      { recordType: 'OPPORTUNITY', reason: 'AML_REJECTED', count: 1 },
    ]);
    // The converted lead's amount travelled to its opportunity; the reassigned lead kept its own.
    expect(report.wonAmounts).toEqual([{ currency: 'VND', total: '320000000.00' }]);
    expect(report.leads.amounts).toEqual(
      expect.arrayContaining([{ status: 'NEW_LEAD', currency: 'VND', count: 2, total: '130000000.00' }]),
    );
  });

  it('runs each command in a handful of statements, whatever the data size (no N+1)', async () => {
    const queries: string[] = [];
    const counted = new DataSource({
      ...buildDataSourceOptions((ds.options as { url: string }).url, {
        poolSize: 2,
        schemas: [CRM_PIPELINE_SCHEMA],
      }),
      logging: ['query'],
      logger: {
        logQuery: (query: string) => void queries.push(query),
        logQueryError: () => undefined,
        logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      },
    });
    await counted.initialize();
    // NTB combo-create's one-statement path goes to the driver's pool directly: counted there too.
    const pool = (counted.driver as unknown as { master: { query: (...args: unknown[]) => unknown } }).master;
    const poolQuery = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      queries.push(typeof q === 'string' ? q : q.text);
      return poolQuery(...args);
    };
    try {
      const crm = new CrmPipelineService(
        new TypeormCrmRepository(counted),
        new TypeormCrmReadRepository(counted),
        new SystemClock(),
        new InMemoryOdsCustomers({ everyCifOpen: true }),
        DEFAULT_CRM_CONFIG,
      );
      const measure = async (work: () => Promise<unknown>) => {
        queries.length = 0;
        await work();
        return queries.filter((q) => !/^(START TRANSACTION|BEGIN|COMMIT)/i.test(q)).length;
      };
      for (let i = 0; i < 50; i++) await crm.comboCreate(buildEtbComboCreate({ cif: `88000${i}` }), 'a');
      const created = await crm.comboCreate(buildNtbComboCreate(), 'a');
      // one call of crm_create_lead_unless_open: lock, open lead?, open opportunity?, lead, history
      expect(
        await measure(() => crm.comboCreate(buildNtbComboCreate({ legalId: '079203007777' }), 'a')),
      ).toBe(1);
      // the same RM again (EXISTING_LEAD): that one call, writing nothing
      expect(
        await measure(() => crm.comboCreate(buildNtbComboCreate({ legalId: '079203007777' }), 'a')),
      ).toBe(1);
      let reassigned: { leadId?: string } = {};
      // the one-statement call finds another RM's lead, then the full command: lock, opportunity by
      // legal ID, lead by legal ID, close the old lead, insert the new, history
      expect(
        await measure(
          async () => (reassigned = await crm.comboCreate(buildNtbComboCreate({ ownerId: 'RM002' }), 'a')),
        ),
      ).toBe(7);
      // read, 2 locks, read again, insert the opportunity, update the lead, open lead left?, history
      expect(await measure(() => crm.closeWon({ leadId: reassigned.leadId, cif: '7700000777' }, 'a'))).toBe(
        8,
      );
      expect(await measure(() => crm.pipelineReport({}))).toBe(2); // counts + sales figures

      expect(await measure(() => crm.listOpportunities({}, { page: 1, pageSize: 100 }))).toBe(2); // page + count
      expect(await measure(() => crm.getLead(created.leadId!))).toBe(2);
    } finally {
      await counted.destroy();
    }
  });
});
