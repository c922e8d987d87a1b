import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { HubMetrics } from './hub-metrics';

/** The part of a pg Pool the gauges read. */
interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** How long a scrape waits for the queue-depth query (a scrape must not hang on a slow database). */
const QUEUE_QUERY_TIMEOUT_MS = 2000;

/**
 * Gauges read when Prometheus scrapes: the database pool (size, idle, waiting clients) of the
 * primary and of each replica, if any, and the job queue's depth, running and failed jobs per
 * queue from pg-boss's own table (so they hold across every instance sharing the database).
 */
@Injectable()
export class MetricsCollectors {
  private readonly logger = new Logger('Metrics');

  constructor(
    metrics: HubMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const pools = () => this.pools();
    const poolGauge = (name: string, help: string, read: (p: PoolCounts) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'] as const,
        registers: [metrics.registry],
        collect() {
          this.reset();
          for (const [pool, counts] of pools()) this.set({ pool }, read(counts));
        },
      });
    poolGauge('hub_db_pool_size', 'Connections open in the database pool', (p) => p.totalCount);
    poolGauge('hub_db_pool_idle', 'Idle connections in the database pool', (p) => p.idleCount);
    poolGauge('hub_db_pool_waiting', 'Queries waiting for a free connection', (p) => p.waitingCount);

    const jobs = () => this.jobCounts();
    const queueGauge = (name: string, help: string, states: readonly string[]) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'] as const,
        registers: [metrics.registry],
        async collect() {
          const counts = await jobs();
          this.reset();
          for (const [queue, byState] of counts) {
            this.set(
              { queue },
              states.reduce((sum, s) => sum + (byState.get(s) ?? 0), 0),
            );
          }
        },
      });
    queueGauge('hub_job_queue_depth', 'Jobs waiting to run (created or waiting for a retry), by queue', [
      'created',
      'retry',
    ]);
    queueGauge('hub_job_queue_active', 'Jobs running now on any instance, by queue', ['active']);
    queueGauge('hub_job_queue_retrying', 'Jobs waiting for a retry after a failure, by queue', ['retry']);
    queueGauge('hub_job_queue_failed', 'Jobs failed for good and still kept by pg-boss, by queue', [
      'failed',
    ]);
  }

  private pools(): Array<[string, PoolCounts]> {
    const driver = this.dataSource.driver as unknown as { master?: PoolCounts; slaves?: PoolCounts[] };
    const out: Array<[string, PoolCounts]> = [];
    if (driver.master) out.push(['primary', driver.master]);
    (driver.slaves ?? []).forEach((pool, i) => out.push([`replica${i + 1}`, pool]));
    return out;
  }

  /**
   * Per queue and state, one query shared by the four gauges of a scrape (they collect at once).
   * Empty when the database does not answer in time: the scrape still answers, without those series.
   */
  private pending: Promise<Map<string, Map<string, number>>> | null = null;

  private jobCounts(): Promise<Map<string, Map<string, number>>> {
    this.pending ??= this.queryJobCounts().finally(() => setImmediate(() => (this.pending = null)));
    return this.pending;
  }

  private async queryJobCounts(): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    try {
      const rows: Array<{ name: string; state: string; n: number }> = await Promise.race([
        this.dataSource.query(
          `SELECT q.name, j.state::text AS state, count(j.id)::int AS n
             FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name
                  AND j.state IN ('created', 'retry', 'active', 'failed')
            GROUP BY q.name, j.state`,
        ),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), QUEUE_QUERY_TIMEOUT_MS).unref(),
        ),
      ]);
      for (const row of rows) {
        const byState = out.get(row.name) ?? new Map<string, number>();
        if (row.state) byState.set(row.state, Number(row.n));
        out.set(row.name, byState);
      }
    } catch (error) {
      this.logger.debug(`queue depth not read: ${(error as Error).message}`);
    }
    return out;
  }
}
