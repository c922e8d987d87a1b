/**
 * The OpenTelemetry SDK and its instrumentations, loaded by `tracing.ts` only when tracing is on
 * (about a thousand modules: a start without tracing does not load them).
 */
import FastifyOtelInstrumentation from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Probes and scrapes are not traced. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

/** Starts the SDK (the environment is already completed by `startTracing`). */
export function startSdk(spanProcessors: SpanProcessor[] | undefined): { shutdown(): Promise<void> } {
  const sdk = new NodeSDK({
    spanProcessors,
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
