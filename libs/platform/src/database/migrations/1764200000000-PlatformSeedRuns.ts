import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformSeedRuns1764200000000 implements MigrationInterface {
  name = 'PlatformSeedRuns1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per demo-data seeder that has run (seedOnce): several instances starting together on
    // an empty database seed once.
    await q.query(`
      CREATE TABLE platform_seed_runs (
        name text NOT NULL,
        seeded_by text NOT NULL,
        loaded boolean NOT NULL,
        seeded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_platform_seed_runs" PRIMARY KEY (name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_seed_runs`);
  }
}
