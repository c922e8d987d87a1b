import { aggregateIncome, categoryFigures, monthsOfPeriod, periodOf } from './income-aggregations';
import type { IncomeTransaction } from './income-classifier';
import { buildTransaction } from '../testing/transaction.factory';
import type { IncomeCategory } from './income.types';

const income = (
  bookingDate: string,
  amount: string,
  category: IncomeCategory,
  counterpartName = 'ACME',
): IncomeTransaction => ({
  ...buildTransaction({ bookingDate, amount, counterpartName }),
  category,
  matchedRule: 'KEYWORD:TEST',
});

describe('period and months observed', () => {
  it('spans the earliest to the latest date', () => {
    expect(periodOf(['2026-03-10', '2025-11-30', '2026-01-01'])).toEqual({
      from: '2025-11-30',
      to: '2026-03-10',
    });
    expect(periodOf([])).toBeNull();
  });

  it('counts calendar months inclusive, across a year end', () => {
    expect(monthsOfPeriod({ from: '2025-11-30', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOfPeriod({ from: '2026-05-01', to: '2026-05-31' })).toEqual(['2026-05']);
    expect(monthsOfPeriod({ from: '2024-01-01', to: '2025-12-31' })).toHaveLength(24);
  });
});

describe('aggregateIncome', () => {
  const txs = [
    income('2026-01-25', '20000000.00', 'SALARY'),
    income('2026-01-28', '3000000.50', 'RENTAL', 'Tenant'),
    income('2026-03-25', '20000000.00', 'SALARY'),
    income('2026-03-26', '1000000.00', 'OTHER_RECURRING', 'Tenant'),
  ];
  const period = { from: '2026-01-02', to: '2026-04-30' };
  const result = aggregateIncome(txs, period);

  it('totals the income', () => expect(result.totalIncome).toBe('44000000.50'));

  it('observes the months of all transactions of the case, not only the income ones', () => {
    expect(result.monthsObserved).toBe(4);
  });

  it('averages over the months observed', () => expect(result.averageMonthlyIncome).toBe('11000000.13'));

  it('lists every month of the period, zero ones included', () => {
    expect(result.byMonth).toEqual([
      { month: '2026-01', total: '23000000.50' },
      { month: '2026-02', total: '0.00' },
      { month: '2026-03', total: '21000000.00' },
      { month: '2026-04', total: '0.00' },
    ]);
  });

  it('groups by category in a fixed order with counts', () => {
    expect(result.byCategory).toEqual([
      { category: 'SALARY', total: '40000000.00', count: 2 },
      { category: 'RENTAL', total: '3000000.50', count: 1 },
      { category: 'OTHER_RECURRING', total: '1000000.00', count: 1 },
    ]);
  });

  it('counts the months with income', () => expect(result.monthsWithIncome).toBe(2));

  it('names the counterparty that brought most, with its main category', () => {
    expect(result.mainIncomeSource).toEqual({ counterpartName: 'ACME', category: 'SALARY' });
    const tenant = aggregateIncome(
      [
        income('2026-01-01', '100', 'RENTAL', 'Tenant'),
        income('2026-02-01', '300', 'OTHER_RECURRING', 'Tenant'),
        income('2026-02-01', '350', 'SALARY', 'X'),
      ],
      period,
    );
    expect(tenant.mainIncomeSource).toEqual({ counterpartName: 'Tenant', category: 'OTHER_RECURRING' });
  });

  it('gives zeros and no main source without income', () => {
    expect(aggregateIncome([], period)).toEqual({
      totalIncome: '0.00',
      monthsObserved: 4,
      averageMonthlyIncome: '0.00',
      byMonth: ['2026-01', '2026-02', '2026-03', '2026-04'].map((month) => ({ month, total: '0.00' })),
      byCategory: [],
      monthsWithIncome: 0,
      mainIncomeSource: null,
    });
    expect(aggregateIncome([], null)).toMatchObject({
      monthsObserved: 0,
      averageMonthlyIncome: '0.00',
      byMonth: [],
    });
  });

  it('adds decimals exactly', () => {
    const r = aggregateIncome(
      [income('2026-01-01', '0.10', 'SALARY'), income('2026-01-02', '0.20', 'SALARY')],
      { from: '2026-01-01', to: '2026-03-01' },
    );
    expect(r.totalIncome).toBe('0.30');
    expect(r.averageMonthlyIncome).toBe('0.10');
  });
});

describe('categoryFigures', () => {
  it('totals each category and marks its months over the observed period', () => {
    const period = { from: '2025-12-03', to: '2026-03-30' };
    expect(
      categoryFigures(
        [
          income('2026-02-01', '5', 'SALARY'),
          income('2025-12-31', '1', 'RENTAL'),
          income('2026-03-09', '2', 'RENTAL'),
          income('2026-03-10', '2', 'RENTAL'),
        ],
        period,
      ),
    ).toEqual([
      { category: 'SALARY', total: '5.00', count: 1, months: '0010' },
      { category: 'RENTAL', total: '5.00', count: 3, months: '1001' },
    ]);
  });
});
