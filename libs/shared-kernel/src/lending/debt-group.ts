/**
 * Loan classification by days past due, State Bank of Vietnam Circular 31/2024/TT-NHNN
 * (which replaced 11/2021 for classification):
 *   group 1 (standard): current or under 10 days past due
 *   group 2 (special mention): 10-90 days
 *   group 3 (substandard): 91-180 days
 *   group 4 (doubtful): 181-360 days
 *   group 5 (loss): over 360 days
 * Groups 3 to 5 are non-performing.
 */
export type DebtGroup = 1 | 2 | 3 | 4 | 5;

export function debtGroupForDaysPastDue(daysPastDue: number): DebtGroup {
  if (!Number.isInteger(daysPastDue) || daysPastDue < 0) {
    throw new RangeError('daysPastDue must be a non-negative integer');
  }
  if (daysPastDue < 10) return 1;
  if (daysPastDue <= 90) return 2;
  if (daysPastDue <= 180) return 3;
  if (daysPastDue <= 360) return 4;
  return 5;
}

export function isNonPerforming(group: DebtGroup): boolean {
  return group >= 3;
}

/** The group the ODS supplied, else the one the days past due put the facility in. */
export function resolveDebtGroup(supplied: number | null | undefined, daysPastDue: number): DebtGroup {
  if (supplied !== null && supplied !== undefined) {
    if (!isDebtGroup(supplied)) throw new RangeError('debtGroup must be 1 to 5');
    return supplied;
  }
  return debtGroupForDaysPastDue(daysPastDue);
}

export function isDebtGroup(value: unknown): value is DebtGroup {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}
