import { debtGroupForDaysPastDue, isNonPerforming, resolveDebtGroup } from './debt-group';

describe('SBV debt groups (Circular 31/2024)', () => {
  it.each([
    [0, 1],
    [9, 1],
    [10, 2],
    [90, 2],
    [91, 3],
    [180, 3],
    [181, 4],
    [360, 4],
    [361, 5],
    [5000, 5],
  ])('%i days past due is group %i', (days, group) => {
    expect(debtGroupForDaysPastDue(days)).toBe(group);
  });

  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
    [5, true],
  ] as const)('group %i non-performing: %s', (group, npl) => {
    expect(isNonPerforming(group)).toBe(npl);
  });

  it('prefers the group the ODS supplied', () => {
    expect(resolveDebtGroup(3, 0)).toBe(3);
    expect(resolveDebtGroup(null, 95)).toBe(3);
    expect(resolveDebtGroup(undefined, 9)).toBe(1);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p days', (days) => {
    expect(() => debtGroupForDaysPastDue(days)).toThrow(RangeError);
  });

  it('refuses a supplied group outside 1..5', () => {
    expect(() => resolveDebtGroup(6, 0)).toThrow(RangeError);
  });
});
