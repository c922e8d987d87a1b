import { dec, sum, toFixed, type Decimal } from '@hub/shared-kernel';
import { monthsOfPeriod, type Period } from './income-aggregations';
import { monthOf, type CaseAccount, type CaseTransaction } from './income.types';
import { normalizeAccountNumber } from './income-classifier';
import {
  classifyOutflows,
  FIXED_OUTFLOW_CATEGORIES,
  isOwnTransfer,
  OUTFLOW_CATEGORIES,
  type OutflowCategory,
  type OutflowTransaction,
} from './outflow-classifier';

/** Accounts whose day-by-day balance is followed (money the user can spend). */
export const LIQUID_ACCOUNT_TYPES: readonly CaseAccount['type'][] = ['CHECKING', 'SAVINGS'];

export interface CashFlowMonth {
  readonly month: string;
  readonly inflow: string;
  readonly outflow: string;
  readonly net: string;
}

export interface OutflowCategoryTotal {
  readonly category: OutflowCategory;
  readonly total: string;
  readonly count: number;
}

export interface CashFlowReportContent {
  readonly currency: string;
  readonly period: Period | null;
  readonly monthsObserved: number;
  /** Debits, as positive amounts, with their category and rule; transfers between own accounts left out. */
  readonly outflowTransactions: OutflowTransaction[];
  readonly totalInflow: string;
  readonly totalOutflow: string;
  readonly averageMonthlyInflow: string;
  readonly averageMonthlyOutflow: string;
  readonly averageMonthlyNet: string;
  /** Every observed month, oldest first. */
  readonly byMonth: CashFlowMonth[];
  /** Categories with outflows, in the order of OUTFLOW_CATEGORIES. */
  readonly byCategory: OutflowCategoryTotal[];
  /** The lowest end-of-day balance of the current and savings accounts over the period; null without any. */
  readonly lowestBalance: string | null;
  /** Days of the period that ended with those accounts below zero. */
  readonly daysBelowZero: number;
  /** Average fixed outflows a month (housing, utilities, loan repayments, insurance). */
  readonly averageMonthlyFixedOutflow: string;
  /** Average monthly income minus average fixed outflows. */
  readonly affordability: string;
  /** Gambling outflows / all outflows, 4 decimals; "0.0000" without outflows. */
  readonly gamblingShare: string;
}

/**
 * The Cash-flow Report of a case in the report currency (other currencies are not converted
 * here; their income is in the income report per currency). Inflows are credits, outflows
 * debits; transfers between the case's own accounts are neither. The end-of-day balance of the
 * current and savings accounts is rebuilt backwards from today's balances (each day's balance =
 * today's minus the transactions booked after that day), over the case's period.
 */
