import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newNtbLegalId, newNtbMobile } from '../fixtures/crm-pipeline/ods-customers';
import { cloneTemplateDatabase } from '../setup/test-database';
import { createTestApp, remote, type TestApp } from '../support/test-app';

/**
 * Where reads go with DATABASE_REPLICA_URLS. The "replica" here is a stand-in: a second database
 * with the same schema (cloned from the migrated template) on the same server, NOT a streaming
 * replica. That makes the routing visible: a command's rows land in the primary only, so a read
 * route that answers from the replica does not see them until the test copies them over (what
 * replication would do a moment later), and a read that still sees them went to the primary.
 */
(remote ? describe.skip : describe)('read replicas (DATABASE_REPLICA_URLS)', () => {
  let t: TestApp;
  let replica: { url: string; drop(): Promise<void> };
  let primarySql: Client;
  let replicaSql: Client;

  beforeAll(async () => {
    replica = await cloneTemplateDatabase();
    t = await createTestApp({ env: { DATABASE_REPLICA_URLS: replica.url } });
    primarySql = new Client({ connectionString: t.databaseUrl as string });
    replicaSql = new Client({ connectionString: replica.url });
    await Promise.all([primarySql.connect(), replicaSql.connect()]);
  });

  afterAll(async () => {
    await primarySql?.end();
    await replicaSql?.end();
    await t?.close();
    await replica?.drop();
  });

  const count = async (client: Client, query: string, params: unknown[] = []) =>
    Number((await client.query(query, params)).rows[0].n);

  /**
   * What replication would do: copies the rows `where` selects from the primary's tables to the
   * replica's (parents before children: a table whose foreign key is not met yet is retried).
   */
  async function replicate(tables: readonly string[], where: Record<string, string> = {}): Promise<void> {
    let pending = [...tables];
    for (let pass = 0; pending.length > 0; pass++) {
      if (pass > tables.length) throw new Error(`could not copy ${pending.join(', ')}`);
      const failed: string[] = [];
      for (const table of pending) {
        const filter = where[table] ?? 'true';
        const { rows } = await primarySql.query(
          `SELECT coalesce(json_agg(t), '[]') AS rows FROM ${table} t WHERE ${filter}`,
        );
        try {
          await replicaSql.query(
            `INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::${table}, $1) ON CONFLICT DO NOTHING`,
            [JSON.stringify(rows[0].rows)],
          );
        } catch (error) {
          if ((error as { code?: string }).code !== '23503') throw error;
          failed.push(table);
        }
      }
      pending = failed;
    }
  }

  const tablesLike = async (prefix: string) =>
    (
      await primarySql.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name LIKE $1 AND table_type = 'BASE TABLE'`,
        [`${prefix}%`],
      )
    ).rows.map((r: { name: string }) => r.name);

  it('a customer lookup reads the replica; the ODS load it follows wrote the primary', async () => {
    const cif = `95${String(Date.now()).slice(-8)}`;
    const legalId = `0791${String(Date.now()).slice(-8)}`;
    const line = JSON.stringify({
      cif,
      status: 'ACTIVE',
      extractedAt: new Date().toISOString(),
      fullName: 'Trần Thị Bình',
      legalIds: [{ type: 'CCCD', number: legalId }],
      mobileNumbers: [],
    });
    const loaded = await t.http
      .post('/api/v1/ods/customers:bulk')
      .set('Authorization', await t.bearer(['ods:write']))
      .set('Content-Type', 'application/x-ndjson')
      .send(`${line}\n`);
    expect(loaded.status).toBe(200);
    expect(await count(primarySql, `SELECT count(*) AS n FROM ods_customers WHERE cif = $1`, [cif])).toBe(1);
    expect(await count(replicaSql, `SELECT count(*) AS n FROM ods_customers`)).toBe(0);

    const lookup = async () =>
      (
        await t.http
          .post('/api/v1/customer-summary')
          .set('Authorization', await t.bearer(['customer-summary:read']))
          .send({ legalId })
          .expect(200)
      ).body;
    expect((await lookup()).total).toBe(0); // the replica has not caught up
    await replicate(await tablesLike('ods_'));
    const found = await lookup();
    expect(found.total).toBe(1);
    expect(found.data[0].cif).toBe(cif);
  });

  it('CRM lists read the replica; a command, and the record it answers with, use the primary', async () => {
    const legalId = newNtbLegalId();
    const created = await t.http
      .post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity')
      .set('Authorization', await t.bearer(['crm:write']))
      .send({
        customerType: 'NTB',
        ownerId: 'RM001',
        legalId,
        mobileNumber: newNtbMobile(legalId),
        fullName: 'Nguyễn Văn An',
        product: 'CREDIT_CARD',
        channel: 'MOBILE_APP',
      });
    expect(created.status).toBe(201);
    expect(
      await count(primarySql, `SELECT count(*) AS n FROM crm_leads WHERE legal_id = $1`, [legalId]),
    ).toBe(1);
    expect(
      await count(replicaSql, `SELECT count(*) AS n FROM crm_leads WHERE legal_id = $1`, [legalId]),
    ).toBe(0);

    const reader = await t.bearer(['crm:read']);
    const list = async () =>
      (
        await t.http
          .get(`/integration-service/api/crm/v1/leads?legalId=${legalId}`)
          .set('Authorization', reader)
          .expect(200)
      ).body.total;
    expect(await list()).toBe(0);
    // The single record stays on the primary: status commands answer with it.
    await t.http
      .get(`/integration-service/api/crm/v1/leads/${created.body.leadId}`)
      .set('Authorization', reader)
      .expect(200);
    await replicate(['crm_leads', 'crm_status_history'], {
      crm_leads: `legal_id = '${legalId}'`,
      crm_status_history: `record_id = '${created.body.leadId}'`,
    });
    expect(await list()).toBe(1);
  });

  it('card-registry reads and exports read the replica; creates write the primary', async () => {
    const institutionId = 'INST-REPLICA';
    const auth = await t.bearer(['cards:write', 'cards:read'], { institutionId });
    const customerNumber = `REPL-${randomUUID().slice(0, 8)}`;
    const created = await t.http
      .post('/card-registry/v1/customers')
      .set('Authorization', auth)
      .send({
        type: 'CORPORATE',
        name: 'Fleet vehicle 51A-77777',
        address: { address1: '1 Nguyen Hue', city: 'Ho Chi Minh City', zipCode: '700000', country: 'VNM' },
        locale: 'vi-VN',
        customerNumber,
        regNo: `0312-${randomUUID().slice(0, 6)}`,
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await count(primarySql, `SELECT count(*) AS n FROM card_customers WHERE id = $1`, [id])).toBe(1);
    expect(await count(replicaSql, `SELECT count(*) AS n FROM card_customers`)).toBe(0);

    await t.http.get(`/card-registry/v1/customers/${id}`).set('Authorization', auth).expect(404);
    const search = () =>
      t.http
        .get(`/card-registry/v1/customers?customerNumber=${customerNumber}`)
        .set('Authorization', auth)
        .expect(200);
    expect((await search()).body.total).toBe(0);
    const exported = async () =>
      (await t.http.get('/card-registry/v1/exports/customers').set('Authorization', auth).expect(200)).text;
    expect(await exported()).not.toContain(id);

    await replicate(await tablesLike('card_customer'), {
      card_customers: `institution_id = '${institutionId}'`,
    });
    await t.http.get(`/card-registry/v1/customers/${id}`).set('Authorization', auth).expect(200);
    expect((await search()).body.total).toBe(1);
    expect(await exported()).toContain(id);
  });

  it('segment lists read the replica; the segment a create answers with comes from the primary', async () => {
    const write = await t.bearer(['segments:write']);
    const read = await t.bearer(['segments:read']);
    const created = await t.http
      .post('/financial-segments/v1/segments')
      .set('Authorization', write)
      .send({
        name: `Replica check ${randomUUID().slice(0, 8)}`,
        currency: 'VND',
        criteria: { minTotalBalance: '100000000.00' },
        offers: [{ code: 'PLATINUM_CARD', name: 'Thẻ Platinum', kind: 'CARD' }],
      });
    expect(created.status).toBe(201);
    expect(created.body.offers).toHaveLength(1);
    expect(await count(replicaSql, `SELECT count(*) AS n FROM seg_segments`)).toBe(0);
    const listed = async () =>
      (await t.http.get('/financial-segments/v1/segments').set('Authorization', read).expect(200)).body.total;
    expect(await listed()).toBe(0);
    await replicate(['seg_segments', 'seg_segment_offers']);
    expect(await listed()).toBe(1);
  });
});
