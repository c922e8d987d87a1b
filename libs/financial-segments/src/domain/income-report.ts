import {
  aggregateIncome,
  categoryFigures,
  periodOf,
  type CategoryFigures,
  type IncomeAggregations,
  type Period,
} from './income-aggregations';
import { classifyIncome, type IncomeTransaction } from './income-classifier';
import type { CaseAccount, CaseTransaction } from './income.types';
import { type FxTable, moneyHeld, type MoneyHeld } from './money-held';

/** The income of one currency, aggregated over the case's whole period. */
export interface CurrencyIncome {
  readonly currency: string;
  readonly aggregations: IncomeAggregations;
}

export interface IncomeReportContent {
  /** The main currency: `aggregations`, `categoryFigures` and `totalBalance` are in it. */
  readonly currency: string;
  readonly period: Period | null;
  /** Income in every currency, each with its currency. */
  readonly incomeTransactions: IncomeTransaction[];
  readonly aggregations: IncomeAggregations;
  /** Every currency with income, alphabetical, the main one included. */
  readonly incomeByCurrency: CurrencyIncome[];
  /** Money held in every currency, converted into the report currency. */
  readonly totalBalance: string;
  readonly moneyHeld: MoneyHeld;
  readonly categoryFigures: CategoryFigures[];
}

/** No FX table: only the base currency (VND) converts, to itself. */
export const NO_FX: FxTable = { baseCurrency: 'VND', rates: [] };

const DEFAULT_CURRENCY = 'VND';

/**
 * The report's main currency: the one most of the case's transactions are in (ties: VND, then
 * alphabetical), or the accounts' when there are no transactions. Segment figures are in it.
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
 * The Income Report of a case over all of its accounts and transactions. Income is classified
 * per currency (transfers between any two of the case's accounts are not income) and aggregated
 * per currency over the case's whole period; `aggregations` are those of the main currency.
 * Money held (current, savings, term deposits) is converted with the FX table: per currency into
 * the base currency, and `totalBalance` into the report currency (see `moneyHeld`).
 */
export function buildIncomeReport(
  accounts: readonly CaseAccount[],
  transactions: readonly CaseTransaction[],
  fx: FxTable = NO_FX,
): IncomeReportContent {
  const currency = reportCurrency(accounts, transactions);
  const period = periodOf(transactions.map((t) => t.bookingDate));
  const own = accounts.map((a) => a.accountNumber);
  const currencies = [...new Set(transactions.map((t) => t.currency))].sort();
  const incomeOf = new Map(
    currencies.map((c) => [
      c,
      classifyIncome(
        transactions.filter((t) => t.currency === c),
        own,
      ),
    ]),
  );
  const byDate = (a: IncomeTransaction, b: IncomeTransaction) =>
    a.bookingDate.localeCompare(b.bookingDate) ||
    a.currency.localeCompare(b.currency) ||
    a.transactionId.localeCompare(b.transactionId);
  const main = [...(incomeOf.get(currency) ?? [])].sort(byDate);
  const incomeByCurrency = currencies
    .filter((c) => (incomeOf.get(c) ?? []).length > 0)
    .map((c) => ({ currency: c, aggregations: aggregateIncome(incomeOf.get(c) ?? [], period) }));
  const held = moneyHeld(accounts, currency, fx);
  return {
    currency,
    period,
    incomeTransactions: [...incomeOf.values()].flat().sort(byDate),
    aggregations: aggregateIncome(main, period),
    incomeByCurrency,
    totalBalance: held.totalBalance,
    moneyHeld: held.moneyHeld,
    categoryFigures: categoryFigures(main, period),
  };
}
