import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { generateSyntheticCustomers, LOOKUP_SQL } from '@hub/customer-summary';
import { standaloneOds } from '@hub/customer-summary/testing';
import { AUDIT_INSERT_SQL, IdentifierHasher } from '@hub/platform';
import { LegalId, matchCif, MobileNumber, type CifCandidate } from '@hub/shared-kernel';
import { bareVerifyHs256 } from './lib/bare-jwt';
import { load, type Benchmark, type Measure, type Options } from './lib/harness';
import { startHub } from './lib/hub';

const PATH = '/api/v1/customer-summary';

/**
 * getCusSummary over HTTP: the hub against a bare Fastify + pg server that checks the same JWT,
 * issues the same SQL (the hub's own constants), audits durably with the same INSERT, and answers
 * the summary as PostgreSQL builds it. Closed-loop throughput at 1, 16 and 64 clients, and p99 at
 * a fixed request rate.
 */
export async function lookupBenchmark(options: Options, databaseUrl: string): Promise<Benchmark> {
  const customers = options.size('customers', { quick: 2_000, normal: 50_000, full: 1_000_000 });
  const seconds = options.size('seconds', { quick: 3, normal: 10, full: 20 });
  const rate = options.size('rate', { quick: 200, normal: 500, full: 500 });
  const hub = await startHub(databaseUrl);
  const ds = hub.app.get(DataSource);
  const ods = standaloneOds(ds);
  async function* lines() {
    for (const c of generateSyntheticCustomers({ customers, seed: 'bench' })) yield `${JSON.stringify(c)}\n`;
  }
  const loaded = await ods.ingest.ingest(lines());
  const bare = await startBare(databaseUrl, Buffer.from(hub.secret), new IdentifierHasher(hub.auditKey));
  const token = await hub.token(['customer-summary:read']);

  const bodies = requestMix(customers);
  const requests = await loadRequests(bare.url, token, bodies);
  const throughput = (url: string, connections: number) => async () =>
    (await load({ url, connections, duration: seconds, requests, expectBody: undefined })).requests.average;
  const p99 = (url: string) => async () =>
    (await load({ url, connections: 16, duration: seconds, overallRate: rate, requests })).latency.p99;

  const measures: Measure[] = [1, 16, 64].map((clients) => ({
    name: `lookups, ${clients} client${clients > 1 ? 's' : ''}`,
    better: 'higher' as const,
    unit: 'req/s',
    target: '>= 0.9x',
    hub: throughput(hub.url, clients),
    baseline: throughput(bare.url, clients),
  }));
  measures.push({
    name: `p99 at ${rate} req/s`,
    better: 'lower',
    unit: 'ms',
    target: 'bare/hub >= 0.83x (hub <= 1.2x bare)',
    hub: p99(hub.url),
    baseline: p99(bare.url),
  });

  return {
    name: 'customer-summary lookup',
    describe: {
      customers,
      loaded: loaded.loaded,
      secondsPerRun: seconds,
      fixedRate: rate,
      requestMix: bodies.length,
    },
    measures,
    check: async () => {
      // Same answers: status code, total and CIF for every request of the mix; every lookup audited.
      const before = await auditCount(ds);
      for (const body of bodies) {
        const [a, b] = await Promise.all([ask(hub.url, token, body), ask(bare.url, token, body)]);
        if (a.status !== b.status || a.cif !== b.cif || a.total !== b.total) {
          throw new Error(
            `lookup ${JSON.stringify(body)}: hub ${JSON.stringify(a)}, bare ${JSON.stringify(b)}`,
          );
        }
      }
      const audited = (await auditCount(ds)) - before;
      if (audited !== bodies.length * 2)
        throw new Error(`audited ${audited} of ${bodies.length * 2} lookups`);
      return `${bodies.length} lookups: same status, total and CIF from both; every one audited`;
    },
    close: async () => {
      await bare.close();
      await hub.app.close();
    },
  };
}

/** A fixed mix: by legal ID, by mobile, by both, and identifiers nobody holds. */
function requestMix(customers: number): Array<Record<string, string>> {
  const bodies: Array<Record<string, string>> = [];
  let i = 0;
  for (const c of generateSyntheticCustomers({ customers: Math.min(customers, 400), seed: 'bench' })) {
    const legalId = (c.legalIds as Array<{ number: string }>)[0]?.number;
    const mobile = (c.mobileNumbers as string[])[0];
    const kind = i++ % 4;
    if (kind === 0 && legalId) bodies.push({ legalId });
    else if (kind === 1 && mobile) bodies.push({ mobileNumber: mobile });
    else if (kind === 2 && legalId && mobile) bodies.push({ legalId, mobileNumber: mobile });
    else bodies.push({ legalId: String(100000000 + i) });
  }
  return bodies;
}

/** The load sees only 200s (a 409 DUPLICATE_CIF would count as an error); checks ask them all. */
async function loadRequests(url: string, token: string, bodies: Array<Record<string, string>>) {
  const answered = await Promise.all(bodies.map((b) => ask(url, token, b)));
  return bodies
    .filter((_, k) => answered[k].status === 200)
    .map((b) => ({
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(b),
    }));
}

/**
 * What the rate limiter costs a lookup: the same hub twice on one database, side by side, once as
 * the other benchmarks run it (limiter on: one counting upsert per request, limits high enough
 * never to refuse) and once with RATE_LIMIT_PER_MINUTE=0 and LOOKUP_RATE_LIMIT_PER_MINUTE=0 (no
 * limiter query). "hub" is limiter on, "baseline" limiter off; the ratio is on/off (throughput)
 * and off/on (p99): 1.00 means free. `npm run bench -- --only rate-limit [--quick]`.
 */
