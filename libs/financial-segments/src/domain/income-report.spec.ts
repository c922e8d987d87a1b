import { buildIncomeReport, reportCurrency } from './income-report';
import { buildAccount, buildTransaction } from '../testing/transaction.factory';

describe('buildIncomeReport', () => {
  const accounts = [
    buildAccount({ accountNumber: 'A1', type: 'CHECKING', balance: '10000000.00' }),
    buildAccount({ accountNumber: 'A2', type: 'SAVINGS', balance: '50000000.25' }),
    buildAccount({ accountNumber: 'A3', type: 'CREDIT_CARD', balance: '-2000000.00' }),
    buildAccount({ accountNumber: 'A4', type: 'LOAN', balance: '-90000000.00' }),
    buildAccount({ accountNumber: 'U1', type: 'CHECKING', currency: 'USD', balance: '1000.00' }),
  ];
  const transactions = [
    buildTransaction({
      transactionId: 't1',
      bookingDate: '2025-12-25',
      amount: '20000000.00',
      purpose: 'Lương T12',
      counterpartName: 'ACME',
    }),
    buildTransaction({
      transactionId: 't2',
      bookingDate: '2026-01-25',
      amount: '20000000.00',
      purpose: 'LUONG T1',
      counterpartName: 'ACME',
    }),
    buildTransaction({
      transactionId: 't3',
      bookingDate: '2026-01-26',
      amount: '5000000.00',
      purpose: 'chuyen tiet kiem',
      counterpartAccount: 'A2',
    }),
    buildTransaction({
      transactionId: 't4',
      bookingDate: '2026-02-03',
      amount: '-700000.00',
      purpose: 'mua sam',
    }),
    buildTransaction({
      transactionId: 't5',
      bookingDate: '2026-02-04',
      amount: '100.00',
      currency: 'USD',
      purpose: 'SALARY',
    }),
  ];
  const report = buildIncomeReport(accounts, transactions);

  it('aggregates the main currency, and every currency per currency', () => {
    expect(report.currency).toBe('VND');
    expect(report.aggregations.totalIncome).toBe('40000000.00');
    expect(report.incomeTransactions.map((t) => [t.transactionId, t.currency])).toEqual([
      ['t1', 'VND'],
      ['t2', 'VND'],
      ['t5', 'USD'],
    ]);
    expect(report.incomeByCurrency.map((c) => [c.currency, c.aggregations.totalIncome])).toEqual([
      ['USD', '100.00'],
      ['VND', '40000000.00'],
    ]);
    // The same period for every currency: the USD income is spread over the case's 3 months.
    expect(report.incomeByCurrency[0].aggregations.averageMonthlyIncome).toBe('33.33');
    expect(report.categoryFigures.map((c) => c.total)).toEqual(['40000000.00']);
  });

  it('spans every transaction of the case', () => {
    expect(report.period).toEqual({ from: '2025-12-25', to: '2026-02-04' });
    expect(report.aggregations.monthsObserved).toBe(3);
    expect(report.aggregations.averageMonthlyIncome).toBe('13333333.33');
  });

  it('sums CHECKING and SAVINGS balances only, and names a currency it cannot convert', () => {
    expect(report.totalBalance).toBe('60000000.25');
    expect(report.moneyHeld.missingRates).toEqual(['USD']);
    expect(report.moneyHeld.byCurrency).toEqual([
      { currency: 'USD', balance: '1000.00', rate: null, rateDate: null, inBaseCurrency: null },
      { currency: 'VND', balance: '60000000.25', rate: '1', rateDate: null, inBaseCurrency: '60000000.25' },
    ]);
  });

  it('converts other currencies with the FX table and counts term deposits', () => {
    const withDeposit = [
      ...accounts,
      buildAccount({ accountNumber: 'T1', type: 'TERM_DEPOSIT', balance: '200000000.00' }),
    ];
    const fx = { baseCurrency: 'VND', rates: [{ currency: 'USD', rate: '25400.5', date: '2026-11-30' }] };
    const converted = buildIncomeReport(withDeposit, transactions, fx);
    expect(converted.totalBalance).toBe('285400500.25');
    expect(converted.moneyHeld).toEqual({
      baseCurrency: 'VND',
      byCurrency: [
        {
          currency: 'USD',
          balance: '1000.00',
          rate: '25400.5',
          rateDate: '2026-11-30',
          inBaseCurrency: '25400500.00',
        },
        {
          currency: 'VND',
          balance: '260000000.25',
          rate: '1',
          rateDate: null,
          inBaseCurrency: '260000000.25',
        },
      ],
      totalInBaseCurrency: '285400500.25',
      missingRates: [],
    });
  });

  it('excludes transfers between any two accounts of the case', () => {
    expect(report.incomeTransactions.find((t) => t.transactionId === 't3')).toBeUndefined();
  });
});

describe('reportCurrency', () => {
  it('picks the most used currency, VND on a tie, the accounts when there are no transactions', () => {
    expect(
      reportCurrency(
        [],
        [buildTransaction({ currency: 'USD' }), buildTransaction({ currency: 'USD' }), buildTransaction()],
      ),
    ).toBe('USD');
    expect(reportCurrency([], [buildTransaction({ currency: 'USD' }), buildTransaction()])).toBe('VND');
    expect(reportCurrency([buildAccount({ currency: 'EUR' })], [])).toBe('EUR');
    expect(reportCurrency([], [])).toBe('VND');
  });
});
