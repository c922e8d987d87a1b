import {
  type AttemptOutcome,
  type DeliveryStatus,
  type WebhookAttemptView,
  type WebhookDeliveryView,
  type WebhookDeliveryDetailView,
  WebhookDeliveryRepository,
} from '../application/ports/webhook-delivery.repository';

/** Deliveries in a map; scheduled attempts collected in `scheduled` instead of a job queue. */
export class InMemoryWebhookDeliveryRepository extends WebhookDeliveryRepository {
  readonly rows = new Map<string, WebhookDeliveryDetailView>();
  readonly scheduled: { deliveryId: string; delayMs: number; redelivery?: boolean }[] = [];

  add(delivery: Partial<WebhookDeliveryView> & Pick<WebhookDeliveryView, 'id' | 'url' | 'body'>): void {
    this.rows.set(delivery.id, {
      jobId: 'job-1',
      eventType: 'SYNCHRONIZATION_COMPLETED',
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      createdAt: new Date(),
      completedAt: null,
      ...delivery,
      log: [],
    });
  }

  async get(id: string): Promise<WebhookDeliveryView | null> {
    return this.rows.get(id) ?? null;
  }

  async getWithLog(id: string): Promise<WebhookDeliveryDetailView | null> {
    return this.rows.get(id) ?? null;
  }

  async recordAttempt(id: string, attempt: WebhookAttemptView, outcome: AttemptOutcome): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.status !== 'PENDING' || row.attempts !== attempt.attempt - 1) return false;
    const done = outcome.status !== 'RETRY';
    this.rows.set(id, {
      ...row,
      attempts: attempt.attempt,
      status: outcome.status === 'RETRY' ? 'PENDING' : outcome.status,
      lastStatusCode: attempt.statusCode,
      lastError: attempt.error,
      nextAttemptAt:
        outcome.status === 'RETRY' ? new Date(attempt.attemptedAt.getTime() + outcome.delayMs) : null,
      completedAt: done ? attempt.attemptedAt : null,
      log: [...row.log, attempt],
    });
    if (outcome.status === 'RETRY') this.scheduled.push({ deliveryId: id, delayMs: outcome.delayMs });
    return true;
  }

  async redeliver(id: string): Promise<'QUEUED' | 'PENDING' | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    if (row.status === 'PENDING') return 'PENDING';
    this.rows.set(id, { ...row, status: 'PENDING', completedAt: null });
    this.scheduled.push({ deliveryId: id, delayMs: 0, redelivery: true });
    return 'QUEUED';
  }

  async list(status: DeliveryStatus | undefined, page: number, pageSize: number) {
    const all = [...this.rows.values()].filter((r) => status === undefined || r.status === status);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  }
}
