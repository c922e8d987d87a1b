import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformRateLimits1764090900000 implements MigrationInterface {
  name = 'PlatformRateLimits1764090900000';

  async up(q: QueryRunner): Promise<void> {
    // UNLOGGED: a counter needs no WAL (each request's upsert would otherwise wait for a flush);
    // after a server crash the windows start empty, which only forgives a minute of traffic.
    await q.query(`
      CREATE UNLOGGED TABLE platform_rate_limit_windows (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL,
        CONSTRAINT "PK_platform_rate_limit_windows" PRIMARY KEY (bucket, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_rate_limit_windows`);
  }
}
