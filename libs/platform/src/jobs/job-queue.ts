import { Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { readEnv } from '../config/env-reader';
import { DatabaseServer } from '../database/database-server';
import { pgErrorCode, UNIQUE_VIOLATION } from '../database/transaction';
import { bounded } from '../lifecycle/bounded';
import { markStartup } from '../lifecycle/startup-timing';
import { HubMetrics } from '../metrics/hub-metrics';

/** PostgreSQL's `deadlock_detected`. */
const DEADLOCK_DETECTED = '40P01';
const CREATE_QUEUE_ATTEMPTS = 5;

export type QueueOptions = Omit<PgBoss.Queue, 'name'>;

export interface WorkOptions {
  /** How often an idle worker looks for new jobs. */
  readonly pollingIntervalSeconds?: number;
}

/** The queue's settings (JOB_WORKERS, JOB_MAINTENANCE_INTERVAL_SECONDS), read once from the environment. */
export interface JobQueueSettings {
  /** Whether this instance runs workers, cron schedules and queue maintenance. */
  readonly workersEnabled: boolean;
  /** How often expired jobs are looked for (and retried by a live instance). */
  readonly maintenanceIntervalSeconds: number;
}

export function jobQueueSettings(env: Readonly<Record<string, string | undefined>>): JobQueueSettings {
  const read = readEnv(env);
  return {
    workersEnabled: read.boolean('JOB_WORKERS', true),
    maintenanceIntervalSeconds: read.integer('JOB_MAINTENANCE_INTERVAL_SECONDS', 60, 1, 3600),
  };
}

/**
 * The hub's one durable job queue: pg-boss in the same PostgreSQL database (its own `pgboss`
 * schema), shared by every module and every hub instance. Jobs are fetched with SKIP LOCKED, so each
 * runs once at a time; a cron schedule sends one job per tick whatever the number of instances.
 * Modules create their queues and register their workers at start-up; jobs are enqueued through
 * the caller's transaction (`sendIn`), so a job exists exactly when the business write that needs
 * it committed.
 */
/** How a stop went: the jobs it cut off are failed in pg-boss, which retries them later. */
export interface JobQueueStopResult {
  /** Queue name of each job still running when the wait for active jobs ran out. */
  readonly cutOff: readonly string[];
  /** False when pg-boss did not finish stopping within the budget (e.g. a dead connection). */
  readonly stopped: boolean;
}

/**
 * The hub's one durable job queue: pg-boss in the same PostgreSQL database (its own `pgboss`
 * schema), shared by every module and every hub instance. Jobs are fetched with SKIP LOCKED, so each
 * runs once at a time; a cron schedule sends one job per tick whatever the number of instances.
 * Modules create their queues and register their workers at start-up; jobs are enqueued through
 * the caller's transaction (`sendIn`), so a job exists exactly when the business write that needs
 * it committed.
 *
 * Stopping is bounded: workers stop fetching, active jobs get a bounded wait, and a job still
 * running then is failed in pg-boss, so that it is retried later (by this or another instance; if
 * even that write cannot reach the database, the job expires and is retried all the same).
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly settings: JobQueueSettings;
  private starting: Promise<void> | null = null;
  private startedOk = false;
  private stopping: Promise<JobQueueStopResult> | null = null;
  /** Job id -> queue name, for every job a handler of this instance is running. */
  private readonly active = new Map<string, string>();

  constructor(
    server: DatabaseServer,
    config: AppConfig,
    @Optional() private readonly metrics?: HubMetrics,
  ) {
    this.settings = jobQueueSettings(config.env);
    this.boss = new PgBoss({
      connectionString: server.url,
      schema: 'pgboss',
      application_name: 'bank-customer-data-hub-jobs',
      max: 4,
      schedule: this.settings.workersEnabled,
      supervise: this.settings.workersEnabled,
      maintenanceIntervalSeconds: this.settings.maintenanceIntervalSeconds,
    });
    // pg-boss reports background errors as events; an unhandled 'error' event would crash the
    // process. While stopping, connections ending is expected: not an error.
    this.boss.on('error', (error) => {
      if (this.stopping) this.logger.debug(`job queue (stopping): ${error.message}`);
      else if (isConnectionLoss(error))
        this.logger.warn(`job queue: database connection lost (${error.message})`);
      else this.logger.error(`job queue: ${error.message}`);
    });
  }

  /** Started and not stopping (readiness reads it). */
  get running(): boolean {
    return this.startedOk && !this.stopping;
  }

  get workersEnabled(): boolean {
    return this.settings.workersEnabled;
  }

  /** Queue names of the jobs this instance is running now. */
  get activeJobs(): readonly string[] {
    return [...this.active.values()];
  }

  async onModuleInit(): Promise<void> {
    await this.started();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /**
   * Stops within `budgetMs`: active jobs get most of it to finish; what still runs then is cut off
   * (failed in pg-boss, retried later). Never hangs on a dead connection. Idempotent.
   */
  stop(budgetMs = 10_000): Promise<JobQueueStopResult> {
    this.stopping ??= this.stopBounded(budgetMs);
    return this.stopping;
  }

  private async stopBounded(budgetMs: number): Promise<JobQueueStopResult> {
    if (!this.starting) return { cutOff: [], stopped: true };
    const began = Date.now();
    // Most of the budget waits for active jobs; the rest fails the cut-off ones and closes the pool.
    const waitForJobs = Math.max(1000, budgetMs - Math.min(2000, budgetMs / 4));
    let cutOff: string[] = [];
    let jobsWaited = false;
    const watch = setTimeout(() => {
      jobsWaited = true;
      cutOff = this.activeJobs.slice();
    }, waitForJobs);
    watch.unref();
    const stopped = await bounded(
      (async () => {
        await this.starting?.catch(() => undefined);
        await this.boss.stop({ graceful: true, wait: true, close: true, timeout: waitForJobs });
      })(),
      Math.max(budgetMs, 1000),
    );
    clearTimeout(watch);
    if (!jobsWaited) cutOff = [];
    const ms = Date.now() - began;
    if (cutOff.length > 0) {
      this.logger.log(
        `job queue: stopped in ${ms} ms; ${cutOff.length} running job(s) cut off after ${waitForJobs} ms (${describe(cutOff)}), to be retried`,
      );
    } else if (stopped === 'done') {
      this.logger.log(`job queue: stopped in ${ms} ms`);
    } else if (stopped === 'failed') {
      this.logger.log(`job queue: stopped in ${ms} ms without closing cleanly (database unreachable)`);
    }
    return { cutOff, stopped: stopped !== 'timeout' };
  }

  /**
   * Creates a queue (or keeps the existing one). Instances starting together on one database create
   * the same queues at once, and PostgreSQL may then abort one of them as a deadlock (or a
   * duplicate): that instance tries again, and finds the queue made.
   */
  async createQueue(name: string, options: QueueOptions = {}): Promise<void> {
    await this.started();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name, { ...options, name });
        return;
      } catch (error) {
        const code = pgErrorCode(error);
        if (attempt >= CREATE_QUEUE_ATTEMPTS || (code !== DEADLOCK_DETECTED && code !== UNIQUE_VIOLATION))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
      }
    }
  }

  /** Runs `handler` for each job of `queue` on this instance, unless JOB_WORKERS=false. */
  async work<T extends object>(
    queue: string,
    options: WorkOptions,
    handler: (job: PgBoss.Job<T>) => Promise<void>,
  ): Promise<void> {
    if (!this.settings.workersEnabled || this.stopping) return;
    await this.started();
    const work = {
      batchSize: 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      includeMetadata: true as const,
    };
    await this.boss.work<T>(queue, work, async ([job]) => {
      this.active.set(job.id, queue);
      if (job.retryCount > 0) this.metrics?.jobRetries.inc({ queue });
      try {
        await handler(job);
      } catch (error) {
        this.metrics?.jobFailures.inc({ queue });
        throw error;
      } finally {
        this.active.delete(job.id);
      }
    });
  }

  /** Sends `queue` a job on every tick of `cron` (UTC), once across all instances. */
  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.started();
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  async unschedule(queue: string): Promise<void> {
    await this.started();
    await this.boss.unschedule(queue);
  }

  /** Enqueues now (outside any business transaction). */
  async send(queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    await this.started();
    return this.boss.send(queue, data, options);
  }

  /** Enqueues in the transaction of `manager`: the job exists only if that transaction commits. */
  async sendIn(manager: EntityManager, queue: string, data: object, startAfterMs = 0): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('sendIn needs a transactional EntityManager');
    await this.started();
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await runner.query(text, values, true)).records,
      }),
    };
    const options: PgBoss.SendOptions = { db };
    if (startAfterMs > 0) options.startAfter = new Date(Date.now() + startAfterMs);
    await this.boss.send(queue, data, options);
  }

  private started(): Promise<void> {
    this.starting ??= this.boss.start().then(() => {
      this.startedOk = true;
      markStartup('job queue');
    });
    return this.starting;
  }
}

/**
 * The database went away (stopped, crashed, unreachable): pg-boss reconnects by itself once it is
 * back, so this is a warning, not an error of the queue.
 */
function isConnectionLoss(error: Error): boolean {
  const code = (error as Error & { code?: string }).code ?? '';
  return (
    /^(57P0[1-3]|08\d{3})$/.test(code) || // admin/crash shutdown, cannot connect now, connection exceptions
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    /Connection terminated|connection timeout/i.test(error.message)
  );
}

/** "segments-webhook ×2, segments-synchronize ×1" */
function describe(queues: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const q of queues) counts.set(q, (counts.get(q) ?? 0) + 1);
  return [...counts].map(([q, n]) => `${q} ×${n}`).join(', ');
}
