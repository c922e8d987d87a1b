import { domainError } from '@hub/shared-kernel';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction, JobQueue } from '@hub/platform';
import { SegmentErrors } from '../../domain/segments.errors';
import type { AccountType, CaseAccount, CaseTransaction } from '../../domain/income.types';
import {
  type CallbackToDeliver,
  type CaseInput,
  type CompletedRun,
  type SyncJobView,
  SynchronizationRepository,
} from '../../application/ports/synchronization.repository';
import { SYNCHRONIZE_QUEUE, WEBHOOK_QUEUE } from '../jobs/segments-queues';
import { LOCK_SEGMENTS_FOR_MEMBERSHIPS_SQL, REFRESH_USER_MEMBERSHIPS_SQL } from './segment-membership.sql';
import { execute } from './sql';

interface JobRow {
  id: string;
  user_id: string;
  callback_url: string | null;
  status: SyncJobView['status'];
  case_id: string | null;
  report_id: string | null;
  runs: number;
}

const toJob = (r: JobRow): SyncJobView => ({
  id: r.id,
  userId: r.user_id,
  callbackUrl: r.callback_url,
  status: r.status,
  caseId: r.case_id,
  reportId: r.report_id,
  runs: r.runs,
});

const JOB_COLUMNS = 'id, user_id, callback_url, status, case_id, report_id, runs';

