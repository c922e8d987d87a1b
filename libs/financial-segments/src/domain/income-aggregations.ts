import { dec, sum, toFixed, type Decimal } from '@hub/shared-kernel';
import { counterpartyKey, type IncomeTransaction } from './income-classifier';
import { INCOME_CATEGORIES, type IncomeCategory, monthOf } from './income.types';

export interface MonthTotal {
  readonly month: string;
  readonly total: string;
}

export interface CategoryTotal {
  readonly category: IncomeCategory;
  readonly total: string;
  readonly count: number;
}

export interface CategoryFigures {
  readonly category: IncomeCategory;
  readonly total: string;
  readonly count: number;
  /** One character per observed month, oldest first: '1' when the category brought income that month. */
  readonly months: string;
}

export interface IncomeAggregations {
  readonly totalIncome: string;
  readonly monthsObserved: number;
  readonly averageMonthlyIncome: string;
  /** Every month of the observed period, oldest first, months without income at "0.00". */
  readonly byMonth: MonthTotal[];
  /** Categories that have income, in the order of INCOME_CATEGORIES. */
  readonly byCategory: CategoryTotal[];
  readonly monthsWithIncome: number;
  readonly mainIncomeSource: { readonly counterpartName: string; readonly category: IncomeCategory } | null;
}

export interface Period {
  /** `YYYY-MM-DD` of the earliest and latest transaction of the case. */
  readonly from: string;
  readonly to: string;
}

/** The earliest and latest booking dates, or null without transactions. */
export function periodOf(dates: Iterable<string>): Period | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const d of dates) {
    if (from === null || d < from) from = d;
    if (to === null || d > to) to = d;
  }
  return from === null || to === null ? null : { from, to };
}

/** Calendar months from `from` to `to`, both included, as `YYYY-MM`. */
export function monthsOfPeriod(period: Period | null): string[] {
  if (period === null) return [];
  const months: string[] = [];
  let [y, m] = monthOf(period.from).split('-').map(Number);
  const last = monthOf(period.to);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * The aggregations of Appendix D. `period` spans all transactions of the case (not only the
 * income): `monthsObserved` counts its calendar months inclusive and
 * `averageMonthlyIncome = totalIncome / monthsObserved` (2 decimals, half-up; "0.00" when nothing
 * was observed).
 */
export function aggregateIncome(
  income: readonly IncomeTransaction[],
  period: Period | null,
): IncomeAggregations {
  const months = monthsOfPeriod(period);
  const total = sum(income.map((t) => t.amount));
  const perMonth = new Map(months.map((m) => [m, dec(0)]));
  for (const t of income) {
    const month = monthOf(t.bookingDate);
    perMonth.set(month, (perMonth.get(month) ?? dec(0)).plus(t.amount));
  }
  const byMonth = [...perMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, value]) => ({ month, total: toFixed(value) }));

  const byCategory: CategoryTotal[] = [];
  for (const category of INCOME_CATEGORIES) {
    const of = income.filter((t) => t.category === category);
    if (of.length > 0)
      byCategory.push({ category, total: toFixed(sum(of.map((t) => t.amount))), count: of.length });
  }

  return {
    totalIncome: toFixed(total),
    monthsObserved: months.length,
    averageMonthlyIncome: months.length === 0 ? '0.00' : toFixed(total.dividedBy(months.length)),
    byMonth,
    byCategory,
    monthsWithIncome: new Set(income.map((t) => monthOf(t.bookingDate))).size,
    mainIncomeSource: mainIncomeSource(income),
  };
}

/**
 * The counterparty that brought the most income (ties: more credits, then name), with the
 * category that brought most of its income.
 */
function mainIncomeSource(income: readonly IncomeTransaction[]): IncomeAggregations['mainIncomeSource'] {
  const sources = new Map<
    string,
    { name: string; total: Decimal; count: number; byCategory: Map<IncomeCategory, Decimal> }
  >();
  for (const t of income) {
    const key = counterpartyKey(t);
    let source = sources.get(key);
    if (!source) {
      source = { name: t.counterpartName, total: dec(0), count: 0, byCategory: new Map() };
      sources.set(key, source);
    }
    source.total = source.total.plus(t.amount);
    source.count += 1;
    source.byCategory.set(t.category, (source.byCategory.get(t.category) ?? dec(0)).plus(t.amount));
  }
  const best = [...sources.entries()].sort(
    ([ka, a], [kb, b]) => b.total.comparedTo(a.total) || b.count - a.count || ka.localeCompare(kb),
  )[0];
  if (!best) return null;
  const [category] = [...best[1].byCategory.entries()].sort(
    ([ca, a], [cb, b]) => b.comparedTo(a) || INCOME_CATEGORIES.indexOf(ca) - INCOME_CATEGORIES.indexOf(cb),
  )[0];
  return { counterpartName: best[1].name, category };
}

/**
 * Income per category with the months it came in, as a bit string over the observed months
 * (`'1'` at position i: income in the i-th month of the period). Segment criteria restricted
 * to categories are computed from these: the months with income of several categories are the
 * OR of their bit strings (all of one report have the same length).
 */
export function categoryFigures(
  income: readonly IncomeTransaction[],
  period: Period | null,
): CategoryFigures[] {
  const months = monthsOfPeriod(period);
  const index = new Map(months.map((m, i) => [m, i]));
  const figures: CategoryFigures[] = [];
  for (const category of INCOME_CATEGORIES) {
    const of = income.filter((t) => t.category === category);
    if (of.length === 0) continue;
    const bits = months.map(() => '0');
    for (const t of of) {
      const i = index.get(monthOf(t.bookingDate));
      if (i !== undefined) bits[i] = '1';
    }
    figures.push({
      category,
      total: toFixed(sum(of.map((t) => t.amount))),
      count: of.length,
      months: bits.join(''),
    });
  }
  return figures;
}
