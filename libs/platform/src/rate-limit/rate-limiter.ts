import { createHash } from 'node:crypto';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { domainError, type TooManyRequestsError } from '@hub/shared-kernel';
import { AppConfig } from '../config/app-config';
import { preparedQuery, type PreparedStatement } from '../database/prepared-query';
import { HubMetrics } from '../metrics/hub-metrics';
import { PlatformErrors } from '../errors/platform.errors';

/** Which budget a request draws from. */
export type RateLimitKind = 'general' | 'lookup';

/**
 * Routes that draw from the stricter lookup budget (LOOKUP_RATE_LIMIT_PER_MINUTE) instead of the
 * general one: the customer lookup by legal ID or mobile, the one an enumeration would use.
 */
export const LOOKUP_ROUTES: ReadonlySet<string> = new Set(['POST /api/v1/customer-summary']);

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window ends and the budget is full again. */
  readonly resetSeconds: number;
}

export function rateLimited(retryAfterSeconds: number, limit: number): TooManyRequestsError {
  return domainError(PlatformErrors.RATE_LIMITED, [{ limitPerMinute: limit, retryAfterSeconds }], {
    retryAfterSeconds,
  });
}

/**
 * Counts `$2` requests in the caller's current window and returns the count after them (a prepared
 * statement: it runs for every request, or every batch of them).
 */
const TAKE: PreparedStatement = {
  name: 'platform:rate-limit-take-n',
  text: `INSERT INTO platform_rate_limit_windows AS w (bucket, window_start, count)
       VALUES ($1, date_trunc('minute', now()), $2::int)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = w.count + EXCLUDED.count
       RETURNING w.count, ceil(extract(epoch FROM w.window_start + interval '1 minute' - now()))::int AS reset`,
};

/** One request waiting for its place in the window: its count (1-based) and the seconds left. */
interface Waiter {
  resolve(place: { count: number; reset: number }): void;
  reject(error: unknown): void;
}

/** The requests of one bucket on this instance: at most one statement in flight, the rest queued. */
interface Lane {
  busy: boolean;
  waiting: Waiter[];
}

/** A window old enough to be removed (the current and the previous one are kept). */
const CLEANUP_EVERY = 500;

/**
 * Fixed one-minute windows counted in PostgreSQL, so the limit holds exactly however many hub
 * instances share the database: one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` (atomic, one
 * round trip) adds requests to the caller's row, timed by the database's clock. Callers are hashed,
 * so the table holds no subject or IP address. A limit of 0 turns that budget off (no query at all).
 *
 * One caller's row is one hot row (a bank's API gateway is often a single principal). So that its
 * requests do not queue on that row's lock one by one, each instance keeps at most one statement in
 * flight per bucket: the requests that arrive meanwhile wait, and the next statement counts them all
 * at once (`count + n`), each taking its place in arrival order (`count - n + 1` ... `count`). That is
 * exactly what n single increments would give, so the limit stays exact; the row sees at most one
 * updater per instance.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private calls = 0;
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: HubMetrics,
  ) {}

  limitOf(kind: RateLimitKind): number {
    return kind === 'lookup'
      ? this.config.security.lookupRateLimitPerMinute
      : this.config.security.rateLimitPerMinute;
  }

  /**
   * Counts one request of `caller` against the `kind` budget. Null when that budget is off;
   * else the state after counting (remaining 0 and over the limit: the caller refuses it).
   */
  async take(kind: RateLimitKind, caller: string): Promise<(RateLimitState & { over: boolean }) | null> {
    const limit = this.limitOf(kind);
    if (limit === 0) return null;
    const bucket = createHash('sha256').update(`${kind}\u0000${caller}`).digest('base64url').slice(0, 32);
    const place = await this.place(bucket);
    if (++this.calls % CLEANUP_EVERY === 0) this.cleanUp();
    const count = place.count;
    const resetSeconds = Math.max(1, place.reset);
    const over = count > limit;
    if (over) this.metrics?.rateLimitRejections.inc({ budget: kind });
    return { limit, remaining: Math.max(0, limit - count), resetSeconds, over };
  }

  /** This request's place in its bucket's window, counted with whatever else waits on this instance. */
  private place(bucket: string): Promise<{ count: number; reset: number }> {
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(bucket);
      if (!lane) {
        lane = { busy: false, waiting: [] };
        this.lanes.set(bucket, lane);
      }
      lane.waiting.push({ resolve, reject });
      if (!lane.busy) void this.drain(bucket, lane);
    });
  }

  /** Counts the lane's waiting requests, one statement per batch, until none is left. */
  private async drain(bucket: string, lane: Lane): Promise<void> {
    lane.busy = true;
    while (lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, lane.waiting.length);
      try {
        const rows = await preparedQuery<{ count: number; reset: string }>(this.dataSource, TAKE, [
          bucket,
          batch.length,
        ]);
        const last = Number(rows[0].count);
        const reset = Number(rows[0].reset);
        batch.forEach((waiter, i) => waiter.resolve({ count: last - batch.length + 1 + i, reset }));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    lane.busy = false;
    this.lanes.delete(bucket);
  }

  private cleanUp(): void {
    this.dataSource
      .query(
        `DELETE FROM platform_rate_limit_windows WHERE window_start < date_trunc('minute', now()) - interval '1 minute'`,
      )
      .catch((error: unknown) =>
        this.logger.warn({ errorType: (error as Error)?.name }, 'rate-limit clean-up failed'),
      );
  }
}
