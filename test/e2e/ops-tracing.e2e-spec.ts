import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cloneTemplateDatabase } from '../setup/test-database';
import { remote } from '../support/test-app';

interface SpanOut {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: Record<string, unknown>;
}

const SERVER = 1;
const CLIENT = 2;

/** Runs test/tracing/traced-lookup.ts on its own database and returns what it printed. */
async function tracedLookup(): Promise<{ status: number; spans: SpanOut[]; logs: string[] }> {
  const db = await cloneTemplateDatabase();
  try {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'test/tracing/traced-lookup.ts',
      ],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, DATABASE_URL: db.url, TS_NODE_SWC: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`traced-lookup exited ${code}: ${stderr}`);
    return JSON.parse(stdout.trim().split('\n').pop() as string);
  } finally {
    await db.drop();
  }
}

(remote ? describe.skip : describe)('tracing (e2e, in-memory exporter)', () => {
  it('one lookup is one trace: the server span, Fastify spans and its SQL spans; the request log line carries its traceId', async () => {
    const { status, spans, logs } = await tracedLookup();
    expect(status).toBe(200);
    const roots = spans.filter(
      (s) =>
        s.kind === SERVER &&
        s.parentSpanId === null &&
        s.attributes['http.route'] === '/api/v1/customer-summary',
    );
    expect(roots).toHaveLength(1);
    const traceId = roots[0].traceId;
    const trace = spans.filter((s) => s.traceId === traceId);
    const sql = trace.filter(
      (s) =>
        s.kind === CLIENT && (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'postgresql',
    );
    // the rate-limit upsert, the lookup's SELECT and the audit INSERT, at least
    const statements = sql.map((s) => String(s.attributes['db.query.text'] ?? s.attributes['db.statement']));
    expect(statements.some((q) => q.startsWith('SELECT'))).toBe(true);
    expect(statements.some((q) => q.startsWith('INSERT INTO platform_audit'))).toBe(true);
    // statements with placeholders, never the values looked up
    expect(JSON.stringify(trace)).not.toContain('079091234567');
    expect(trace.some((s) => /fastify|handler|request/i.test(s.name) && s.kind !== SERVER)).toBe(true);
    // every span of the trace hangs from the root
    const ids = new Set(trace.map((s) => s.spanId));
    for (const span of trace) if (span !== roots[0]) expect(ids.has(span.parentSpanId as string)).toBe(true);
    // no other trace holds a span of this request
    expect(
      spans.filter((s) => s.kind === SERVER && s.attributes['http.route'] === '/api/v1/customer-summary'),
    ).toHaveLength(1);

    const requestLog = logs
      .map((l) => JSON.parse(l) as { msg?: string; traceId?: string; req?: { route?: string } })
      .find((l) => l.req?.route === '/api/v1/customer-summary');
    expect(requestLog?.traceId).toBe(traceId);
  }, 120_000);
});