export function buildCashFlowReport(
  accounts: readonly CaseAccount[],
  transactions: readonly CaseTransaction[],
  currency: string,
  period: Period | null,
  averageMonthlyIncome: string,
): CashFlowReportContent {
  const own = new Set(accounts.map((a) => normalizeAccountNumber(a.accountNumber)));
  const inCurrency = transactions.filter((t) => t.currency === currency);
  const moving = inCurrency.filter((t) => !isOwnTransfer(t, own));
  const outflows = classifyOutflows(inCurrency, own)
    .map((t) => ({ ...t, amount: toFixed(dec(t.amount).negated()) }))
    .sort(
      (a, b) => a.bookingDate.localeCompare(b.bookingDate) || a.transactionId.localeCompare(b.transactionId),
    );
  const inflows = moving.filter((t) => dec(t.amount).greaterThan(0));

  const months = monthsOfPeriod(period);
  const perMonth = new Map(months.map((m) => [m, { inflow: dec(0), outflow: dec(0) }]));
  for (const t of inflows) {
    const cell = perMonth.get(monthOf(t.bookingDate));
    if (cell) cell.inflow = cell.inflow.plus(t.amount);
  }
  for (const t of outflows) {
    const cell = perMonth.get(monthOf(t.bookingDate));
    if (cell) cell.outflow = cell.outflow.plus(t.amount);
  }
  const byMonth = months.map((month) => {
    const { inflow, outflow } = perMonth.get(month) as { inflow: Decimal; outflow: Decimal };
    return { month, inflow: toFixed(inflow), outflow: toFixed(outflow), net: toFixed(inflow.minus(outflow)) };
  });

  const byCategory: OutflowCategoryTotal[] = [];
  for (const category of OUTFLOW_CATEGORIES) {
    const of = outflows.filter((t) => t.category === category);
    if (of.length > 0)
      byCategory.push({ category, total: toFixed(sum(of.map((t) => t.amount))), count: of.length });
  }
  const totalInflow = sum(inflows.map((t) => t.amount));
  const totalOutflow = sum(outflows.map((t) => t.amount));
  const fixed = sum(
    outflows.filter((t) => FIXED_OUTFLOW_CATEGORIES.includes(t.category)).map((t) => t.amount),
  );
  const gambling = sum(outflows.filter((t) => t.category === 'GAMBLING').map((t) => t.amount));
  const perMonthAverage = (total: Decimal) =>
    months.length === 0 ? '0.00' : toFixed(total.dividedBy(months.length));
  const averageMonthlyFixedOutflow = perMonthAverage(fixed);
  const { lowestBalance, daysBelowZero } = balanceHistory(accounts, inCurrency, currency, period);
  return {
    currency,
    period,
    monthsObserved: months.length,
    outflowTransactions: outflows,
    totalInflow: toFixed(totalInflow),
    totalOutflow: toFixed(totalOutflow),
    averageMonthlyInflow: perMonthAverage(totalInflow),
    averageMonthlyOutflow: perMonthAverage(totalOutflow),
    averageMonthlyNet: perMonthAverage(totalInflow.minus(totalOutflow)),
    byMonth,
    byCategory,
    lowestBalance,
    daysBelowZero,
    averageMonthlyFixedOutflow,
    affordability: toFixed(dec(averageMonthlyIncome).minus(averageMonthlyFixedOutflow)),
    gamblingShare: totalOutflow.isZero() ? '0.0000' : toFixed(gambling.dividedBy(totalOutflow), 4),
  };
}

/**
 * End-of-day balances of the liquid accounts in `currency`, from the first to the last day of
 * the period, rebuilt backwards from today's balances.
 */
function balanceHistory(
  accounts: readonly CaseAccount[],
  transactions: readonly CaseTransaction[],
  currency: string,
  period: Period | null,
): { lowestBalance: string | null; daysBelowZero: number } {
  const liquid = accounts.filter((a) => a.currency === currency && LIQUID_ACCOUNT_TYPES.includes(a.type));
  if (liquid.length === 0 || period === null) {
    return {
      lowestBalance: liquid.length === 0 ? null : toFixed(sum(liquid.map((a) => a.balance))),
      daysBelowZero: 0,
    };
  }
  // Only the liquid accounts' own bookings move their balance (a transaction whose account is not
  // known is taken to be on them); a transfer between two of them moves nothing in their sum.
  const numbers = new Set(liquid.map((a) => a.accountNumber));
  const liquidNumbers = new Set(liquid.map((a) => normalizeAccountNumber(a.accountNumber)));
  const moves = transactions.filter(
    (x) =>
      (x.accountNumber === undefined || numbers.has(x.accountNumber)) && !isOwnTransfer(x, liquidNumbers),
  );
  const perDay = new Map<string, Decimal>();
  for (const t of moves) perDay.set(t.bookingDate, (perDay.get(t.bookingDate) ?? dec(0)).plus(t.amount));
  let balance = sum(liquid.map((a) => a.balance));
  let lowest = balance;
  let below = 0;
  // Walk back from the last day: the end of day d is the end of day d+1 minus day d+1's bookings.
  for (let day = period.to; ; day = previousDay(day)) {
    if (balance.lessThan(lowest)) lowest = balance;
    if (balance.isNegative() && !balance.isZero()) below += 1;
    if (day <= period.from) break;
    balance = balance.minus(perDay.get(day) ?? 0);
  }
  return { lowestBalance: toFixed(lowest), daysBelowZero: below };
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
