import { assertValidCriteria, meetsCriteria, type MemberFigures } from './segment-criteria';

const figures = (o: Partial<MemberFigures> = {}): MemberFigures => ({
  currency: 'VND',
  totalBalance: '100000000.00',
  averageMonthlyIncome: '20000000.00',
  monthsWithIncome: 6,
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
