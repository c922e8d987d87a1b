import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@hub/platform';
import { CardExportConfig } from '../../application/card-export-config';
import { CardExportFilesService } from '../../application/card-export-files.service';

export const CARD_EXPORT_QUEUE = 'card-registry-daily-export';

/**
 * The daily export job. With CARD_EXPORT_CRON set, pg-boss sends one job per tick across all
 * instances; whichever instance takes it writes every missing file (CardExportFilesService). With
 * CARD_EXPORT_DIR set, the instance works the queue (so a job sent by hand runs too).
 */
@Injectable()
export class CardExportJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('CardExportJob');

  constructor(
    private readonly queue: JobQueue,
    private readonly config: CardExportConfig,
    private readonly files: CardExportFilesService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.directory === null) return;
    // A run whose instance died is expired after an hour and retried; a rerun writes only what is still missing.
    await this.queue.createQueue(CARD_EXPORT_QUEUE, { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.directory === null) return;
    if (this.config.cron !== null) await this.queue.schedule(CARD_EXPORT_QUEUE, this.config.cron);
    await this.queue.work(CARD_EXPORT_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
      const written = await this.files.writeDueFiles();
      this.logger.log(`daily export: ${written.length} file(s) written`);
    });
  }
}
