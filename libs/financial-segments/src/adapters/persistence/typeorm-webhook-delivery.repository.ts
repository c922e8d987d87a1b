import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction, JobQueue } from '@hub/platform';
import {
  type AttemptOutcome,
  type DeliveryStatus,
  type WebhookAttemptView,
  type WebhookDeliveryView,
  type WebhookDeliveryDetailView,
  WebhookDeliveryRepository,
} from '../../application/ports/webhook-delivery.repository';
import { WEBHOOK_QUEUE, type WebhookJobData } from '../jobs/segments-queues';
import { execute } from './sql';

interface DeliveryRow {
  id: string;
  job_id: string;
  url: string;
  event_type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const COLUMNS =
  'id, job_id, url, event_type, body, status, attempts, next_attempt_at, last_status_code, last_error, created_at, completed_at';

const toDelivery = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  jobId: r.job_id,
  url: r.url,
  eventType: r.event_type,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

@Injectable()
export class TypeormWebhookDeliveryRepository extends WebhookDeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {
    super();
  }

  async get(id: string): Promise<WebhookDeliveryView | null> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM seg_webhook_deliveries WHERE id = $1`,
      [id],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async getWithLog(id: string): Promise<WebhookDeliveryDetailView | null> {
    const delivery = await this.get(id);
    if (!delivery) return null;
    const log: {
      attempt: number;
      attempted_at: Date;
      status_code: number | null;
      error: string | null;
      duration_ms: number;
    }[] = await this.dataSource.query(
      `SELECT attempt, attempted_at, status_code, error, duration_ms FROM seg_webhook_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [id],
    );
    return {
      ...delivery,
      log: log.map((a) => ({
        attempt: a.attempt,
        attemptedAt: a.attempted_at,
        statusCode: a.status_code,
        error: a.error,
        durationMs: a.duration_ms,
      })),
    };
  }

  async recordAttempt(id: string, attempt: WebhookAttemptView, outcome: AttemptOutcome): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      const retry = outcome.status === 'RETRY';
      const updated = await execute(
        m,
        `UPDATE seg_webhook_deliveries
         SET attempts = $2, status = $3, last_status_code = $4, last_error = $5,
             next_attempt_at = $6, completed_at = CASE WHEN $3 = 'PENDING' THEN NULL ELSE $7::timestamptz END
         WHERE id = $1 AND status = 'PENDING' AND attempts = $2 - 1`,
        [
          id,
          attempt.attempt,
          retry ? 'PENDING' : outcome.status,
          attempt.statusCode,
          attempt.error,
          retry ? new Date(attempt.attemptedAt.getTime() + outcome.delayMs) : null,
          attempt.attemptedAt,
        ],
      );
      if (updated.affected === 0) return false;
      await execute(
        m,
        `INSERT INTO seg_webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, attempt.attempt, attempt.attemptedAt, attempt.statusCode, attempt.error, attempt.durationMs],
      );
      if (retry) await this.queue.sendIn(m, WEBHOOK_QUEUE, { deliveryId: id }, outcome.delayMs);
      return true;
    });
  }

  async redeliver(id: string): Promise<'QUEUED' | 'PENDING' | null> {
    return inTransaction(this.dataSource, async (m) => {
      const updated = await execute(
        m,
        `UPDATE seg_webhook_deliveries SET status = 'PENDING', next_attempt_at = now(), completed_at = NULL
         WHERE id = $1 AND status <> 'PENDING'`,
        [id],
      );
      if (updated.affected === 0) {
        const { rows } = await execute(m, `SELECT 1 FROM seg_webhook_deliveries WHERE id = $1`, [id]);
        return rows.length === 0 ? null : 'PENDING';
      }
      const data: WebhookJobData = { deliveryId: id, redelivery: true };
      await this.queue.sendIn(m, WEBHOOK_QUEUE, data);
      return 'QUEUED';
    });
  }

  async list(
    status: DeliveryStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: WebhookDeliveryView[]; total: number }> {
    const filter = status ? `WHERE status = $1` : `WHERE $1::text IS NULL`;
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM seg_webhook_deliveries ${filter} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [status ?? null, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM seg_webhook_deliveries ${filter}`,
      [status ?? null],
    );
    return { items: rows.map(toDelivery), total };
  }
}
