import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SegmentsConfig } from '../../application/segments-config';
import { SynchronizationService } from '../../application/synchronization.service';
import { WebhookDeliveryService } from '../../application/webhook-delivery.service';
import {
  SegmentsJobQueue,
  SYNCHRONIZE_QUEUE,
  WEBHOOK_QUEUE,
  type SynchronizeJobData,
  type WebhookJobData,
} from './segments-job-queue';

/** Runs the module's jobs on this instance (unless SEGMENTS_WORKERS=false). */
@Injectable()
export class SegmentsJobWorkers implements OnApplicationBootstrap {
  private readonly logger = new Logger('SegmentsJobWorkers');

  constructor(
    private readonly queue: SegmentsJobQueue,
    private readonly config: SegmentsConfig,
    private readonly synchronization: SynchronizationService,
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.webhookSecretGenerated) {
      this.logger.warn(
        'WEBHOOK_SECRET is not set: callbacks are signed with a random key made up at start-up',
      );
    }
    if (!this.config.workersEnabled) return;
    const options = { pollingIntervalSeconds: this.config.pollingIntervalSeconds, batchSize: 1 };
    await this.queue.boss.work<SynchronizeJobData>(SYNCHRONIZE_QUEUE, options, async ([job]) => {
      const outcome = await this.synchronization.run(job.data.jobId);
      this.logger.log(`synchronize job ${job.data.jobId}: ${outcome}`);
    });
    await this.queue.boss.work<WebhookJobData>(WEBHOOK_QUEUE, options, async ([job]) => {
      const status = await this.webhooks.attempt(job.data.deliveryId);
      this.logger.log(`webhook ${job.data.deliveryId}: ${status}`);
    });
  }
}
