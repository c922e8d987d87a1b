import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { domainError } from '@hub/shared-kernel';
import { DataSource } from 'typeorm';
import { PlatformErrors } from '../errors/platform.errors';
import { JobQueue } from '../jobs/job-queue';
import { ShutdownState } from '../lifecycle/shutdown-state';

/** How long readiness waits for each check of the database. */
const CHECK_TIMEOUT_MS = 3000;

export type ReadinessCheck = 'database' | 'migrations' | 'jobQueue';

export const shuttingDown = () => domainError(PlatformErrors.SHUTTING_DOWN);

/**
 * Readiness, through @nestjs/terminus: the database answers, every migration of this build is
 * applied, and the job queue has started (and is not stopping). A draining instance is never ready.
 * Not ready: 503 `NOT_READY` in the one error shape, one detail per failing check.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<Record<ReadinessCheck, 'up'>> {
    if (this.shutdown.draining) throw shuttingDown();
    try {
      await this.health.check([
        () => this.typeorm.pingCheck('database', { connection: this.dataSource, timeout: CHECK_TIMEOUT_MS }),
        () => this.migrations(),
        () => this.jobQueue(),
      ]);
    } catch (error) {
      const result = (error as { response?: { error?: Record<string, { message?: string }> } }).response;
      const failing = Object.entries(result?.error ?? {}).map(([check, value]) => ({
        field: check,
        message: value.message ?? 'down',
      }));
      throw domainError(PlatformErrors.NOT_READY, failing);
    }
    if (this.shutdown.draining) throw shuttingDown();
    return { database: 'up', migrations: 'up', jobQueue: 'up' };
  }

  private async migrations() {
    const session = this.indicators.check('migrations');
    try {
      const pending = await withTimeout(this.dataSource.showMigrations(), CHECK_TIMEOUT_MS);
      return pending ? session.down('migrations pending') : session.up();
    } catch {
      return session.down('migration table not readable');
    }
  }

  private jobQueue() {
    const session = this.indicators.check('jobQueue');
    return this.queue.running ? session.up() : session.down('job queue not started');
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