@Injectable()
export class TypeormSynchronizationRepository extends SynchronizationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {
    super();
  }

  async createJob(jobId: string, userId: string, callbackUrl: string | null): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const user = await execute(m, `SELECT 1 FROM seg_users WHERE id = $1 FOR SHARE`, [userId]);
      if (user.rows.length === 0) throw domainError(SegmentErrors.USER_NOT_FOUND);
      await execute(
        m,
        `INSERT INTO seg_sync_jobs (id, user_id, callback_url, status) VALUES ($1, $2, $3, 'QUEUED')`,
        [jobId, userId, callbackUrl],
      );
      await this.queue.sendIn(m, SYNCHRONIZE_QUEUE, { jobId });
    });
  }

  async getJob(jobId: string): Promise<SyncJobView | null> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM seg_sync_jobs WHERE id = $1`,
      [jobId],
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  async startRun(jobId: string): Promise<SyncJobView | null> {
    const { rows } = await execute<JobRow>(
      this.dataSource.manager,
      `UPDATE seg_sync_jobs SET status = 'RUNNING', runs = runs + 1, updated_at = now()
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')
       RETURNING ${JOB_COLUMNS}`,
      [jobId],
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  async loadCaseInput(userId: string): Promise<CaseInput> {
    const sources: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM seg_data_sources WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    const accounts: { account_number: string; type: AccountType; currency: string; balance: string }[] =
      await this.dataSource.query(
        `SELECT account_number, type, currency, balance::text AS balance FROM seg_accounts WHERE user_id = $1 ORDER BY bank_name, account_number`,
        [userId],
      );
    const transactions: {
      external_id: string;
      booking_date: string;
      amount: string;
      currency: string;
      purpose: string;
      counterpart_name: string;
      counterpart_account: string | null;
      account_number: string;
    }[] = await this.dataSource.query(
      `SELECT t.external_id, a.account_number, to_char(t.booking_date, 'YYYY-MM-DD') AS booking_date, t.amount::text AS amount, t.currency,
              t.purpose, t.counterpart_name, t.counterpart_account
       FROM seg_transactions t JOIN seg_accounts a ON a.id = t.account_id
       WHERE a.user_id = $1
       ORDER BY t.booking_date, t.external_id`,
      [userId],
    );
    return {
      dataSourceIds: sources.map((s) => s.id),
      accounts: accounts.map((a): CaseAccount => ({
        accountNumber: a.account_number,
        type: a.type,
        currency: a.currency,
        balance: a.balance,
      })),
      transactions: transactions.map((t): CaseTransaction => ({
        transactionId: t.external_id,
        bookingDate: t.booking_date,
        amount: t.amount,
        currency: t.currency,
        purpose: t.purpose,
        counterpartName: t.counterpart_name,
        counterpartAccount: t.counterpart_account,
        accountNumber: t.account_number,
      })),
    };
  }

  async completeRun(run: CompletedRun): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      const job = await execute(
        m,
        `UPDATE seg_sync_jobs SET status = 'SUCCESSFUL', case_id = $2, report_id = $3, updated_at = now()
         WHERE id = $1 AND status = 'RUNNING'`,
        [run.jobId, run.caseId, run.reportId],
      );
      if (job.affected === 0) return false;
      // No segment evaluation in between (it locks its segment FOR UPDATE), then one report at a
      // time per user. NO KEY UPDATE, so that an evaluation's foreign-key checks on seg_users
      // (KEY SHARE) never wait for us: no lock cycle between the two.
      await execute(m, `SELECT 1 FROM seg_segments ORDER BY id FOR SHARE`);
      await execute(m, `SELECT 1 FROM seg_users WHERE id = $1 FOR NO KEY UPDATE`, [run.userId]);

      const { report } = run;
      await execute(m, `INSERT INTO seg_cases (id, user_id, data_source_ids) VALUES ($1, $2, $3::uuid[])`, [
        run.caseId,
        run.userId,
        run.dataSourceIds,
      ]);
      const a = report.aggregations;
      await execute(
        m,
        `INSERT INTO seg_income_reports (id, case_id, user_id, currency, period_from, period_to, total_income, months_observed,
           average_monthly_income, months_with_income, total_balance, by_month, by_category, main_income_source,
           income_by_currency, money_held)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb, $16::jsonb)`,
        [
          run.reportId,
          run.caseId,
          run.userId,
          report.currency,
          report.period?.from ?? null,
          report.period?.to ?? null,
          a.totalIncome,
          a.monthsObserved,
          a.averageMonthlyIncome,
          a.monthsWithIncome,
          report.totalBalance,
          JSON.stringify(a.byMonth),
          JSON.stringify(a.byCategory),
          a.mainIncomeSource === null ? null : JSON.stringify(a.mainIncomeSource),
          JSON.stringify(report.incomeByCurrency),
          JSON.stringify(report.moneyHeld),
        ],
      );
      const cf = run.cashFlow;
      await execute(
        m,
        `INSERT INTO seg_cash_flow_reports (id, case_id, user_id, currency, period_from, period_to, months_observed,
           total_inflow, total_outflow, average_monthly_inflow, average_monthly_outflow, average_monthly_net,
           lowest_balance, days_below_zero, average_monthly_fixed_outflow, affordability, gambling_share,
           by_month, by_category, outflow_transactions)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19::jsonb, $20::jsonb)`,
        [
          run.cashFlowReportId,
          run.caseId,
          run.userId,
          cf.currency,
          cf.period?.from ?? null,
          cf.period?.to ?? null,
          cf.monthsObserved,
          cf.totalInflow,
          cf.totalOutflow,
          cf.averageMonthlyInflow,
          cf.averageMonthlyOutflow,
          cf.averageMonthlyNet,
          cf.lowestBalance,
          cf.daysBelowZero,
          cf.averageMonthlyFixedOutflow,
          cf.affordability,
          cf.gamblingShare,
          JSON.stringify(cf.byMonth),
          JSON.stringify(cf.byCategory),
          JSON.stringify(
            cf.outflowTransactions.map((t) => ({
              transactionId: t.transactionId,
              bookingDate: t.bookingDate,
              amount: t.amount,
              purpose: t.purpose,
              counterpartName: t.counterpartName,
              category: t.category,
              matchedRule: t.matchedRule,
            })),
          ),
        ],
      );
      const txs = report.incomeTransactions;
      if (txs.length > 0) {
        await execute(
          m,
          `INSERT INTO seg_income_report_transactions (report_id, position, transaction_id, booking_date, amount, purpose,
             counterpart_name, category, matched_rule, currency)
           SELECT $1, t.position, t.transaction_id, t.booking_date, t.amount, t.purpose, t.counterpart_name, t.category, t.matched_rule, t.currency
           FROM unnest($2::int[], $3::text[], $4::date[], $5::numeric[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             AS t(position, transaction_id, booking_date, amount, purpose, counterpart_name, category, matched_rule, currency)`,
          [
            run.reportId,
            txs.map((_, i) => i),
            txs.map((t) => t.transactionId),
            txs.map((t) => t.bookingDate),
            txs.map((t) => t.amount),
            txs.map((t) => t.purpose),
            txs.map((t) => t.counterpartName),
            txs.map((t) => t.category),
            txs.map((t) => t.matchedRule),
            txs.map((t) => t.currency),
          ],
        );
      }
      const cells = report.categoryFigures;
      if (cells.length > 0) {
        await execute(
          m,
          `INSERT INTO seg_income_report_categories (report_id, category, total, count, months)
           SELECT $1, c.category, c.total, c.count, c.months::varbit
           FROM unnest($2::text[], $3::numeric[], $4::int[], $5::text[]) AS c(category, total, count, months)`,
          [
            run.reportId,
            cells.map((c) => c.category),
            cells.map((c) => c.total),
            cells.map((c) => c.count),
            cells.map((c) => c.months),
          ],
        );
      }
      await execute(m, `UPDATE seg_users SET latest_report_id = $2 WHERE id = $1`, [
        run.userId,
        run.reportId,
      ]);
      // Waits for an evaluation in progress (and makes evaluations wait) before rewriting the memberships.
      await execute(m, LOCK_SEGMENTS_FOR_MEMBERSHIPS_SQL);
      await execute(m, `DELETE FROM seg_segment_members WHERE user_id = $1`, [run.userId]);
      await execute(m, REFRESH_USER_MEMBERSHIPS_SQL, [run.userId]);
      if (run.callback) await this.enqueueCallback(m, run.jobId, run.callback);
      return true;
    });
  }

  async failRun(jobId: string, errorCode: string, callback: CallbackToDeliver | null): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      const job = await execute(
        m,
        `UPDATE seg_sync_jobs SET status = 'FAILED', error_code = $2, updated_at = now() WHERE id = $1 AND status = 'RUNNING'`,
        [jobId, errorCode],
      );
      if (job.affected === 0) return false;
      if (callback) await this.enqueueCallback(m, jobId, callback);
      return true;
    });
  }

  private async enqueueCallback(m: EntityManager, jobId: string, callback: CallbackToDeliver): Promise<void> {
    await execute(
      m,
      `INSERT INTO seg_webhook_deliveries (id, job_id, url, event_type, body, status) VALUES ($1, $2, $3, $4, $5, 'PENDING')`,
      [callback.deliveryId, jobId, callback.url, callback.eventType, callback.body],
    );
    await this.queue.sendIn(m, WEBHOOK_QUEUE, { deliveryId: callback.deliveryId });
  }
}
