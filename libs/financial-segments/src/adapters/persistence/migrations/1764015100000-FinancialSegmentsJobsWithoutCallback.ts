import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments: a synchronize job may have no callback (the demo data's jobs, run by the
 * hub for itself); the API still requires one.
 */
export class FinancialSegmentsJobsWithoutCallback1764015100000 implements MigrationInterface {
  name = 'FinancialSegmentsJobsWithoutCallback1764015100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seg_sync_jobs ALTER COLUMN callback_url DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM seg_sync_jobs WHERE callback_url IS NULL`);
    await q.query(`ALTER TABLE seg_sync_jobs ALTER COLUMN callback_url SET NOT NULL`);
  }
}
