import type { IncomeAggregations, Period } from '../../domain/income-aggregations';
import type { CashFlowReportContent } from '../../domain/cash-flow';
import type { CurrencyIncome } from '../../domain/income-report';
import type { OutflowCategory } from '../../domain/outflow-classifier';
import type { IncomeCategory } from '../../domain/income.types';
import type { MoneyHeld } from '../../domain/money-held';

export interface CaseView {
  readonly id: string;
  readonly userId: string;
  readonly dataSourceIds: string[];
  readonly reports: { readonly id: string; readonly type: 'INCOME' | 'CASH_FLOW' }[];
  readonly createdAt: Date;
}

export interface IncomeTransactionView {
  readonly transactionId: string;
  readonly bookingDate: string;
  readonly amount: string;
  readonly currency: string;
  readonly purpose: string;
  readonly counterpartName: string;
  readonly category: IncomeCategory;
  readonly matchedRule: string;
}

export interface IncomeReportView {
  readonly id: string;
  readonly caseId: string;
  readonly currency: string;
  readonly period: Period | null;
  readonly incomeTransactions: IncomeTransactionView[];
  readonly aggregations: IncomeAggregations;
  /** Null on reports built before income was kept per currency. */
  readonly incomeByCurrency: CurrencyIncome[] | null;
  readonly totalBalance: string;
  /** Null on reports built before money held was kept per currency. */
  readonly moneyHeld: MoneyHeld | null;
}

export interface OutflowTransactionView {
  readonly transactionId: string;
  readonly bookingDate: string;
  /** Positive: the amount that went out. */
  readonly amount: string;
  readonly purpose: string;
  readonly counterpartName: string;
  readonly category: OutflowCategory;
  readonly matchedRule: string;
}

/** The stored report: the figures the domain computed (`CashFlowReportContent`), its transactions with their ids. */
export interface CashFlowReportView extends Omit<CashFlowReportContent, 'outflowTransactions'> {
  readonly id: string;
  readonly caseId: string;
  readonly outflowTransactions: OutflowTransactionView[];
}

/** Reads of cases and reports: read models straight from SQL (no behaviour to map onto). */
export abstract class ReportRepository {
  abstract getCase(caseId: string): Promise<CaseView | null>;
  abstract getIncomeReportOfCase(caseId: string): Promise<IncomeReportView | null>;
  abstract getCashFlowReportOfCase(caseId: string): Promise<CashFlowReportView | null>;
}
