import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome of one webhook attempt: a 2xx, another status, or no answer (time-out, refused, DNS). */
export type WebhookOutcome = 'delivered' | 'rejected' | 'error';

/**
 * The hub's Prometheus series, in a registry of its own (one per application, so two apps in one
 * process never share counters). Labels are route templates, methods, statuses, queue names and
 * fixed outcomes only: never a path, an identifier or anything a caller typed.
 *
 * The gauges read at scrape time (database pool, queue depth) are registered by MetricsCollectors.
 */
@Injectable()
export class HubMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly httpInFlight = new Gauge({
    name: 'hub_http_requests_in_flight',
    help: 'HTTP requests being served now',
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'hub_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered: 2xx; rejected: another status; error: no answer)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly odsIngestLines = new Counter({
    name: 'hub_ods_ingest_lines_total',
    help: 'ODS snapshot lines ingested by this instance, loaded or rejected',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimitRejections = new Counter({
    name: 'hub_rate_limit_rejections_total',
    help: 'Requests refused with 429 by budget (general or lookup)',
    labelNames: ['budget'] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'hub_job_failures_total',
    help: 'Jobs whose handler failed on this instance, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly jobRetries = new Counter({
    name: 'hub_job_retries_total',
    help: 'Retried jobs (a second or later attempt) started on this instance, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor() {
    // process_cpu_*, process_resident_memory_bytes, nodejs_eventloop_lag_*, nodejs_heap_* ...
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts ODS lines: `received - loaded` were rejected. */
  countOdsIngest(received: number, loaded: number): void {
    if (loaded > 0) this.odsIngestLines.inc({ outcome: 'loaded' }, loaded);
    if (received > loaded) this.odsIngestLines.inc({ outcome: 'rejected' }, received - loaded);
  }

  countWebhook(statusCode: number | null): void {
    const outcome: WebhookOutcome =
      statusCode === null ? 'error' : statusCode >= 200 && statusCode < 300 ? 'delivered' : 'rejected';
    this.webhookDeliveries.inc({ outcome });
  }

  /** The exposition text (Prometheus format 0.0.4) and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
