import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@hub/platform';
import { SegmentsConfig } from '../../application/segments-config';
import { SynchronizationService } from '../../application/synchronization.service';
import { WebhookDeliveryService } from '../../application/webhook-delivery.service';
import {
  SYNCHRONIZE_QUEUE,
  WEBHOOK_QUEUE,
  type SynchronizeJobData,
  type WebhookJobData,
} from './segments-queues';

/**
 * Creates the module's queues and runs its jobs on this instance (unless SEGMENTS_WORKERS=false or
 * JOB_WORKERS=false). A job whose instance died is expired after SEGMENTS_JOB_EXPIRE_SECONDS and
 * retried by whichever instance is alive.
 */
@Injectable()
export class SegmentsJobWorkers implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('SegmentsJobWorkers');

  constructor(
    private readonly queue: JobQueue,
    private readonly config: SegmentsConfig,
    private readonly synchronization: SynchronizationService,
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  async onModuleInit(): Promise<void> {
    const common = { expireInSeconds: this.config.jobExpireSeconds, retentionMinutes: 7 * 24 * 60 };
    await this.queue.createQueue(SYNCHRONIZE_QUEUE, {
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      ...common,
    });
    // Webhook retries are scheduled by the delivery itself (its own backoff and log); the queue's
    // retry only covers an attempt whose instance died.
    await this.queue.createQueue(WEBHOOK_QUEUE, { retryLimit: 3, retryDelay: 1, ...common });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.webhookSecretGenerated) {
      this.logger.warn(
        'WEBHOOK_SECRET is not set: callbacks are signed with a random key made up at start-up',
      );
    }
    if (!this.config.workersEnabled) return;
    const options = { pollingIntervalSeconds: this.config.pollingIntervalSeconds };
    await this.queue.work<SynchronizeJobData>(SYNCHRONIZE_QUEUE, options, async (job) => {
      const outcome = await this.synchronization.run(job.data.jobId);
      this.logger.log(`synchronize job ${job.data.jobId}: ${outcome}`);
    });
    await this.queue.work<WebhookJobData>(WEBHOOK_QUEUE, options, async (job) => {
      const status = await this.webhooks.attempt(job.data.deliveryId, {
        singleAttempt: job.data.redelivery === true,
      });
      this.logger.log(`webhook ${job.data.deliveryId}: ${status}`);
    });
  }
}
