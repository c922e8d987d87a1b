import { Clock, domainError } from '@hub/shared-kernel';
import { Injectable } from '@nestjs/common';
import { nextRetryDelayMs } from '../domain/webhooks/retry-schedule';
import { signWebhook } from '../domain/webhooks/standard-webhooks';
import { SegmentErrors } from '../domain/segments.errors';
import { SegmentsConfig } from './segments-config';
import {
  type AttemptOutcome,
  type DeliveryStatus,
  type WebhookDeliveryView,
  WebhookDeliveryRepository,
} from './ports/webhook-delivery.repository';
import { WebhookSender } from './ports/webhook-sender';

/**
 * One attempt at a callback (run by the job queue): signs the stored body afresh with the
 * attempt's timestamp and the delivery's fixed `webhook-id`, posts it, and logs what happened.
 * A 2xx delivers; anything else (non-2xx, time-out, no connection) is retried with backoff and
 * jitter until WEBHOOK_MAX_ATTEMPTS, then the delivery is FAILED and listed. A redelivery asked
 * for by the bank is one attempt without automatic retries.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    private readonly config: SegmentsConfig,
    private readonly clock: Clock,
  ) {}

  async attempt(
    deliveryId: string,
    options: { readonly singleAttempt?: boolean } = {},
    random: () => number = Math.random,
  ): Promise<DeliveryStatus | null> {
    const delivery = await this.deliveries.get(deliveryId);
    if (!delivery || delivery.status !== 'PENDING') return delivery?.status ?? null;
    const attemptedAt = this.clock.now();
    const headers = signWebhook(
      this.config.webhookKey,
      delivery.id,
      Math.floor(attemptedAt.getTime() / 1000),
      delivery.body,
    );
    // Elapsed time, not the time of day: the monotonic timer, so a pinned clock does not zero it.
    const started = performance.now();
    const response = await this.sender.post({
      url: delivery.url,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'bank-customer-data-hub-webhooks/1',
      },
      body: delivery.body,
      timeoutMs: this.config.webhookTimeoutMs,
      allowPrivate: this.config.allowPrivateCallbacks,
      allowedCidrs: this.config.allowedCallbackCidrs,
    });
    const attempt = delivery.attempts + 1;
    const delivered = response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    let outcome: AttemptOutcome = { status: 'DELIVERED' };
    if (!delivered) {
      const delayMs = options.singleAttempt ? null : nextRetryDelayMs(this.config.retry, attempt, random);
      outcome = delayMs === null ? { status: 'FAILED' } : { status: 'RETRY', delayMs };
    }
    await this.deliveries.recordAttempt(
      delivery.id,
      {
        attempt,
        attemptedAt,
        statusCode: response.statusCode,
        error: response.error,
        durationMs: Math.round(performance.now() - started),
      },
      outcome,
    );
    return outcome.status === 'RETRY' ? 'PENDING' : outcome.status;
  }

  /**
   * Queues one new attempt of a FAILED or DELIVERED delivery, with the same `webhook-id` and body
   * (signed afresh). It is a single attempt: if it fails, the delivery is FAILED again.
   */
  async redeliver(id: string): Promise<WebhookDeliveryView> {
    const outcome = await this.deliveries.redeliver(id);
    if (outcome === null) throw domainError(SegmentErrors.WEBHOOK_DELIVERY_NOT_FOUND);
    if (outcome === 'PENDING') throw domainError(SegmentErrors.WEBHOOK_DELIVERY_PENDING);
    return (await this.deliveries.get(id)) as WebhookDeliveryView;
  }

  list(status: DeliveryStatus | undefined, page: number, pageSize: number) {
    return this.deliveries.list(status, page, pageSize);
  }

  get(id: string) {
    return this.deliveries.getWithLog(id);
  }
}
