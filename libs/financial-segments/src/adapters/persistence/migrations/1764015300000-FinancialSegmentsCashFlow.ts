import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments: the Cash-flow Report of each case (built by the same job as the income
 * report), and the segment criteria over it.
 */
export class FinancialSegmentsCashFlow1764015300000 implements MigrationInterface {
  name = 'FinancialSegmentsCashFlow1764015300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seg_cash_flow_reports (
        id uuid NOT NULL,
        case_id uuid NOT NULL,
        user_id uuid NOT NULL,
        currency text NOT NULL,
        period_from date,
        period_to date,
        months_observed integer NOT NULL,
        total_inflow numeric(20,2) NOT NULL,
        total_outflow numeric(20,2) NOT NULL,
        average_monthly_inflow numeric(20,2) NOT NULL,
        average_monthly_outflow numeric(20,2) NOT NULL,
        average_monthly_net numeric(20,2) NOT NULL,
        lowest_balance numeric(20,2),
        days_below_zero integer NOT NULL,
        average_monthly_fixed_outflow numeric(20,2) NOT NULL,
        affordability numeric(20,2) NOT NULL,
        gambling_share numeric(5,4) NOT NULL,
        by_month jsonb NOT NULL,
        by_category jsonb NOT NULL,
        outflow_transactions jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_cash_flow_reports" PRIMARY KEY (id),
        CONSTRAINT seg_cash_flow_reports_case_fk FOREIGN KEY (case_id) REFERENCES seg_cases (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX seg_cash_flow_reports_case_uq ON seg_cash_flow_reports (case_id)`);
    await q.query(`
      ALTER TABLE seg_segments
        ADD min_net_monthly_cash_flow numeric(20,2),
        ADD max_gambling_share numeric(5,4),
        ADD had_negative_balance boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE seg_segments
        DROP COLUMN min_net_monthly_cash_flow, DROP COLUMN max_gambling_share, DROP COLUMN had_negative_balance`);
    await q.query(`DROP TABLE seg_cash_flow_reports`);
  }
}
