import fc from 'fast-check';
import { assembleLending, assemblePayroll, assembleSummary } from './customer-summary';
import {
  buildFacility,
  buildPayrollCredit,
  buildRecord,
  buildSnapshot,
} from '../testing/ods-snapshot.factory';
import type { OdsDeposit } from './ods-snapshot';

const deposit = (overrides: Partial<OdsDeposit>): OdsDeposit => ({
  productType: 'CURRENT_ACCOUNT',
  accountNumber: '1010000001',
  productName: null,
  currency: 'VND',
  balance: '1.00',
  availableBalance: null,
  principalAmount: null,
  interestRate: null,
  termMonths: null,
  openDate: null,
  maturityDate: null,
  status: 'ACTIVE',
  ...overrides,
});

describe('assembleSummary', () => {
  it('copies the basic information and groups facilities by product', () => {
    const summary = assembleSummary(
      buildRecord(
        buildSnapshot({
          email: 'an@example.vn',
          lending: [
            buildFacility({ productType: 'CREDIT_CARD', contractNumber: 'CC1' }),
            buildFacility({ productType: 'SECURED_LOAN', contractNumber: 'SL1' }),
            buildFacility({ productType: 'UNSECURED_LOAN', contractNumber: 'UL1' }),
            buildFacility({ productType: 'REVOLVING_LOAN', contractNumber: 'RL1' }),
            buildFacility({ productType: 'OVERDRAFT', contractNumber: 'OD1' }),
            buildFacility({ productType: 'CREDIT_CARD', contractNumber: 'CC2' }),
          ],
        }),
      ),
    );
    expect(summary.cif).toBe('7700000001');
    expect(summary.basicInfo).toMatchObject({
      fullName: 'Nguyễn Văn An',
      mobileNumbers: ['+84912000111'],
      email: 'an@example.vn',
    });
    const { creditCards, securedLoans, unsecuredLoans, revolvingLoans, overdrafts } = summary.lendingInfo;
    expect(creditCards.map((f) => f.contractNumber)).toEqual(['CC1', 'CC2']);
    expect(securedLoans.map((f) => f.contractNumber)).toEqual(['SL1']);
    expect(unsecuredLoans.map((f) => f.contractNumber)).toEqual(['UL1']);
    expect(revolvingLoans.map((f) => f.contractNumber)).toEqual(['RL1']);
    expect(overdrafts.map((f) => f.contractNumber)).toEqual(['OD1']);
  });

  it('orders facilities of a product newest first', () => {
    const { lendingInfo } = assembleSummary(
      buildRecord(
        buildSnapshot({
          lending: [
            buildFacility({ contractNumber: 'OLD', openDate: '2020-01-01' }),
            buildFacility({ contractNumber: 'NEW', openDate: '2026-01-01' }),
            buildFacility({ contractNumber: 'MID', openDate: '2023-01-01' }),
          ],
        }),
      ),
    );
    expect(lendingInfo.unsecuredLoans.map((f) => f.contractNumber)).toEqual(['NEW', 'MID', 'OLD']);
  });

  it('splits deposits into fixed deposits and CASA (current and savings)', () => {
    const { nonLendingInfo } = assembleSummary(
      buildRecord(
        buildSnapshot({
          deposits: [
            deposit({
              productType: 'FIXED_DEPOSIT',
              accountNumber: 'FD1',
              principalAmount: '100.00',
              termMonths: 12,
            }),
            deposit({ productType: 'CURRENT_ACCOUNT', accountNumber: 'CA1', availableBalance: '0.50' }),
            deposit({ productType: 'SAVINGS_ACCOUNT', accountNumber: 'SA1' }),
          ],
        }),
      ),
    );
    expect(nonLendingInfo.fixedDeposits).toEqual([
      expect.objectContaining({ accountNumber: 'FD1', principalAmount: '100.00', termMonths: 12 }),
    ]);
    expect(nonLendingInfo.casa).toEqual([
      {
        accountNumber: 'CA1',
        type: 'CURRENT',
        productName: null,
        currency: 'VND',
        balance: '1.00',
        availableBalance: '0.50',
        status: 'ACTIVE',
      },
      {
        accountNumber: 'SA1',
        type: 'SAVINGS',
        productName: null,
        currency: 'VND',
        balance: '1.00',
        availableBalance: null,
        status: 'ACTIVE',
      },
    ]);
    expect(nonLendingInfo.payroll).toBeNull();
  });
});

