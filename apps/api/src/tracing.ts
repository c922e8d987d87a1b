/**
 * OpenTelemetry tracing, used by `instrument.ts` (the first module `main.ts`
 * loads) and by the tracing test. Imports nothing of the hub: the instrumentations patch `http`,
 * `fastify` and `pg` as they are first required, so they must be in place before the hub loads.
 * The SDK (`tracing-sdk.ts`) is required only when tracing is on: it is a third of the modules a
 * start would otherwise load.
 */
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set,
 * or when span processors are given (tests); else null and nothing is patched (nor loaded). The SDK
 * follows the standard variables: OTEL_SERVICE_NAME (default `bank-customer-data-hub`),
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
  // Synchronous on purpose: the instrumentations must patch before the hub's modules load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  return startSdk(options.spanProcessors);
}
