import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1763700000000 implements MigrationInterface {
  name = 'Platform1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL,
        response_status integer,
        response_body jsonb,
        response_headers jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT "PK_platform_idempotency_keys" PRIMARY KEY (scope, key)
      )`);
    await q.query(
      `CREATE INDEX platform_idempotency_keys_expires_at_idx ON platform_idempotency_keys (expires_at)`,
    );
    await q.query(`
      CREATE TABLE platform_audit_records (
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject_hashes text[] NOT NULL,
        outcome text NOT NULL,
        request_id text NOT NULL,
        details jsonb NOT NULL,
        CONSTRAINT "PK_platform_audit_records" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX platform_audit_records_action_at_idx ON platform_audit_records (action, at)`);
    // Append-only: the hub never changes or deletes an audit record.
    await q.query(`
      CREATE FUNCTION platform_audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'platform_audit_records is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER platform_audit_records_no_change BEFORE UPDATE OR DELETE ON platform_audit_records
      FOR EACH ROW EXECUTE FUNCTION platform_audit_records_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_audit_records`);
    await q.query(`DROP FUNCTION platform_audit_records_append_only()`);
    await q.query(`DROP TABLE platform_idempotency_keys`);
  }
}