describe('assembleLending', () => {
  it('is empty for a customer without facilities', () => {
    expect(assembleLending([])).toEqual({
      creditCards: [],
      securedLoans: [],
      unsecuredLoans: [],
      revolvingLoans: [],
      overdrafts: [],
      totals: [],
      maxDaysPastDue: 0,
      worstDebtGroup: null,
    });
  });

  it('totals outstanding and overdue per currency over ACTIVE facilities only, sorted by currency', () => {
    const info = assembleLending([
      buildFacility({
        contractNumber: 'A',
        currency: 'VND',
        outstandingBalance: '1000000.10',
        overdueAmount: '0.00',
      }),
      buildFacility({
        contractNumber: 'B',
        currency: 'VND',
        outstandingBalance: '2000000.20',
        overdueAmount: '500.05',
        daysPastDue: 12,
      }),
      buildFacility({
        contractNumber: 'C',
        currency: 'USD',
        outstandingBalance: '0.10',
        overdueAmount: '0.20',
      }),
      buildFacility({ contractNumber: 'D', currency: 'VND', outstandingBalance: '999.00', status: 'CLOSED' }),
      buildFacility({
        contractNumber: 'E',
        currency: 'EUR',
        outstandingBalance: '5.00',
        status: 'WRITTEN_OFF',
      }),
    ]);
    expect(info.totals).toEqual([
      { currency: 'USD', outstanding: '0.10', overdue: '0.20' },
      { currency: 'VND', outstanding: '3000000.30', overdue: '500.05' },
    ]);
  });

  it.each([
    [0, 1, false],
    [9, 1, false],
    [10, 2, false],
    [90, 2, false],
    [91, 3, true],
    [180, 3, true],
    [181, 4, true],
    [360, 4, true],
    [361, 5, true],
  ])(
    'puts %p days past due in debt group %p (non-performing: %p) when the ODS gives none',
    (dpd, group, npl) => {
      const [f] = assembleLending([buildFacility({ daysPastDue: dpd })]).unsecuredLoans;
      expect(f.overdue).toEqual({
        daysPastDue: dpd,
        overdueAmount: '0.00',
        debtGroup: group,
        nonPerforming: npl,
      });
    },
  );

  it('keeps the debt group the ODS supplied', () => {
    const [f] = assembleLending([buildFacility({ daysPastDue: 0, debtGroup: 3 })]).unsecuredLoans;
    expect(f.overdue).toMatchObject({ debtGroup: 3, nonPerforming: true });
  });

  it('reports the maximum days past due and the worst debt group over facilities still owed', () => {
    const info = assembleLending([
      buildFacility({ contractNumber: 'A', daysPastDue: 45 }),
      buildFacility({ contractNumber: 'B', daysPastDue: 5, debtGroup: 3 }),
      buildFacility({ contractNumber: 'C', daysPastDue: 400, status: 'CLOSED' }),
    ]);
    expect(info.maxDaysPastDue).toBe(45);
    expect(info.worstDebtGroup).toBe(3);
    const writtenOff = assembleLending([buildFacility({ daysPastDue: 400, status: 'WRITTEN_OFF' })]);
    expect(writtenOff).toMatchObject({ maxDaysPastDue: 400, worstDebtGroup: 5, totals: [] });
  });

  it('lists payment history newest first', () => {
    const [f] = assembleLending([
      buildFacility({
        paymentHistory: [
          { period: '2026-08', dueAmount: '1.00', paidAmount: '1.00', paidDate: '2026-08-05', daysLate: 0 },
          { period: '2026-10', dueAmount: '1.00', paidAmount: null, paidDate: null, daysLate: null },
          { period: '2025-12', dueAmount: '1.00', paidAmount: '1.00', paidDate: '2026-01-20', daysLate: 5 },
          { period: '2026-09', dueAmount: '1.00', paidAmount: '1.00', paidDate: '2026-09-05', daysLate: 0 },
        ],
      }),
    ]).unsecuredLoans;
    expect(f.paymentHistory.map((p) => p.period)).toEqual(['2026-10', '2026-09', '2026-08', '2025-12']);
  });

  it('totals never depend on the order of facilities (property)', () => {
    const facilityArb = fc.record({
      currency: fc.constantFrom('VND', 'USD'),
      status: fc.constantFrom('ACTIVE' as const, 'CLOSED' as const, 'WRITTEN_OFF' as const),
      cents: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      dpd: fc.nat({ max: 800 }),
    });
    fc.assert(
      fc.property(fc.array(facilityArb, { maxLength: 12 }), (specs) => {
        const facilities = specs.map((s, i) =>
          buildFacility({
            contractNumber: `K${i}`,
            currency: s.currency,
            status: s.status,
            outstandingBalance: Number(s.cents / 100n) + '.' + String(s.cents % 100n).padStart(2, '0'),
            daysPastDue: s.dpd,
          }),
        );
        const a = assembleLending(facilities);
        const b = assembleLending([...facilities].reverse());
        expect(b.totals).toEqual(a.totals);
        expect(b.maxDaysPastDue).toBe(a.maxDaysPastDue);
        expect(b.worstDebtGroup).toBe(a.worstDebtGroup);
        const expectedVnd = specs
          .filter((s) => s.status === 'ACTIVE' && s.currency === 'VND')
          .reduce((t, s) => t + s.cents, 0n);
        const vnd = a.totals.find((t) => t.currency === 'VND');
        if (expectedVnd === 0n && !specs.some((s) => s.status === 'ACTIVE' && s.currency === 'VND'))
          expect(vnd).toBeUndefined();
        else expect(vnd!.outstanding.replace('.', '')).toBe(String(expectedVnd).padStart(3, '0'));
      }),
    );
  });
});

