import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { LOOKUP_SQL } from '@hub/customer-summary';
import { AUDIT_INSERT_SQL, IdentifierHasher } from '@hub/platform';
import { load, type Benchmark, type Options } from './lib/harness';
import { startHub } from './lib/hub';

const PATH = '/integration-service/int/api/crm/v1/combo-create-lead-opportunity';
const OPEN = `status NOT IN ('CLOSE_WON', 'CLOSE_LOST')`;

/**
 * CRM combo-create (NTB: the ODS classification lookup, audited; then, in one transaction under
 * the customer's advisory lock, the open-record reads, the lead and its history row) over HTTP at
 * 100 clients, against a bare pg loop issuing those essential statements with 100 workers. Legal
 * IDs repeat (modulo), so commands for one customer run concurrently: afterwards no legal ID may
 * have two open leads, and both must leave the same number of leads.
 */
export async function crmBenchmark(options: Options, databaseUrl: string): Promise<Benchmark> {
  const seconds = options.size('seconds', { quick: 3, normal: 10, full: 20 });
  const clients = options.size('crm-clients', { quick: 100, normal: 100, full: 100 });
  const customers = options.size('crm-customers', { quick: 2_000, normal: 20_000, full: 100_000 });
  const hub = await startHub(databaseUrl);
  const ds = hub.app.get(DataSource);
  const token = await hub.token(['crm:write']);
  const hasher = new IdentifierHasher(hub.auditKey);
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const template = JSON.stringify({
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId: '9{n}',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
  });
  const probe = await fetch(`${hub.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: template.replaceAll('{n}', '0'.repeat(11)),
  });
  if (probe.status !== 201) throw new Error(`combo-create answered ${probe.status}: ${await probe.text()}`);
  const reset = async () => {
    await settled(ds);
    await ds.query('TRUNCATE crm_status_history, crm_leads, crm_opportunities CASCADE');
  };
  let hubCommands = 0;
  let bareCommands = 0;

  const viaHub = async () => {
    await reset();
    const result = await load({
      url: hub.url,
      connections: clients,
      duration: seconds,
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      numbered: { template, modulo: customers, width: 11 },
    });
    hubCommands = result.requests.total;
    await settled(ds);
    await noDuplicates();
    return result.requests.average;
  };

  const bareCommand = async (legalId: string) => {
    const { rows } = await pool.query({
      name: 'candidates',
      text: LOOKUP_SQL.candidates,
      values: [legalId, null],
    });
    await pool.query({
      name: 'audit',
      text: AUDIT_INSERT_SQL,
      values: [
        'bench',
        'customer-summary.lookup',
        [hasher.hash('legalId', legalId)],
        rows.length ? 'FOUND' : 'NOT_FOUND',
        randomUUID(),
        '{}',
      ],
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query({
        name: 'lock',
        text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
        values: [`crm-customer:legal:${legalId}`],
      });
      await client.query({
        name: 'opp',
        text: `SELECT id FROM crm_opportunities WHERE legal_id = $1 AND ${OPEN}`,
        values: [legalId],
      });
      const lead = await client.query({
        name: 'lead',
        text: `SELECT * FROM crm_leads WHERE legal_id = $1 AND ${OPEN}`,
        values: [legalId],
      });
      if (lead.rowCount === 0) {
        const id = randomUUID();
        await client.query({
          name: 'insert-lead',
          text: `INSERT INTO crm_leads (id, status, owner_id, legal_id, product, channel, created_at, updated_at)
                 VALUES ($1, 'NEW_LEAD', 'RM001', $2, 'CREDIT_CARD', 'MOBILE_APP', now(), now())`,
          values: [id, legalId],
        });
        await client.query({
          name: 'insert-history',
          text: `INSERT INTO crm_status_history (record_type, record_id, from_status, to_status, reason, actor, at)
                 VALUES ('LEAD', $1, NULL, 'NEW_LEAD', NULL, 'bench', now())`,
          values: [id],
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const viaBare = async () => {
    await reset();
    let n = 0;
    const until = Date.now() + seconds * 1000;
    const worker = async () => {
      while (Date.now() < until) await bareCommand(`9${String(n++ % customers).padStart(11, '0')}`);
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: clients }, worker));
    bareCommands = n;
    await noDuplicates();
    return n / ((Date.now() - started) / 1000);
  };
  const noDuplicates = async () => {
    const rows: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM (SELECT legal_id FROM crm_leads WHERE ${OPEN} GROUP BY legal_id HAVING count(*) > 1) d`,
    );
    if (Number(rows[0].n) !== 0) throw new Error(`${rows[0].n} legal IDs with two open leads`);
  };

  return {
    name: 'CRM combo-create',
    describe: { clients, customers, secondsPerRun: seconds },
    measures: [
      {
        name: `combo-create (NTB), ${clients} clients`,
        better: 'higher',
        unit: 'commands/s',
        target: '>= 2,000/s (hub)',
        hub: viaHub,
        baseline: viaBare,
      },
    ],
    check: async () => {
      // The load generator stops at its deadline while the hub finishes what it accepted, so the
      // number of leads is checked against the legal IDs used, not against the answers counted.
      const consistent = async (who: string, commands: number) => {
        const rows: Array<{ leads: string; orphans: string }> = await ds.query(
          `SELECT (SELECT count(*) FROM crm_leads) AS leads,
                  (SELECT count(*) FROM crm_leads l WHERE (SELECT count(*) FROM crm_status_history h
                     WHERE h.record_id = l.id) <> 1) AS orphans`,
        );
        const leads = Number(rows[0].leads);
        if (leads < Math.min(commands, customers) || leads > customers || Number(rows[0].orphans) !== 0) {
          throw new Error(
            `${who}: ${leads} leads for ${commands} commands, ${rows[0].orphans} without one history row`,
          );
        }
        return leads;
      };
      await viaHub();
      const hubLeads = await consistent('hub', hubCommands);
      await viaBare();
      const bareLeads = await consistent('bare', bareCommands);
      return `0 duplicate open leads; one lead (with one history row) per legal ID used (hub ${hubLeads}, bare ${bareLeads})`;
    },
    close: async () => {
      await pool.end();
      await hub.app.close();
    },
  };
}

/** Waits (up to 30 s) until no other session of the database is busy: the load generator stops at
 * its deadline, but the hub still finishes the commands it has accepted. */
async function settled(ds: DataSource): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const rows: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle')`,
    );
    if (Number(rows[0].n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
