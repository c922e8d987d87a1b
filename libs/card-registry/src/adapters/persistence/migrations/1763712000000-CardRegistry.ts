import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The card-customer registry (docs/contracts/card-registry.md): current customers, their append-only version history,
 * accounts and cards. Every row carries its institution; one customer once is the partial unique
 * index on SHARED customers' (institution_id, reg_no); a DEDICATED customer's one card is the
 * partial unique index on card_cards.
 */
export class CardRegistry1763712000000 implements MigrationInterface {
  name = 'CardRegistry1763712000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE card_customers (
        id uuid NOT NULL,
        institution_id text NOT NULL,
        type text NOT NULL,
        card_scope text NOT NULL,
        salutation text,
        first_name text,
        middle_name text,
        last_name text,
        name text,
        date_of_birth date,
        email text,
        phone_number text,
        mobile_number text,
        address1 text NOT NULL,
        address2 text,
        city text NOT NULL,
        zip_code text NOT NULL,
        country text NOT NULL,
        locale text NOT NULL,
        customer_number text NOT NULL,
        reg_no text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT "PK_card_customers" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX card_customers_shared_reg_no_uq ON card_customers (institution_id, reg_no) WHERE "card_scope" = 'SHARED'`,
    );
    await q.query(
      `CREATE INDEX card_customers_institution_reg_no_idx ON card_customers (institution_id, reg_no)`,
    );
    await q.query(
      `CREATE INDEX card_customers_institution_customer_number_idx ON card_customers (institution_id, customer_number)`,
    );
    await q.query(
      `CREATE INDEX card_customers_institution_updated_at_idx ON card_customers (institution_id, updated_at, id)`,
    );

    await q.query(`
      CREATE TABLE card_customer_versions (
        customer_id uuid NOT NULL,
        version integer NOT NULL,
        institution_id text NOT NULL,
        received_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT "PK_card_customer_versions" PRIMARY KEY (customer_id, version),
        CONSTRAINT card_customer_versions_customer_fk FOREIGN KEY (customer_id) REFERENCES card_customers (id) ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE FUNCTION card_customer_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'card_customer_versions is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER card_customer_versions_no_change BEFORE UPDATE OR DELETE ON card_customer_versions
      FOR EACH ROW EXECUTE FUNCTION card_customer_versions_append_only()`);

    await q.query(`
      CREATE TABLE card_accounts (
        id uuid NOT NULL,
        institution_id text NOT NULL,
        owner_customer_id uuid NOT NULL,
        currency text NOT NULL,
        credit_limit numeric(20,2),
        created_at timestamptz NOT NULL,
        CONSTRAINT "PK_card_accounts" PRIMARY KEY (id),
        CONSTRAINT card_accounts_owner_fk FOREIGN KEY (owner_customer_id) REFERENCES card_customers (id) ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX card_accounts_owner_idx ON card_accounts (owner_customer_id)`);

    await q.query(`
      CREATE TABLE card_cards (
        id uuid NOT NULL,
        institution_id text NOT NULL,
        account_id uuid NOT NULL,
        cardholder_customer_id uuid NOT NULL,
        cardholder_scope text NOT NULL,
        digital_wallet_enabled boolean NOT NULL,
        emboss_name text,
        created_at timestamptz NOT NULL,
        CONSTRAINT "PK_card_cards" PRIMARY KEY (id),
        CONSTRAINT card_cards_account_fk FOREIGN KEY (account_id) REFERENCES card_accounts (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT card_cards_cardholder_fk FOREIGN KEY (cardholder_customer_id) REFERENCES card_customers (id) ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE UNIQUE INDEX card_cards_dedicated_cardholder_uq ON card_cards (cardholder_customer_id) WHERE "cardholder_scope" = 'DEDICATED'`,
    );
    await q.query(`CREATE INDEX card_cards_cardholder_idx ON card_cards (cardholder_customer_id)`);
    await q.query(`CREATE INDEX card_cards_account_idx ON card_cards (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE card_cards`);
    await q.query(`DROP TABLE card_accounts`);
    await q.query(`DROP TRIGGER card_customer_versions_no_change ON card_customer_versions`);
    await q.query(`DROP FUNCTION card_customer_versions_append_only()`);
    await q.query(`DROP TABLE card_customer_versions`);
    await q.query(`DROP TABLE card_customers`);
  }
}
