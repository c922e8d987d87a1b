import { buildCashFlowReport } from './cash-flow';
import { buildAccount, buildTransaction } from '../testing/transaction.factory';

describe('buildCashFlowReport', () => {
  const accounts = [
    buildAccount({ accountNumber: 'C1', type: 'CHECKING', balance: '1000.00' }),
    buildAccount({ accountNumber: 'S1', type: 'SAVINGS', balance: '500.00' }),
    buildAccount({ accountNumber: 'CC', type: 'CREDIT_CARD', balance: '-300.00' }),
  ];
  const t = (id: string, bookingDate: string, amount: string, purpose: string, extra = {}) =>
    buildTransaction({ transactionId: id, bookingDate, amount, purpose, accountNumber: 'C1', ...extra });
  const transactions = [
    t('in1', '2026-01-05', '3000.00', 'LUONG'),
    t('rent1', '2026-01-06', '-1200.00', 'tien nha'),
    t('bet', '2026-01-20', '-300.00', 'ca cuoc'),
    t('own', '2026-01-21', '-400.00', 'chuyen tiet kiem', { counterpartAccount: 'S1' }),
    t('rent2', '2026-02-06', '-1200.00', 'tien nha'),
    t('elec', '2026-02-10', '-300.00', 'tien dien'),
    t('in2', '2026-03-05', '3000.00', 'LUONG'),
    t('card', '2026-03-06', '-900.00', 'sieu thi', { accountNumber: 'CC' }),
    t('usd', '2026-03-07', '-50.00', 'casino', { currency: 'USD' }),
  ];
  const report = buildCashFlowReport(
    accounts,
    transactions,
    'VND',
    { from: '2026-01-05', to: '2026-03-07' },
    '2000.00',
  );

  it('sums inflows and outflows per month, own transfers and other currencies left out', () => {
    expect(report.byMonth).toEqual([
      { month: '2026-01', inflow: '3000.00', outflow: '1500.00', net: '1500.00' },
      { month: '2026-02', inflow: '0.00', outflow: '1500.00', net: '-1500.00' },
      { month: '2026-03', inflow: '3000.00', outflow: '900.00', net: '2100.00' },
    ]);
    expect(report).toMatchObject({
      totalInflow: '6000.00',
      totalOutflow: '3900.00',
      averageMonthlyInflow: '2000.00',
      averageMonthlyOutflow: '1300.00',
      averageMonthlyNet: '700.00',
    });
    expect(report.outflowTransactions.map((o) => [o.transactionId, o.amount, o.category])).toEqual([
      ['rent1', '1200.00', 'HOUSING'],
      ['bet', '300.00', 'GAMBLING'],
      ['rent2', '1200.00', 'HOUSING'],
      ['elec', '300.00', 'UTILITIES'],
      ['card', '900.00', 'GROCERIES'],
    ]);
  });

  it('gives per-category totals, the gambling share and the affordability', () => {
    expect(report.byCategory).toEqual([
      { category: 'HOUSING', total: '2400.00', count: 2 },
      { category: 'UTILITIES', total: '300.00', count: 1 },
      { category: 'GROCERIES', total: '900.00', count: 1 },
      { category: 'GAMBLING', total: '300.00', count: 1 },
    ]);
    expect(report.gamblingShare).toBe('0.0769');
    // Fixed outflows (housing + utilities) 2700 over 3 months = 900; income 2000 - 900.
    expect(report.averageMonthlyFixedOutflow).toBe('900.00');
    expect(report.affordability).toBe('1100.00');
  });

  it('rebuilds end-of-day balances of the current and savings accounts backwards from today', () => {
    // Today 1500 (C1 + S1). The card purchase is on the card and the transfer from C1 to S1 stays
    // within them: neither moves their sum. End-of-day balances, walking back: 03-05..03-07 1500;
    // 02-10..03-04 -1500; 02-06..02-09 -1200; 01-20..02-05 0; 01-06..01-19 300; 01-05 1500.
    expect(report.lowestBalance).toBe('-1500.00');
    // 02-06..03-04 below zero: 23 + 4 = 27 days.
    expect(report.daysBelowZero).toBe(27);
  });

  it('is empty without transactions', () => {
    const empty = buildCashFlowReport(accounts, [], 'VND', null, '0.00');
    expect(empty).toMatchObject({
      monthsObserved: 0,
      byMonth: [],
      totalOutflow: '0.00',
      gamblingShare: '0.0000',
      lowestBalance: '1500.00',
      daysBelowZero: 0,
    });
  });
});
