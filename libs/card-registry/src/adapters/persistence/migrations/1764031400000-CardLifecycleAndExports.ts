import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Card registry, second step: Enfuce's fuller customer model (nationality, country of birth,
 * additional addresses), the card lifecycle (status, expiry, versions with an append-only history),
 * indexes for the account/card exports and the daily export files, and the table that records each
 * daily export file once per (institution, kind, period).
 */
export class CardLifecycleAndExports1764031400000 implements MigrationInterface {
  name = 'CardLifecycleAndExports1764031400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE card_customers ADD nationality text`);
    await q.query(`ALTER TABLE card_customers ADD country_of_birth text`);
    await q.query(`ALTER TABLE card_customers ADD additional_addresses jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(
      `CREATE INDEX card_customer_versions_institution_received_idx ON card_customer_versions (institution_id, received_at)`,
    );

    await q.query(
      `CREATE INDEX card_accounts_institution_created_at_idx ON card_accounts (institution_id, created_at, id)`,
    );

    await q.query(`ALTER TABLE card_cards ADD status text NOT NULL DEFAULT 'ACTIVE'`);
    await q.query(`ALTER TABLE card_cards ALTER COLUMN status DROP DEFAULT`);
    await q.query(`ALTER TABLE card_cards ADD expiry_date text`);
    await q.query(`ALTER TABLE card_cards ADD version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE card_cards ALTER COLUMN version DROP DEFAULT`);
    await q.query(`ALTER TABLE card_cards ADD updated_at timestamptz`);
    await q.query(`UPDATE card_cards SET updated_at = created_at`);
    await q.query(`ALTER TABLE card_cards ALTER COLUMN updated_at SET NOT NULL`);
    await q.query(
      `CREATE INDEX card_cards_institution_updated_at_idx ON card_cards (institution_id, updated_at, id)`,
    );

    await q.query(`
      CREATE TABLE card_card_versions (
        card_id uuid NOT NULL,
        version integer NOT NULL,
        institution_id text NOT NULL,
        received_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT "PK_card_card_versions" PRIMARY KEY (card_id, version),
        CONSTRAINT card_card_versions_card_fk FOREIGN KEY (card_id) REFERENCES card_cards (id) ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX card_card_versions_institution_received_idx ON card_card_versions (institution_id, received_at)`,
    );
    await q.query(`
      CREATE FUNCTION card_card_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'card_card_versions is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER card_card_versions_no_change BEFORE UPDATE OR DELETE ON card_card_versions
      FOR EACH ROW EXECUTE FUNCTION card_card_versions_append_only()`);
    // Cards issued before versions existed get their version 1, as recorded at issue.
    await q.query(`
      INSERT INTO card_card_versions (card_id, version, institution_id, received_at, data)
      SELECT id, 1, institution_id, created_at, jsonb_build_object(
        'id', id, 'institutionId', institution_id, 'accountId', account_id,
        'cardholderCustomerId', cardholder_customer_id, 'digitalWalletEnabled', digital_wallet_enabled,
        'embossName', emboss_name, 'status', status, 'expiryDate', expiry_date, 'version', 1,
        'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'updatedAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM card_cards`);

    await q.query(`
      CREATE TABLE card_export_files (
        id uuid NOT NULL,
        institution_id text NOT NULL,
        kind text NOT NULL,
        period date NOT NULL,
        format text NOT NULL,
        file_name text NOT NULL,
        row_count integer NOT NULL,
        byte_count bigint NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT "PK_card_export_files" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX card_export_files_period_uq ON card_export_files (institution_id, kind, period)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE card_export_files`);
    await q.query(`DROP TRIGGER card_card_versions_no_change ON card_card_versions`);
    await q.query(`DROP FUNCTION card_card_versions_append_only()`);
    await q.query(`DROP TABLE card_card_versions`);
    await q.query(`DROP INDEX card_cards_institution_updated_at_idx`);
    await q.query(`ALTER TABLE card_cards DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE card_cards DROP COLUMN version`);
    await q.query(`ALTER TABLE card_cards DROP COLUMN expiry_date`);
    await q.query(`ALTER TABLE card_cards DROP COLUMN status`);
    await q.query(`DROP INDEX card_accounts_institution_created_at_idx`);
    await q.query(`DROP INDEX card_customer_versions_institution_received_idx`);
    await q.query(`ALTER TABLE card_customers DROP COLUMN additional_addresses`);
    await q.query(`ALTER TABLE card_customers DROP COLUMN country_of_birth`);
    await q.query(`ALTER TABLE card_customers DROP COLUMN nationality`);
  }
}
