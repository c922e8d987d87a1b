import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Free-text products and channels stored before the catalogue, and the catalogue code each maps to. */
const PRODUCT_SYNONYMS: [string, string][] = [
  ['CURRENT_ACCOUNT', 'CASA'],
  ['SAVINGS_ACCOUNT', 'CASA'],
  ['SAVING_ACCOUNT', 'CASA'],
  ['ACCOUNT', 'CASA'],
  ['CREDITCARD', 'CREDIT_CARD'],
  ['CARD', 'CREDIT_CARD'],
  ['DEBITCARD', 'DEBIT_CARD'],
  ['PERSONAL_LOAN', 'UNSECURED_LOAN'],
  ['CONSUMER_LOAN', 'UNSECURED_LOAN'],
  ['CASH_LOAN', 'UNSECURED_LOAN'],
  ['AUTO_LOAN', 'SECURED_LOAN'],
  ['CAR_LOAN', 'SECURED_LOAN'],
  ['HOME_LOAN', 'MORTGAGE'],
  ['HOUSING_LOAN', 'MORTGAGE'],
  ['OD', 'OVERDRAFT'],
  ['FIXED_DEPOSIT', 'TERM_DEPOSIT'],
  ['TIME_DEPOSIT', 'TERM_DEPOSIT'],
  ['BANCASSURANCE', 'INSURANCE'],
];
const CHANNEL_SYNONYMS: [string, string][] = [
  ['MOBILE', 'MOBILE_APP'],
  ['APP', 'MOBILE_APP'],
  ['MOBILE_BANKING', 'MOBILE_APP'],
  ['INTERNET_BANKING', 'WEB'],
  ['INTERNET', 'WEB'],
  ['ONLINE', 'WEB'],
  ['WEBSITE', 'WEB'],
  ['CALLCENTER', 'CALL_CENTER'],
  ['CALL_CENTRE', 'CALL_CENTER'],
  ['CONTACT_CENTER', 'CALL_CENTER'],
  ['TELESALES', 'CALL_CENTER'],
  ['AGENT', 'PARTNER'],
  ['DSA', 'PARTNER'],
];
const PRODUCTS = ['CASA', 'CREDIT_CARD', 'DEBIT_CARD', 'UNSECURED_LOAN', 'SECURED_LOAN', 'MORTGAGE'];
const MORE_PRODUCTS = ['OVERDRAFT', 'TERM_DEPOSIT', 'INSURANCE', 'INVESTMENT'];
const CHANNELS = ['MOBILE_APP', 'WEB', 'BRANCH', 'CALL_CENTER', 'PARTNER'];

/**
 * The CRM's sales model and catalogue: leads and opportunities get an optional amount (exact
 * numeric, with its currency: both or neither) and an expected close date; an index finds open
 * records by last update for the daily stale-record job. Records that hold free text for product
 * or channel keep it, unless the text (trimmed, upper-cased, spaces and dashes as underscores)
 * is a code of the default catalogue or a known synonym of one, which it becomes. `updated_at` is
 * left alone: a migration does not touch a record in the stale-record sense.
 */
export class CrmSalesCatalogue1764014140000 implements MigrationInterface {
  name = 'CrmSalesCatalogue1764014140000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['crm_leads', 'crm_opportunities']) {
      await q.query(
        `ALTER TABLE ${table} ADD amount numeric(20,2), ADD currency text, ADD expected_close_date date`,
      );
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_amount_currency_ck CHECK (("amount" IS NULL) = ("currency" IS NULL))`,
      );
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_amount_ck CHECK ("amount" > 0)`);
      await q.query(
        `CREATE INDEX ${table}_open_updated_at_idx ON ${table} (updated_at, id) WHERE "status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
      );
      await this.mapToCodes(q, table, 'product', [
        ...[...PRODUCTS, ...MORE_PRODUCTS].map((c): [string, string] => [c, c]),
        ...PRODUCT_SYNONYMS,
      ]);
      await this.mapToCodes(q, table, 'channel', [
        ...CHANNELS.map((c): [string, string] => [c, c]),
        ...CHANNEL_SYNONYMS,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['crm_opportunities', 'crm_leads']) {
      await q.query(`DROP INDEX ${table}_open_updated_at_idx`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_amount_ck`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_amount_currency_ck`);
      await q.query(
        `ALTER TABLE ${table} DROP COLUMN expected_close_date, DROP COLUMN currency, DROP COLUMN amount`,
      );
    }
  }

  /** One set-based UPDATE per column: the stored text, normalised, looked up in the mapping. */
  private async mapToCodes(q: QueryRunner, table: string, column: string, mapping: [string, string][]) {
    await q.query(
      `UPDATE ${table} t SET ${column} = m.code
         FROM unnest($1::text[], $2::text[]) AS m(text, code)
        WHERE upper(regexp_replace(btrim(t.${column}), '[\\s-]+', '_', 'g')) = m.text
          AND t.${column} <> m.code`,
      [mapping.map(([text]) => text), mapping.map(([, code]) => code)],
    );
  }
}
