import { domainError, compare } from '@hub/shared-kernel';
import { SegmentErrors } from './segments.errors';
import type { IncomeCategory } from './income.types';

export const OFFER_KINDS = ['CARD', 'LOAN', 'INVESTMENT', 'INSURANCE'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** Criteria over a user's latest income-report figures; absent criteria do not restrict. */
export interface SegmentCriteria {
  readonly minTotalBalance?: string;
  readonly maxTotalBalance?: string;
  readonly minAverageMonthlyIncome?: string;
  readonly minMonthsWithIncome?: number;
  /**
   * Restricts the income criteria to income of these categories. Given without any income
   * criterion, it asks for some income of those categories (at least one month).
   */
  readonly incomeCategories?: readonly IncomeCategory[];
  /** The cash-flow report's averageMonthlyNet >= this (may be negative). */
  readonly minNetMonthlyCashFlow?: string;
  /** The cash-flow report's gamblingShare <= this (0 to 1). */
  readonly maxGamblingShare?: string;
  /** true: some day of the period ended below zero; false: none did. */
  readonly hadNegativeBalance?: boolean;
}

/** The figures criteria are compared with, already restricted to the criteria's categories. */
export interface MemberFigures {
  readonly currency: string;
  readonly totalBalance: string;
  readonly averageMonthlyIncome: string;
  readonly monthsWithIncome: number;
  /** From the case's cash-flow report; null when the report has none (built before cash flow existed). */
  readonly cashFlow: {
    readonly averageMonthlyNet: string;
    readonly gamblingShare: string;
    readonly daysBelowZero: number;
  } | null;
}

/** Rejects criteria that no one could meet or that make no sense (min above max). */
export function assertValidCriteria(criteria: SegmentCriteria): void {
  const problems: { field: string; reason: string }[] = [];
  if (
    criteria.minTotalBalance !== undefined &&
    criteria.maxTotalBalance !== undefined &&
    compare(criteria.minTotalBalance, criteria.maxTotalBalance) > 0
  ) {
    problems.push({ field: 'criteria.maxTotalBalance', reason: 'must not be below minTotalBalance' });
  }
  if (criteria.incomeCategories !== undefined && criteria.incomeCategories.length === 0) {
    problems.push({ field: 'criteria.incomeCategories', reason: 'must not be empty when given' });
  }
  if (problems.length > 0) throw domainError(SegmentErrors.INVALID_SEGMENT_CRITERIA, problems);
}

/** The months-with-income threshold actually applied (see `incomeCategories`). */
export function effectiveMinMonthsWithIncome(criteria: SegmentCriteria): number | undefined {
  if (criteria.minMonthsWithIncome !== undefined) return criteria.minMonthsWithIncome;
  if (criteria.incomeCategories !== undefined && criteria.minAverageMonthlyIncome === undefined) return 1;
  return undefined;
}

/**
 * The meaning of the criteria, on one user's figures. The repository evaluates the same
 * conditions in one SQL statement over all users; this is the reference its tests compare with.
 */
export function meetsCriteria(
  criteria: SegmentCriteria,
  segmentCurrency: string,
  figures: MemberFigures,
): boolean {
  if (figures.currency !== segmentCurrency) return false;
  if (criteria.minTotalBalance !== undefined && compare(figures.totalBalance, criteria.minTotalBalance) < 0)
    return false;
  if (criteria.maxTotalBalance !== undefined && compare(figures.totalBalance, criteria.maxTotalBalance) > 0)
    return false;
  if (
    criteria.minAverageMonthlyIncome !== undefined &&
    compare(figures.averageMonthlyIncome, criteria.minAverageMonthlyIncome) < 0
  ) {
    return false;
  }
  const minMonths = effectiveMinMonthsWithIncome(criteria);
  if (minMonths !== undefined && figures.monthsWithIncome < minMonths) return false;
  const needsCashFlow =
    criteria.minNetMonthlyCashFlow !== undefined ||
    criteria.maxGamblingShare !== undefined ||
    criteria.hadNegativeBalance !== undefined;
  if (!needsCashFlow) return true;
  const cf = figures.cashFlow;
  if (cf === null) return false;
  if (
    criteria.minNetMonthlyCashFlow !== undefined &&
    compare(cf.averageMonthlyNet, criteria.minNetMonthlyCashFlow) < 0
  )
    return false;
  if (criteria.maxGamblingShare !== undefined && compare(cf.gamblingShare, criteria.maxGamblingShare) > 0)
    return false;
  return criteria.hadNegativeBalance === undefined || criteria.hadNegativeBalance === cf.daysBelowZero > 0;
}
