import { sum, toFixed } from '@hub/shared-kernel';
import {
  aggregateIncome,
  categoryFigures,
  periodOf,
  type CategoryFigures,
  type IncomeAggregations,
  type Period,
} from './income-aggregations';
import { classifyIncome, type IncomeTransaction } from './income-classifier';
import { BALANCE_ACCOUNT_TYPES, type CaseAccount, type CaseTransaction } from './income.types';

export interface IncomeReportContent {
  readonly currency: string;
  readonly period: Period | null;
  readonly incomeTransactions: IncomeTransaction[];
  readonly aggregations: IncomeAggregations;
  readonly totalBalance: string;
  readonly categoryFigures: CategoryFigures[];
}

const DEFAULT_CURRENCY = 'VND';

/**
 * The report's one currency: the one most of the case's transactions are in (ties: VND, then
 * alphabetical), or the accounts' when there are no transactions. There is no conversion:
 * income and balances in other currencies are left out of the figures.
 */
export function reportCurrency(
  accounts: readonly CaseAccount[],
  transactions: readonly CaseTransaction[],
): string {
  const counts = new Map<string, number>();
  const source =
    transactions.length > 0 ? transactions.map((t) => t.currency) : accounts.map((a) => a.currency);
  for (const c of source) counts.set(c, (counts.get(c) ?? 0) + 1);
  const ranked = [...counts.entries()].sort(
    ([a, x], [b, y]) =>
      y - x || Number(b === DEFAULT_CURRENCY) - Number(a === DEFAULT_CURRENCY) || a.localeCompare(b),
  );
  return ranked[0]?.[0] ?? DEFAULT_CURRENCY;
}

/**
 * The Income Report of a case over all of its accounts and transactions: income transactions
 * in the report currency (transfers between any two of the case's accounts are not income), the
 * aggregations, and `totalBalance` = CHECKING + SAVINGS balances in that currency.
 */
export function buildIncomeReport(
  accounts: readonly CaseAccount[],
  transactions: readonly CaseTransaction[],
): IncomeReportContent {
  const currency = reportCurrency(accounts, transactions);
  const period = periodOf(transactions.map((t) => t.bookingDate));
  const income = classifyIncome(
    transactions.filter((t) => t.currency === currency),
    accounts.map((a) => a.accountNumber),
  ).sort(
    (a, b) => a.bookingDate.localeCompare(b.bookingDate) || a.transactionId.localeCompare(b.transactionId),
  );
  const balances = accounts
    .filter((a) => a.currency === currency && BALANCE_ACCOUNT_TYPES.includes(a.type))
    .map((a) => a.balance);
  return {
    currency,
    period,
    incomeTransactions: income,
    aggregations: aggregateIncome(income, period),
    totalBalance: toFixed(sum(balances)),
    categoryFigures: categoryFigures(income, period),
  };
}
