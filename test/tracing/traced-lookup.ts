/**
 * Run as a child process by test/e2e/ops-tracing.e2e-spec.ts (the instrumentations patch modules
 * as Node requires them, which jest's module system bypasses): starts tracing with an in-memory
 * exporter, then the hub on DATABASE_URL, does one customer lookup, and prints one JSON line with
 * the finished spans and the captured log lines.
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../apps/api/src/tracing';

async function main(): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ ...process.env }, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  if (!tracing) throw new Error('tracing did not start');
  // Loaded only now, so that http, fastify and pg are instrumented.
  const { randomBytes } = await import('node:crypto');
  const { mintToken } = await import('@hub/platform');
  const { LogCapture } = await import('@hub/platform/testing');
  const { createApp } = await import('../../apps/api/src/app.factory');
  const secret = randomBytes(32).toString('hex');
  const logs = new LogCapture();
  const { app } = await createApp({
    env: { ...process.env, NODE_ENV: 'test', AUTH_JWT_SECRET: secret, DEMO_DATA: 'off', LOG_LEVEL: 'info' },
    logStream: logs,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  const token = await mintToken({ secret, subject: 'tracer', scopes: ['customer-summary:read'] });
  // fetch (undici) is not instrumented: the hub's server span is the root of the trace.
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/customer-summary`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ legalId: '079091234567' }),
  });
  await res.text();
  await new Promise((r) => setTimeout(r, 300));
  const spans = exporter.getFinishedSpans().map((s) => ({
    name: s.name,
    kind: s.kind,
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext?.spanId ?? null,
    attributes: s.attributes,
  }));
  await app.close();
  await tracing.shutdown();
  process.stdout.write(`${JSON.stringify({ status: res.status, spans, logs: logs.lines })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