export async function rateLimitBenchmark(options: Options, databaseUrl: string): Promise<Benchmark> {
  const customers = options.size('customers', { quick: 2_000, normal: 50_000, full: 1_000_000 });
  const seconds = options.size('seconds', { quick: 3, normal: 10, full: 20 });
  const rate = options.size('rate', { quick: 200, normal: 500, full: 500 });
  const on = await startHub(databaseUrl, { rateLimits: 'on' });
  // Same secret and audit key: one token and one request mix serve both.
  const off = await startHub(databaseUrl, { rateLimits: 'off', secret: on.secret, auditKey: on.auditKey });
  const ods = standaloneOds(on.app.get(DataSource));
  async function* lines() {
    for (const c of generateSyntheticCustomers({ customers, seed: 'bench' })) yield `${JSON.stringify(c)}\n`;
  }
  const loaded = await ods.ingest.ingest(lines());
  const token = await on.token(['customer-summary:read']);
  const bodies = requestMix(customers);
  const requests = await loadRequests(off.url, token, bodies);
  const throughput = (url: string, connections: number) => async () =>
    (await load({ url, connections, duration: seconds, requests })).requests.average;
  const p99 = (url: string) => async () =>
    (await load({ url, connections: 16, duration: seconds, overallRate: rate, requests })).latency.p99;
  const measures: Measure[] = [1, 16].map((clients) => ({
    name: `lookups, ${clients} client${clients > 1 ? 's' : ''}: limiter on (hub) vs off (baseline)`,
    better: 'higher' as const,
    unit: 'req/s',
    target: 'on/off >= 0.9x',
    hub: throughput(on.url, clients),
    baseline: throughput(off.url, clients),
  }));
  measures.push({
    name: `p99 at ${rate} req/s: limiter on (hub) vs off (baseline)`,
    better: 'lower',
    unit: 'ms',
    target: 'off/on >= 0.9x',
    hub: p99(on.url),
    baseline: p99(off.url),
  });
  return {
    name: 'rate limiter on lookups',
    describe: { customers, loaded: loaded.loaded, secondsPerRun: seconds, fixedRate: rate },
    measures,
    check: async () => {
      // The limiter really ran on one and not on the other.
      const [a, b] = await Promise.all([on.url, off.url].map((url) => askHeaders(url, token, bodies[0])));
      if (a !== '1000000' || b !== null)
        throw new Error(`RateLimit-Limit: limiter on ${String(a)}, off ${String(b)}`);
      return 'limiter on answers RateLimit-Limit 1000000, limiter off answers none';
    },
    close: async () => {
      await off.app.close();
      await on.app.close();
    },
  };
}

async function askHeaders(url: string, token: string, body: Record<string, string>) {
  const res = await fetch(`${url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.headers.get('ratelimit-limit');
}

async function auditCount(ds: DataSource): Promise<number> {
  const rows: Array<{ n: string }> = await ds.query('SELECT count(*) AS n FROM platform_audit_records');
  return Number(rows[0].n);
}

async function ask(url: string, token: string, body: Record<string, string>) {
  const res = await fetch(`${url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { total?: number; data?: Array<{ cif: string }> };
  return { status: res.status, total: json.total ?? null, cif: json.data?.[0]?.cif ?? null };
}

/** The bare baseline: Fastify + pg, the same JWT check, the same SQL, the same durable audit. */
async function startBare(
  databaseUrl: string,
  secret: Buffer,
  hasher: IdentifierHasher,
): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app: FastifyInstance = Fastify({ logger: false });
  app.post(PATH, async (request, reply) => {
    const subject = bareVerifyHs256(request.headers.authorization, secret);
    if (subject === null) return reply.code(401).send({ statusCode: 401 });
    const body = (request.body ?? {}) as { legalId?: string; mobileNumber?: string };
    const legalId = body.legalId ? (LegalId.tryParse(body.legalId)?.value ?? null) : null;
    const mobile = body.mobileNumber ? (MobileNumber.tryParse(body.mobileNumber)?.e164 ?? null) : null;
    if (legalId === null && mobile === null) return reply.code(400).send({ statusCode: 400 });
    const requestId = randomUUID();
    const audit = (count: number, outcome: string) => {
      const hashes: string[] = [];
      if (legalId !== null) hashes.push(hasher.hash('legalId', legalId));
      if (mobile !== null) hashes.push(hasher.hash('mobileNumber', mobile));
      return pool.query({
        name: 'audit',
        text: AUDIT_INSERT_SQL,
        values: [
          subject,
          'customer-summary.lookup',
          hashes,
          outcome,
          requestId,
          JSON.stringify({ matchedCount: count }),
        ],
      });
    };
    const { rows } = await pool.query<{ cif: string; status: CifCandidate['status']; found_by: string }>({
      name: 'candidates',
      text: LOOKUP_SQL.candidates,
      values: [legalId, mobile],
    });
    const match = matchCif({
      byLegalId: rows.filter((r) => r.found_by === 'L'),
      byMobileNumber: rows.filter((r) => r.found_by === 'M'),
    });
    if (match.outcome === 'NONE') {
      await audit(0, 'NOT_FOUND');
      return { total: 0, data: [] };
    }
    if (match.outcome === 'MANY') {
      await audit(match.count, 'DUPLICATE_CIF');
      return reply.code(409).send({ statusCode: 409, code: 'DUPLICATE_CIF' });
    }
    const snapshot = await pool.query<{ snapshot: unknown }>({
      name: 'snapshot',
      text: LOOKUP_SQL.snapshot,
      values: [match.cif],
    });
    await audit(1, 'FOUND');
    return { total: 1, data: [snapshot.rows[0].snapshot] };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
