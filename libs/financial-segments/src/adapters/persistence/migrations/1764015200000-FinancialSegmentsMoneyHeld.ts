import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments, money held in full: the bank's FX table (dated rates into the base
 * currency), income per currency and money held per currency on each report, the currency of
 * each income transaction (reports built before hold only their report currency's income).
 */
export class FinancialSegmentsMoneyHeld1764015200000 implements MigrationInterface {
  name = 'FinancialSegmentsMoneyHeld1764015200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seg_fx_rates (
        base_currency text NOT NULL,
        currency text NOT NULL,
        rate_date date NOT NULL,
        rate numeric(28,10) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_fx_rates" PRIMARY KEY (base_currency, currency, rate_date)
      )`);
    await q.query(`ALTER TABLE seg_income_reports ADD income_by_currency jsonb, ADD money_held jsonb`);
    await q.query(`ALTER TABLE seg_income_report_transactions ADD currency text`);
    await q.query(`
      UPDATE seg_income_report_transactions t SET currency = r.currency
      FROM seg_income_reports r WHERE r.id = t.report_id`);
    await q.query(`ALTER TABLE seg_income_report_transactions ALTER COLUMN currency SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seg_income_report_transactions DROP COLUMN currency`);
    await q.query(`ALTER TABLE seg_income_reports DROP COLUMN income_by_currency, DROP COLUMN money_held`);
    await q.query(`DROP TABLE seg_fx_rates`);
  }
}
