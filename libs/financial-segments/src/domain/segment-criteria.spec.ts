import { assertValidCriteria, meetsCriteria, type MemberFigures } from './segment-criteria';

const figures = (o: Partial<MemberFigures> = {}): MemberFigures => ({
  currency: 'VND',
  totalBalance: '100000000.00',
  averageMonthlyIncome: '20000000.00',
  monthsWithIncome: 6,
  cashFlow: { averageMonthlyNet: '1000000.00', gamblingShare: '0.0200', daysBelowZero: 0 },
  ...o,
});

describe('segment criteria', () => {
  it.each([
    [
      'minTotalBalance',
      { minTotalBalance: '100000000.00' },
      { totalBalance: '100000000.00' },
      { totalBalance: '99999999.99' },
    ],
    [
      'maxTotalBalance',
      { maxTotalBalance: '100000000.00' },
      { totalBalance: '100000000.00' },
      { totalBalance: '100000000.01' },
    ],
    [
      'minAverageMonthlyIncome',
      { minAverageMonthlyIncome: '20000000' },
      { averageMonthlyIncome: '20000000.00' },
      { averageMonthlyIncome: '19999999.99' },
    ],
    ['minMonthsWithIncome', { minMonthsWithIncome: 6 }, { monthsWithIncome: 6 }, { monthsWithIncome: 5 }],
    [
      'incomeCategories alone (some income of those)',
      { incomeCategories: ['PENSION'] as const },
      { monthsWithIncome: 1 },
      { monthsWithIncome: 0 },
    ],
    [
      'minNetMonthlyCashFlow',
      { minNetMonthlyCashFlow: '-500.00' },
      { cashFlow: { averageMonthlyNet: '-500.00', gamblingShare: '0.0000', daysBelowZero: 0 } },
      { cashFlow: { averageMonthlyNet: '-500.01', gamblingShare: '0.0000', daysBelowZero: 0 } },
    ],
    [
      'maxGamblingShare',
      { maxGamblingShare: '0.05' },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0500', daysBelowZero: 0 } },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0501', daysBelowZero: 0 } },
    ],
    [
      'hadNegativeBalance: true',
      { hadNegativeBalance: true },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0000', daysBelowZero: 1 } },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0000', daysBelowZero: 0 } },
    ],
    [
      'hadNegativeBalance: false',
      { hadNegativeBalance: false },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0000', daysBelowZero: 0 } },
      { cashFlow: { averageMonthlyNet: '0.00', gamblingShare: '0.0000', daysBelowZero: 3 } },
    ],
    [
      'a cash-flow criterion without a cash-flow report',
      { hadNegativeBalance: false },
      {},
      { cashFlow: null },
    ],
  ])('%s: meets on the edge, not beyond', (_name, criteria, inside, outside) => {
    expect(meetsCriteria(criteria, 'VND', figures(inside))).toBe(true);
    expect(meetsCriteria(criteria, 'VND', figures(outside))).toBe(false);
  });

  it('requires the segment currency', () => {
    expect(meetsCriteria({}, 'VND', figures())).toBe(true);
    expect(meetsCriteria({}, 'USD', figures())).toBe(false);
  });

  it('refuses min above max and empty category lists', () => {
    expect(() => assertValidCriteria({ minTotalBalance: '10', maxTotalBalance: '9.99' })).toThrow(
      expect.objectContaining({ code: 'INVALID_SEGMENT_CRITERIA' }),
    );
    expect(() => assertValidCriteria({ incomeCategories: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_SEGMENT_CRITERIA' }),
    );
    expect(() => assertValidCriteria({ minTotalBalance: '10', maxTotalBalance: '10' })).not.toThrow();
  });
});
