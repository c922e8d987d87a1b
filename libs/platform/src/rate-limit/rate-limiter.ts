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

/** Counts one request in the caller's current window (a prepared statement: it runs on every request). */
const TAKE: PreparedStatement = {
  name: 'platform:rate-limit-take',
  text: `INSERT INTO platform_rate_limit_windows AS w (bucket, window_start, count)
       VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = w.count + 1
       RETURNING w.count, ceil(extract(epoch FROM w.window_start + interval '1 minute' - now()))::int AS reset`,
};

/** A window old enough to be removed (the current and the previous one are kept). */
const CLEANUP_EVERY = 500;

/**
 * Fixed one-minute windows counted in PostgreSQL, so the limit holds exactly however many hub
 * instances share the database: each request is one `INSERT ... ON CONFLICT DO UPDATE ...
 * RETURNING` (atomic, one round trip), timed by the database's clock. Callers are hashed, so the
 * table holds no subject or IP address. A limit of 0 turns that budget off (no query at all).
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private calls = 0;

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
    const rows = await preparedQuery<{ count: number; reset: string }>(this.dataSource, TAKE, [bucket]);
    if (++this.calls % CLEANUP_EVERY === 0) this.cleanUp();
    const count = Number(rows[0].count);
    const resetSeconds = Math.max(1, Number(rows[0].reset));
    const over = count > limit;
    if (over) this.metrics?.rateLimitRejections.inc({ budget: kind });
    return { limit, remaining: Math.max(0, limit - count), resetSeconds, over };
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