describe('assemblePayroll', () => {
  it('is null without credits', () => {
    expect(assemblePayroll([])).toBeNull();
  });

  it('averages the six latest periods, rounded half-up to 2 decimals, credits newest first', () => {
    const amounts = ['10.00', '10.00', '10.00', '10.00', '10.00', '10.01', '999.00'];
    const periods = ['2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04'];
    const credits = periods.map((period, i) =>
      buildPayrollCredit({ period, amount: amounts[i], creditDate: `${period}-25` }),
    );
    const payroll = assemblePayroll([...credits].reverse())!;
    // (5 * 10.00 + 10.01) / 6 = 10.001666... -> 10.00; the 7th period (999.00) is left out.
    expect(payroll.averageLast6Months).toBe('10.00');
    expect(payroll.credits.map((c) => c.period)).toEqual(periods);
    expect(payroll.lastCreditDate).toBe('2026-10-25');
    expect(payroll).toMatchObject({ employerName: 'Công ty TNHH ABC', currency: 'VND' });
  });

  it('rounds half-up', () => {
    const payroll = assemblePayroll([
      buildPayrollCredit({ period: '2026-10', amount: '0.01' }),
      buildPayrollCredit({ period: '2026-09', amount: '0.00' }),
    ])!;
    expect(payroll.averageLast6Months).toBe('0.01'); // 0.005 -> 0.01
  });

  it('averages over fewer periods when fewer exist', () => {
    const payroll = assemblePayroll([
      buildPayrollCredit({ period: '2026-10', amount: '30000000.00' }),
      buildPayrollCredit({ period: '2026-09', amount: '20000000.00' }),
    ])!;
    expect(payroll.averageLast6Months).toBe('25000000.00');
  });

  it('adds up several credits of one period (a bonus) before averaging', () => {
    const payroll = assemblePayroll([
      buildPayrollCredit({ period: '2026-10', amount: '20000000.00', creditDate: '2026-10-25' }),
      buildPayrollCredit({ period: '2026-10', amount: '10000000.00', creditDate: '2026-10-30' }),
      buildPayrollCredit({ period: '2026-09', amount: '20000000.00', creditDate: '2026-09-25' }),
    ])!;
    expect(payroll.averageLast6Months).toBe('25000000.00');
    expect(payroll.credits.map((c) => c.creditDate)).toEqual(['2026-10-30', '2026-10-25', '2026-09-25']);
    expect(payroll.lastCreditDate).toBe('2026-10-30');
  });

  it('summarises in the currency and employer of the latest credit', () => {
    const payroll = assemblePayroll([
      buildPayrollCredit({ period: '2026-09', amount: '1000.00', currency: 'USD', employerName: 'Old Co' }),
      buildPayrollCredit({ period: '2026-10', amount: '30000000.00', employerName: 'New Co' }),
    ])!;
    expect(payroll).toMatchObject({
      employerName: 'New Co',
      currency: 'VND',
      averageLast6Months: '30000000.00',
    });
    expect(payroll.credits).toHaveLength(1);
  });
});
