import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer-summary module's operational data store (docs/contracts/customer-summary.md): one row per CIF and its
 * child rows, replaced as a whole by each loaded snapshot. The lookups go through the indexes on
 * legal ID number and E.164 mobile; every child table's primary key starts with the CIF, so one
 * customer's rows are a range scan, and the FKs cascade from the customer row.
 */
export class CustomerSummary1763730000000 implements MigrationInterface {
  name = 'CustomerSummary1763730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ods_customers (
        cif text NOT NULL,
        status text NOT NULL,
        full_name text NOT NULL,
        date_of_birth date,
        gender text,
        email text,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ods_customers" PRIMARY KEY (cif)
      )`);
    await q.query(`
      CREATE TABLE ods_customer_legal_ids (
        cif text NOT NULL,
        number text NOT NULL,
        position smallint NOT NULL,
        type text NOT NULL,
        issue_date date,
        issue_place text,
        CONSTRAINT "PK_ods_customer_legal_ids" PRIMARY KEY (cif, number),
        CONSTRAINT ods_customer_legal_ids_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX ods_customer_legal_ids_number_idx ON ods_customer_legal_ids (number)`);
    await q.query(`
      CREATE TABLE ods_customer_mobiles (
        cif text NOT NULL,
        e164 text NOT NULL,
        position smallint NOT NULL,
        CONSTRAINT "PK_ods_customer_mobiles" PRIMARY KEY (cif, e164),
        CONSTRAINT ods_customer_mobiles_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX ods_customer_mobiles_e164_idx ON ods_customer_mobiles (e164)`);
    await q.query(`
      CREATE TABLE ods_customer_addresses (
        cif text NOT NULL,
        position smallint NOT NULL,
        type text NOT NULL,
        line text NOT NULL,
        ward text,
        district text,
        province text,
        country text NOT NULL,
        CONSTRAINT "PK_ods_customer_addresses" PRIMARY KEY (cif, position),
        CONSTRAINT ods_customer_addresses_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE TABLE ods_lending_facilities (
        cif text NOT NULL,
        contract_number text NOT NULL,
        product_type text NOT NULL,
        product_name text,
        currency text NOT NULL,
        limit_amount numeric(20,2),
        disbursed_amount numeric(20,2),
        outstanding_balance numeric(20,2) NOT NULL,
        status text NOT NULL,
        open_date date,
        maturity_date date,
        interest_rate numeric(20,4),
        days_past_due integer NOT NULL,
        overdue_amount numeric(20,2) NOT NULL,
        debt_group smallint,
        CONSTRAINT "PK_ods_lending_facilities" PRIMARY KEY (cif, contract_number),
        CONSTRAINT ods_lending_facilities_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE TABLE ods_lending_payments (
        cif text NOT NULL,
        contract_number text NOT NULL,
        period text NOT NULL,
        due_amount numeric(20,2),
        paid_amount numeric(20,2),
        paid_date date,
        days_late integer,
        CONSTRAINT "PK_ods_lending_payments" PRIMARY KEY (cif, contract_number, period),
        CONSTRAINT ods_lending_payments_facility_fk FOREIGN KEY (cif, contract_number)
          REFERENCES ods_lending_facilities (cif, contract_number) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE TABLE ods_deposits (
        cif text NOT NULL,
        account_number text NOT NULL,
        product_type text NOT NULL,
        product_name text,
        currency text NOT NULL,
        balance numeric(20,2) NOT NULL,
        available_balance numeric(20,2),
        principal_amount numeric(20,2),
        interest_rate numeric(20,4),
        term_months integer,
        open_date date,
        maturity_date date,
        status text NOT NULL,
        CONSTRAINT "PK_ods_deposits" PRIMARY KEY (cif, account_number),
        CONSTRAINT ods_deposits_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE TABLE ods_payroll_credits (
        cif text NOT NULL,
        position integer NOT NULL,
        employer_name text NOT NULL,
        account_number text,
        period text NOT NULL,
        amount numeric(20,2) NOT NULL,
        currency text NOT NULL,
        credit_date date,
        CONSTRAINT "PK_ods_payroll_credits" PRIMARY KEY (cif, position),
        CONSTRAINT ods_payroll_credits_customer_fk FOREIGN KEY (cif) REFERENCES ods_customers (cif) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ods_payroll_credits',
      'ods_deposits',
      'ods_lending_payments',
      'ods_lending_facilities',
      'ods_customer_addresses',
      'ods_customer_mobiles',
      'ods_customer_legal_ids',
      'ods_customers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
