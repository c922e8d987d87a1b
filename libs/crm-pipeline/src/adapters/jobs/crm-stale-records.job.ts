import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@hub/platform';
import { CrmConfig } from '../../application/crm-config';
import { CrmCommandsService } from '../../application/crm-commands.service';

/** The pg-boss queue of the daily stale-record job. */
export const STALE_RECORDS_QUEUE = 'crm-stale-records';

/**
 * Schedules the daily stale-record job (CRM_STALE_CRON, UTC; pg-boss sends one job per tick
 * whatever the number of instances, and the queue's singleton policy lets only one run at a time)
 * and runs it on this instance's worker. CRM_STALE_AFTER_DAYS=0 removes the schedule.
 */
@Injectable()
export class CrmStaleRecordsJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('CrmStaleRecordsJob');

  constructor(
    private readonly queue: JobQueue,
    private readonly config: CrmConfig,
    private readonly crm: CrmCommandsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.createQueue(STALE_RECORDS_QUEUE, {
      policy: 'singleton',
      retryLimit: 3,
      retryDelay: 300,
      expireInSeconds: 3600,
      retentionMinutes: 30 * 24 * 60,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.staleAfterDays === 0) {
      await this.queue.unschedule(STALE_RECORDS_QUEUE);
      return;
    }
    await this.queue.schedule(STALE_RECORDS_QUEUE, this.config.staleCron);
    await this.queue.work(STALE_RECORDS_QUEUE, {}, async () => {
      const closed = await this.crm.closeStaleRecords();
      this.logger.log(
        `stale records closed EXPIRED: ${closed.leads} leads, ${closed.opportunities} opportunities`,
      );
    });
  }
}
