import { DataSource } from 'typeorm';
import { cloneTemplateDatabase } from '@hub/test-database';
import type { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { RateLimiter } from './rate-limiter';

/** Only the limits are read. */
const config = (perMinute: number) =>
  ({
    security: { rateLimitPerMinute: perMinute, lookupRateLimitPerMinute: perMinute },
  }) as unknown as AppConfig;

describe('RateLimiter (real PostgreSQL, two data sources as two instances)', () => {
  it('counts a burst of one caller in batches and still admits exactly the limit, in arrival order', async () => {
    const db = await cloneTemplateDatabase();
    const instances = await Promise.all(
      [1, 2].map(() => new DataSource(buildDataSourceOptions(db.url, { poolSize: 4 })).initialize()),
    );
    try {
      const limiters = instances.map((ds) => new RateLimiter(config(100), ds));
      const statements = instances.map((ds) => jest.spyOn(ds.logger, 'logQuery'));
      // Aligned to the start of a minute's second half, so the burst stays in one window.
      const second = new Date().getUTCSeconds();
      if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
      const burst = await Promise.all(
        Array.from({ length: 300 }, (_, i) => limiters[i % 2].take('general', 'gateway')),
      );
      const admitted = burst.filter((state) => state && !state.over);
      expect(admitted).toHaveLength(100);
      // Every request has its own place: the remaining budgets count down 99..0 across both instances.
      const remaining = admitted.map((state) => state!.remaining).sort((a, b) => b - a);
      expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
      // On each instance, requests admitted first were the ones that arrived first.
      for (const k of [0, 1]) {
        const mine = burst.filter((_, i) => i % 2 === k).map((state) => (state!.over ? 1 : 0));
        expect(mine.join('')).toMatch(/^0*1*$/);
      }
      const [{ count }] = await instances[0].query(
        `SELECT sum(count)::int AS count FROM platform_rate_limit_windows`,
      );
      expect(count).toBe(300);
      // Batched: far fewer statements than requests (one in flight per bucket and instance).
      const sent = statements.reduce((n, spy) => n + spy.mock.calls.length, 0);
      expect(sent).toBeLessThan(300);
    } finally {
      await Promise.all(instances.map((ds) => ds.destroy()));
      await db.drop();
    }
  });

  it('a failed statement fails every request of its batch, and the next request counts again', async () => {
    const db = await cloneTemplateDatabase();
    const ds = await new DataSource(buildDataSourceOptions(db.url, { poolSize: 2 })).initialize();
    try {
      const limiter = new RateLimiter(config(10), ds);
      await ds.query(`ALTER TABLE platform_rate_limit_windows RENAME TO rate_limit_away`);
      const failed = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.take('general', 'c')));
      expect(failed.every((r) => r.status === 'rejected')).toBe(true);
      await ds.query(`ALTER TABLE rate_limit_away RENAME TO platform_rate_limit_windows`);
      const state = await limiter.take('general', 'c');
      expect(state).toMatchObject({ limit: 10, remaining: 9, over: false });
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
