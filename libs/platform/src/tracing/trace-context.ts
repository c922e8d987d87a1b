import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The active trace of a log line (pino's mixin): `{ traceId, spanId }` while a traced request or
 * job runs, nothing when tracing is off (see apps/api/src/instrument.ts).
 */
export function traceFields(): { traceId?: string; spanId?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { traceId: context.traceId, spanId: context.spanId };
}
