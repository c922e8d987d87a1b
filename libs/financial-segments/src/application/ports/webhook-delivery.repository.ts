export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookAttemptView {
  readonly attempt: number;
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookDeliveryView {
  /** Also the `webhook-id` header, the same on every attempt. */
  readonly id: string;
  readonly jobId: string;
  readonly url: string;
  readonly eventType: string;
  /** The exact body sent (and signed) on every attempt. */
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export interface WebhookDeliveryDetailView extends WebhookDeliveryView {
  readonly log: WebhookAttemptView[];
}

export type AttemptOutcome =
  | { readonly status: 'DELIVERED' }
  | { readonly status: 'RETRY'; readonly delayMs: number }
  | { readonly status: 'FAILED' };

export abstract class WebhookDeliveryRepository {
  abstract get(id: string): Promise<WebhookDeliveryView | null>;
  abstract getWithLog(id: string): Promise<WebhookDeliveryDetailView | null>;
  /**
   * Logs the attempt and moves the delivery on, in one transaction: DELIVERED, FAILED (given up)
   * or still PENDING with the next attempt scheduled on the job queue after `delayMs`. Only a
   * PENDING delivery whose attempt count is still `attempt.attempt - 1` moves: false otherwise
   * (another worker got there first).
   */
  abstract recordAttempt(id: string, attempt: WebhookAttemptView, outcome: AttemptOutcome): Promise<boolean>;
  /**
   * A FAILED or DELIVERED delivery back to PENDING with one new attempt queued (the same id, so
   * the same `webhook-id`), in one transaction. 'PENDING' when it is still being delivered (no
   * change), null when unknown.
   */
  abstract redeliver(id: string): Promise<'QUEUED' | 'PENDING' | null>;
  abstract list(
    status: DeliveryStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: WebhookDeliveryView[]; total: number }>;
}
