import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { DatabaseServer } from '@hub/platform';
import { SegmentsConfig } from '../../application/segments-config';

export const SYNCHRONIZE_QUEUE = 'seg-synchronize';
export const WEBHOOK_QUEUE = 'seg-webhook-delivery';

export interface SynchronizeJobData {
  readonly jobId: string;
}

export interface WebhookJobData {
  readonly deliveryId: string;
}

/**
 * The durable job queue: pg-boss 10 in the same PostgreSQL database (its own `pgboss` schema),
 * shared by every hub instance (jobs are fetched with SKIP LOCKED, so each runs once at a time).
 * Jobs are enqueued through the caller's transaction (`sendIn`), so a job exists exactly when the
 * business write that needs it committed. A job whose instance died is expired after
 * SEGMENTS_JOB_EXPIRE_SECONDS and retried by whichever instance is alive.
 */
@Injectable()
export class SegmentsJobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SegmentsJobQueue');
  readonly boss: PgBoss;

  constructor(
    server: DatabaseServer,
    private readonly config: SegmentsConfig,
  ) {
    this.boss = new PgBoss({
      connectionString: server.url,
      schema: 'pgboss',
      application_name: 'bank-customer-data-hub-jobs',
      max: 4,
      schedule: false,
      supervise: config.workersEnabled,
      maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.floor(config.jobExpireSeconds / 2))),
    });
    // pg-boss reports background errors as events; an unhandled 'error' event would crash the process.
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    const common = { expireInSeconds: this.config.jobExpireSeconds, retentionMinutes: 7 * 24 * 60 };
    await this.boss.createQueue(SYNCHRONIZE_QUEUE, {
      name: SYNCHRONIZE_QUEUE,
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      ...common,
    });
    // Webhook retries are scheduled by the delivery itself (its own backoff and log); the queue's
    // retry only covers an attempt whose instance died.
    await this.boss.createQueue(WEBHOOK_QUEUE, {
      name: WEBHOOK_QUEUE,
      retryLimit: 3,
      retryDelay: 1,
      ...common,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Enqueues in the transaction of `manager`: the job exists only if that transaction commits. */
  async sendIn(manager: EntityManager, queue: string, data: object, startAfterMs = 0): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('sendIn needs a transactional EntityManager');
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await runner.query(text, values, true)).records,
      }),
    };
    const options: PgBoss.SendOptions = { db };
    if (startAfterMs > 0) options.startAfter = new Date(Date.now() + startAfterMs);
    await this.boss.send(queue, data, options);
  }
}
