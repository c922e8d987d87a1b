/**
 * OpenTelemetry tracing, used by `instrument.ts` (the first module `main.ts`
 * loads) and by the tracing test. Imports nothing of the hub: the instrumentations patch `http`,
 * `fastify` and `pg` as they are first required, so they must be in place before the hub loads.
 */
import FastifyOtelInstrumentation from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Probes and scrapes are not traced. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set,
 * or when span processors are given (tests); else null and nothing is patched. The SDK follows
 * the standard variables: OTEL_SERVICE_NAME (default `bank-customer-data-hub`),
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER(_ARG),
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_SDK_DISABLED... Spans: incoming and outgoing HTTP, Fastify's
 * request lifecycle, and SQL statements inside a traced request or job (statement text with
 * placeholders, never the values).
 */
export function startTracing(
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly spanProcessors?: SpanProcessor[] } = {},
): Tracing | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  if (!endpoint && !options.spanProcessors) return null;
  env.OTEL_SERVICE_NAME ||= 'bank-customer-data-hub';
  // Traces only: metrics are Prometheus's (/metrics), logs are pino's.
  env.OTEL_METRICS_EXPORTER ||= 'none';
  env.OTEL_LOGS_EXPORTER ||= 'none';
  const sdk = new NodeSDK({
    spanProcessors: options.spanProcessors,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? ''),
      }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
