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

  it('reports in the main currency and leaves other currencies out', () => {
    expect(report.currency).toBe('VND');
    expect(report.incomeTransactions.map((t) => t.transactionId)).toEqual(['t1', 't2']);
  });

  it('spans every transaction of the case', () => {
    expect(report.period).toEqual({ from: '2025-12-25', to: '2026-02-04' });
    expect(report.aggregations.monthsObserved).toBe(3);
    expect(report.aggregations.averageMonthlyIncome).toBe('13333333.33');
  });

  it('sums CHECKING and SAVINGS balances only', () => expect(report.totalBalance).toBe('60000000.25'));

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
