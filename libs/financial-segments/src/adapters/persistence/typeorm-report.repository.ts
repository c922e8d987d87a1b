import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { replicaQuery } from '@hub/platform';
import type { IncomeAggregations } from '../../domain/income-aggregations';
import type { CurrencyIncome } from '../../domain/income-report';
import type { IncomeCategory } from '../../domain/income.types';
import type { MoneyHeld } from '../../domain/money-held';
import {
  type CashFlowReportView,
  type CaseView,
  type IncomeReportView,
  ReportRepository,
} from '../../application/ports/report.repository';

@Injectable()
export class TypeormReportRepository extends ReportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Cases and reports are read by the GET routes only: on a replica when DATABASE_REPLICA_URLS names one. */
  private query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    return replicaQuery<T>(this.dataSource, sql, params);
  }

  async getCase(caseId: string): Promise<CaseView | null> {
    const rows: {
      id: string;
      user_id: string;
      data_source_ids: string[];
      created_at: Date;
      report_id: string | null;
      cash_flow_report_id: string | null;
    }[] = await this.query(
      `SELECT c.id, c.user_id, c.data_source_ids, c.created_at, r.id AS report_id, cf.id AS cash_flow_report_id
         FROM seg_cases c
         LEFT JOIN seg_income_reports r ON r.case_id = c.id
         LEFT JOIN seg_cash_flow_reports cf ON cf.case_id = c.id
         WHERE c.id = $1`,
      [caseId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      dataSourceIds: row.data_source_ids,
      reports: [
        ...(row.report_id ? [{ id: row.report_id, type: 'INCOME' as const }] : []),
        ...(row.cash_flow_report_id ? [{ id: row.cash_flow_report_id, type: 'CASH_FLOW' as const }] : []),
      ],
      createdAt: row.created_at,
    };
  }

  async getCashFlowReportOfCase(caseId: string): Promise<CashFlowReportView | null> {
    const rows: {
      id: string;
      case_id: string;
      currency: string;
      period_from: string | null;
      period_to: string | null;
      months_observed: number;
      total_inflow: string;
      total_outflow: string;
      average_monthly_inflow: string;
      average_monthly_outflow: string;
      average_monthly_net: string;
      lowest_balance: string | null;
      days_below_zero: number;
      average_monthly_fixed_outflow: string;
      affordability: string;
      gambling_share: string;
      by_month: CashFlowReportView['byMonth'];
      by_category: CashFlowReportView['byCategory'];
      outflow_transactions: CashFlowReportView['outflowTransactions'];
    }[] = await this.query(
      `SELECT id, case_id, currency, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
              months_observed, total_inflow::text AS total_inflow, total_outflow::text AS total_outflow,
              average_monthly_inflow::text AS average_monthly_inflow, average_monthly_outflow::text AS average_monthly_outflow,
              average_monthly_net::text AS average_monthly_net, lowest_balance::text AS lowest_balance, days_below_zero,
              average_monthly_fixed_outflow::text AS average_monthly_fixed_outflow, affordability::text AS affordability,
              gambling_share::text AS gambling_share, by_month, by_category, outflow_transactions
       FROM seg_cash_flow_reports WHERE case_id = $1`,
      [caseId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      caseId: r.case_id,
      currency: r.currency,
      period: r.period_from && r.period_to ? { from: r.period_from, to: r.period_to } : null,
      monthsObserved: r.months_observed,
      outflowTransactions: r.outflow_transactions,
      totalInflow: r.total_inflow,
      totalOutflow: r.total_outflow,
      averageMonthlyInflow: r.average_monthly_inflow,
      averageMonthlyOutflow: r.average_monthly_outflow,
      averageMonthlyNet: r.average_monthly_net,
      byMonth: r.by_month,
      byCategory: r.by_category,
      lowestBalance: r.lowest_balance,
      daysBelowZero: r.days_below_zero,
      averageMonthlyFixedOutflow: r.average_monthly_fixed_outflow,
      affordability: r.affordability,
      gamblingShare: r.gambling_share,
    };
  }

  async getIncomeReportOfCase(caseId: string): Promise<IncomeReportView | null> {
    const reports: {
      id: string;
      case_id: string;
      currency: string;
      period_from: string | null;
      period_to: string | null;
      total_income: string;
      months_observed: number;
      average_monthly_income: string;
      months_with_income: number;
      total_balance: string;
      by_month: IncomeAggregations['byMonth'];
      by_category: IncomeAggregations['byCategory'];
      main_income_source: IncomeAggregations['mainIncomeSource'];
      income_by_currency: CurrencyIncome[] | null;
      money_held: MoneyHeld | null;
    }[] = await this.query(
      `SELECT id, case_id, currency, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
              total_income::text AS total_income, months_observed, average_monthly_income::text AS average_monthly_income,
              months_with_income, total_balance::text AS total_balance, by_month, by_category, main_income_source,
              income_by_currency, money_held
       FROM seg_income_reports WHERE case_id = $1`,
      [caseId],
    );
    const r = reports[0];
    if (!r) return null;
    const transactions: {
      transaction_id: string;
      booking_date: string;
      amount: string;
      currency: string;
      purpose: string;
      counterpart_name: string;
      category: IncomeCategory;
      matched_rule: string;
    }[] = await this.query(
      `SELECT transaction_id, to_char(booking_date, 'YYYY-MM-DD') AS booking_date, amount::text AS amount, currency, purpose, counterpart_name,
              category, matched_rule
       FROM seg_income_report_transactions WHERE report_id = $1 ORDER BY position`,
      [r.id],
    );
    return {
      id: r.id,
      caseId: r.case_id,
      currency: r.currency,
      period: r.period_from && r.period_to ? { from: r.period_from, to: r.period_to } : null,
      incomeTransactions: transactions.map((t) => ({
        transactionId: t.transaction_id,
        bookingDate: t.booking_date,
        amount: t.amount,
        currency: t.currency,
        purpose: t.purpose,
        counterpartName: t.counterpart_name,
        category: t.category,
        matchedRule: t.matched_rule,
      })),
      aggregations: {
        totalIncome: r.total_income,
        monthsObserved: r.months_observed,
        averageMonthlyIncome: r.average_monthly_income,
        byMonth: r.by_month,
        byCategory: r.by_category,
        monthsWithIncome: r.months_with_income,
        mainIncomeSource: r.main_income_source,
      },
      incomeByCurrency: r.income_by_currency,
      totalBalance: r.total_balance,
      moneyHeld: r.money_held,
    };
  }
}
