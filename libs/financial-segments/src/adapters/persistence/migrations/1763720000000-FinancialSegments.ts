import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments (docs/contracts/financial-segments.md): users and processes, data sources with their
 * accounts and transactions, synchronization jobs, cases and income reports, webhook deliveries
 * with their log, segments with offers and members. The job queue itself (pg-boss) keeps its
 * tables in its own `pgboss` schema, which pg-boss installs and migrates at start-up.
 */
export class FinancialSegments1763720000000 implements MigrationInterface {
  name = 'FinancialSegments1763720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seg_users (
        id uuid NOT NULL,
        external_user_id text NOT NULL,
        latest_report_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_users" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX seg_users_external_user_id_uq ON seg_users (external_user_id)`);

    await q.query(`
      CREATE TABLE seg_processes (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT "PK_seg_processes" PRIMARY KEY (id),
        CONSTRAINT seg_processes_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX seg_processes_token_hash_uq ON seg_processes (token_hash)`);
    await q.query(`CREATE INDEX seg_processes_user_idx ON seg_processes (user_id)`);

    await q.query(`
      CREATE TABLE seg_data_sources (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        type text NOT NULL,
        source_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_data_sources" PRIMARY KEY (id),
        CONSTRAINT seg_data_sources_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE UNIQUE INDEX seg_data_sources_user_type_key_uq ON seg_data_sources (user_id, type, source_key)`,
    );

    await q.query(`
      CREATE TABLE seg_accounts (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        data_source_id uuid NOT NULL,
        bank_name text NOT NULL,
        account_number text NOT NULL,
        type text NOT NULL,
        currency text NOT NULL,
        balance numeric(20,2) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_accounts" PRIMARY KEY (id),
        CONSTRAINT seg_accounts_data_source_fk FOREIGN KEY (data_source_id) REFERENCES seg_data_sources (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE UNIQUE INDEX seg_accounts_user_bank_number_uq ON seg_accounts (user_id, bank_name, account_number)`,
    );
    await q.query(`CREATE INDEX seg_accounts_data_source_idx ON seg_accounts (data_source_id)`);

    await q.query(`
      CREATE TABLE seg_transactions (
        id uuid NOT NULL,
        account_id uuid NOT NULL,
        external_id text NOT NULL,
        booking_date date NOT NULL,
        amount numeric(20,2) NOT NULL,
        currency text NOT NULL,
        purpose text NOT NULL,
        counterpart_name text NOT NULL,
        counterpart_account text,
        CONSTRAINT "PK_seg_transactions" PRIMARY KEY (id),
        CONSTRAINT seg_transactions_account_fk FOREIGN KEY (account_id) REFERENCES seg_accounts (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE UNIQUE INDEX seg_transactions_account_external_uq ON seg_transactions (account_id, external_id)`,
    );

    await q.query(`
      CREATE TABLE seg_sync_jobs (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        callback_url text NOT NULL,
        status text NOT NULL,
        case_id uuid,
        report_id uuid,
        error_code text,
        runs integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_sync_jobs" PRIMARY KEY (id),
        CONSTRAINT seg_sync_jobs_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX seg_sync_jobs_user_idx ON seg_sync_jobs (user_id)`);

    await q.query(`
      CREATE TABLE seg_cases (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        data_source_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_cases" PRIMARY KEY (id),
        CONSTRAINT seg_cases_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX seg_cases_user_idx ON seg_cases (user_id)`);

    await q.query(`
      CREATE TABLE seg_income_reports (
        id uuid NOT NULL,
        case_id uuid NOT NULL,
        user_id uuid NOT NULL,
        currency text NOT NULL,
        period_from date,
        period_to date,
        total_income numeric(20,2) NOT NULL,
        months_observed integer NOT NULL,
        average_monthly_income numeric(20,2) NOT NULL,
        months_with_income integer NOT NULL,
        total_balance numeric(20,2) NOT NULL,
        by_month jsonb NOT NULL,
        by_category jsonb NOT NULL,
        main_income_source jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_income_reports" PRIMARY KEY (id),
        CONSTRAINT seg_income_reports_case_fk FOREIGN KEY (case_id) REFERENCES seg_cases (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX seg_income_reports_case_uq ON seg_income_reports (case_id)`);

    await q.query(`
      CREATE TABLE seg_income_report_transactions (
        report_id uuid NOT NULL,
        position integer NOT NULL,
        transaction_id text NOT NULL,
        booking_date date NOT NULL,
        amount numeric(20,2) NOT NULL,
        purpose text NOT NULL,
        counterpart_name text NOT NULL,
        category text NOT NULL,
        matched_rule text NOT NULL,
        CONSTRAINT "PK_seg_income_report_transactions" PRIMARY KEY (report_id, position),
        CONSTRAINT seg_income_report_transactions_report_fk FOREIGN KEY (report_id) REFERENCES seg_income_reports (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE seg_income_report_categories (
        report_id uuid NOT NULL,
        category text NOT NULL,
        total numeric(20,2) NOT NULL,
        count integer NOT NULL,
        months varbit NOT NULL,
        CONSTRAINT "PK_seg_income_report_categories" PRIMARY KEY (report_id, category),
        CONSTRAINT seg_income_report_categories_report_fk FOREIGN KEY (report_id) REFERENCES seg_income_reports (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE seg_webhook_deliveries (
        id text NOT NULL,
        job_id uuid NOT NULL,
        url text NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT "PK_seg_webhook_deliveries" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX seg_webhook_deliveries_status_created_idx ON seg_webhook_deliveries (status, created_at)`,
    );
    await q.query(`CREATE INDEX seg_webhook_deliveries_job_idx ON seg_webhook_deliveries (job_id)`);

    await q.query(`
      CREATE TABLE seg_webhook_attempts (
        delivery_id text NOT NULL,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        CONSTRAINT "PK_seg_webhook_attempts" PRIMARY KEY (delivery_id, attempt),
        CONSTRAINT seg_webhook_attempts_delivery_fk FOREIGN KEY (delivery_id) REFERENCES seg_webhook_deliveries (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE seg_segments (
        id uuid NOT NULL,
        name text NOT NULL,
        currency text NOT NULL,
        min_total_balance numeric(20,2),
        max_total_balance numeric(20,2),
        min_average_monthly_income numeric(20,2),
        min_months_with_income integer,
        income_categories text[],
        evaluated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_seg_segments" PRIMARY KEY (id)
      )`);

    await q.query(`
      CREATE TABLE seg_segment_offers (
        segment_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT "PK_seg_segment_offers" PRIMARY KEY (segment_id, code),
        CONSTRAINT seg_segment_offers_segment_fk FOREIGN KEY (segment_id) REFERENCES seg_segments (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE seg_segment_members (
        segment_id uuid NOT NULL,
        user_id uuid NOT NULL,
        total_balance numeric(20,2) NOT NULL,
        average_monthly_income numeric(20,2) NOT NULL,
        CONSTRAINT "PK_seg_segment_members" PRIMARY KEY (segment_id, user_id),
        CONSTRAINT seg_segment_members_segment_fk FOREIGN KEY (segment_id) REFERENCES seg_segments (id) ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT seg_segment_members_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX seg_segment_members_user_idx ON seg_segment_members (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'seg_segment_members',
      'seg_segment_offers',
      'seg_segments',
      'seg_webhook_attempts',
      'seg_webhook_deliveries',
      'seg_income_report_categories',
      'seg_income_report_transactions',
      'seg_income_reports',
      'seg_cases',
      'seg_sync_jobs',
      'seg_transactions',
      'seg_accounts',
      'seg_data_sources',
      'seg_processes',
      'seg_users',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
