import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments: the import web form of a process. A process waits for its user until it
 * is completed (the import confirmed), aborted, or expired; it keeps the page's redirect URL and
 * language, the callback URL of its `process.completed` webhook, and the consent the user gave
 * (text version, time, scope). `used_at` marks the single use of the process token.
 */
export class FinancialSegmentsWebForm1764015415000 implements MigrationInterface {
  name = 'FinancialSegmentsWebForm1764015415000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE seg_processes
        ADD COLUMN status text NOT NULL DEFAULT 'WAITING_FOR_USER',
        ADD COLUMN redirect_url text,
        ADD COLUMN callback_url text,
        ADD COLUMN language text NOT NULL DEFAULT 'vi',
        ADD COLUMN consent_text_version text,
        ADD COLUMN consent_given_at timestamptz,
        ADD COLUMN consent_scope text[],
        ADD COLUMN used_at timestamptz,
        ADD COLUMN completed_data_source_ids uuid[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE seg_processes
        DROP COLUMN completed_data_source_ids,
        DROP COLUMN used_at,
        DROP COLUMN consent_scope,
        DROP COLUMN consent_given_at,
        DROP COLUMN consent_text_version,
        DROP COLUMN language,
        DROP COLUMN callback_url,
        DROP COLUMN redirect_url,
        DROP COLUMN status`);
  }
}
