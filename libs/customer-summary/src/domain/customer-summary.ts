// Over 300 lines on purpose: the summary's read model, field by field as the seed's getCusSummary
// lists them.
import {
  compare,
  dec,
  isNonPerforming,
  mean,
  resolveDebtGroup,
  sum,
  toFixed,
  type CifStatus,
  type DebtGroup,
  type DecimalString,
} from '@hub/shared-kernel';
import type {
  DepositStatus,
  Gender,
  IsoDate,
  LendingProductType,
  OdsAddress,
  OdsDeposit,
  OdsFacility,
  OdsLegalId,
  OdsPayrollCredit,
  Period,
} from './ods-snapshot';
import type { DataQualityCode } from './data-quality';
import type { DataAsOf, OdsSnapshotRecord } from './ods-snapshot-record';

/** The summary of one customer (docs/contracts/customer-summary.md `data[i]`): a read model, no behaviour. */
export interface CustomerSummary {
  readonly cif: string;
  readonly status: CifStatus;
  readonly basicInfo: BasicInfo;
  readonly lendingInfo: LendingInfo;
  readonly nonLendingInfo: NonLendingInfo;
  /** How old the data is: the ODS's extraction time and the load time. */
  readonly dataAsOf: DataAsOf;
  /** The CIF's data-quality flags (canonical order). */
  readonly dataQualityFlags: readonly DataQualityCode[];
}

export interface BasicInfo {
  readonly fullName: string;
  readonly dateOfBirth: IsoDate | null;
  readonly gender: Gender | null;
  readonly legalIds: readonly OdsLegalId[];
  readonly mobileNumbers: readonly string[];
  readonly email: string | null;
  readonly addresses: readonly OdsAddress[];
}

/** A facility as the summary shows it: the ODS's contract fields, its overdue state worked out. */
export interface FacilitySummary extends Pick<
  OdsFacility,
  | 'contractNumber'
  | 'productName'
  | 'currency'
  | 'limitAmount'
  | 'disbursedAmount'
  | 'outstandingBalance'
  | 'status'
  | 'openDate'
  | 'maturityDate'
  | 'interestRate'
> {
  readonly overdue: {
    readonly daysPastDue: number;
    readonly overdueAmount: DecimalString;
    readonly debtGroup: DebtGroup;
    readonly nonPerforming: boolean;
  };
  readonly paymentHistory: readonly PaymentSummary[];
}

export interface PaymentSummary {
  readonly period: Period;
  readonly dueAmount: DecimalString | null;
  readonly paidAmount: DecimalString | null;
  readonly paidDate: IsoDate | null;
  readonly daysLate: number | null;
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly outstanding: DecimalString;
  readonly overdue: DecimalString;
}

export interface LendingInfo {
  readonly creditCards: readonly FacilitySummary[];
  readonly securedLoans: readonly FacilitySummary[];
  readonly unsecuredLoans: readonly FacilitySummary[];
  readonly revolvingLoans: readonly FacilitySummary[];
  readonly overdrafts: readonly FacilitySummary[];
  readonly totals: readonly CurrencyTotal[];
  readonly maxDaysPastDue: number;
  readonly worstDebtGroup: DebtGroup | null;
}

export interface FixedDepositSummary {
  readonly accountNumber: string;
  readonly productName: string | null;
  readonly currency: string;
  readonly principalAmount: DecimalString | null;
  readonly balance: DecimalString;
  readonly interestRate: DecimalString | null;
  readonly termMonths: number | null;
  readonly openDate: IsoDate | null;
  readonly maturityDate: IsoDate | null;
  readonly status: DepositStatus;
}

export type CasaType = 'CURRENT' | 'SAVINGS';

export interface CasaSummary {
  readonly accountNumber: string;
  readonly type: CasaType;
  readonly productName: string | null;
  readonly currency: string;
  readonly balance: DecimalString;
  readonly availableBalance: DecimalString | null;
  readonly status: DepositStatus;
}

export interface PayrollSummary {
  readonly employerName: string;
  readonly currency: string;
  readonly lastCreditDate: IsoDate | null;
  readonly averageLast6Months: DecimalString;
  readonly credits: readonly {
    readonly period: Period;
    readonly amount: DecimalString;
    readonly creditDate: IsoDate | null;
  }[];
}

export interface NonLendingInfo {
  readonly fixedDeposits: readonly FixedDepositSummary[];
  readonly casa: readonly CasaSummary[];
  readonly payroll: PayrollSummary | null;
}

const GROUP_OF: Record<
  LendingProductType,
  keyof Omit<LendingInfo, 'totals' | 'maxDaysPastDue' | 'worstDebtGroup'>
> = {
  CREDIT_CARD: 'creditCards',
  SECURED_LOAN: 'securedLoans',
  UNSECURED_LOAN: 'unsecuredLoans',
  REVOLVING_LOAN: 'revolvingLoans',
  OVERDRAFT: 'overdrafts',
};

export const PAYROLL_AVERAGE_PERIODS = 6;

/** Builds the summary of one customer from its ODS record. Pure. */
export function assembleSummary(record: OdsSnapshotRecord): CustomerSummary {
  const { snapshot } = record;
  return {
    cif: snapshot.cif,
    status: snapshot.status,
    basicInfo: {
      fullName: snapshot.fullName,
      dateOfBirth: snapshot.dateOfBirth,
      gender: snapshot.gender,
      legalIds: snapshot.legalIds,
      mobileNumbers: snapshot.mobileNumbers,
      email: snapshot.email,
      addresses: snapshot.addresses,
    },
    lendingInfo: assembleLending(snapshot.lending),
    nonLendingInfo: {
      fixedDeposits: snapshot.deposits
        .filter((d) => d.productType === 'FIXED_DEPOSIT')
        .sort(byOpenDateDesc((d) => d.accountNumber))
        .map((d) => ({
          accountNumber: d.accountNumber,
          productName: d.productName,
          currency: d.currency,
          principalAmount: d.principalAmount,
          balance: d.balance,
          interestRate: d.interestRate,
          termMonths: d.termMonths,
          openDate: d.openDate,
          maturityDate: d.maturityDate,
          status: d.status,
        })),
      casa: snapshot.deposits
        .filter((d) => d.productType !== 'FIXED_DEPOSIT')
        .sort(byOpenDateDesc((d) => d.accountNumber))
        .map(casaSummaryOf),
      payroll: assemblePayroll(snapshot.payroll),
    },
    dataAsOf: {
      extractedAt: record.dataAsOf.extractedAt,
      loadedAt: record.dataAsOf.loadedAt,
      extractedAtSource: record.dataAsOf.extractedAtSource,
    },
    dataQualityFlags: [...record.dataQualityFlags],
  };
}

/**
 * Facilities grouped by product, newest first (open date, then contract number). Totals per
 * currency count ACTIVE facilities only. `maxDaysPastDue` and `worstDebtGroup` look at every
 * facility that is still owed (ACTIVE and WRITTEN_OFF, not CLOSED): a written-off debt is the
 * worst signal a relationship manager can see; `worstDebtGroup` is null when there is none.
 */
export function assembleLending(facilities: readonly OdsFacility[]): LendingInfo {
  const groups: Record<string, FacilitySummary[]> = {
    creditCards: [],
    securedLoans: [],
    unsecuredLoans: [],
    revolvingLoans: [],
    overdrafts: [],
  };
  const sorted = [...facilities].sort(byOpenDateDesc((f) => f.contractNumber));
  let maxDaysPastDue = 0;
  let worstDebtGroup: DebtGroup | null = null;
  const totals = new Map<string, { outstanding: DecimalString[]; overdue: DecimalString[] }>();

  for (const f of sorted) {
    const summary = assembleFacility(f);
    groups[GROUP_OF[f.productType]].push(summary);
    if (f.status !== 'CLOSED') {
      maxDaysPastDue = Math.max(maxDaysPastDue, f.daysPastDue);
      if (worstDebtGroup === null || summary.overdue.debtGroup > worstDebtGroup)
        worstDebtGroup = summary.overdue.debtGroup;
    }
    if (f.status === 'ACTIVE') {
      const t = totals.get(f.currency) ?? { outstanding: [], overdue: [] };
      t.outstanding.push(f.outstandingBalance);
      t.overdue.push(f.overdueAmount);
      totals.set(f.currency, t);
    }
  }

  return {
    creditCards: groups.creditCards,
    securedLoans: groups.securedLoans,
    unsecuredLoans: groups.unsecuredLoans,
    revolvingLoans: groups.revolvingLoans,
    overdrafts: groups.overdrafts,
    totals: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, t]) => ({
        currency,
        outstanding: toFixed(sum(t.outstanding)),
        overdue: toFixed(sum(t.overdue)),
      })),
    maxDaysPastDue,
    worstDebtGroup,
  };
}

export function assembleFacility(f: OdsFacility): FacilitySummary {
  const debtGroup = resolveDebtGroup(f.debtGroup, f.daysPastDue);
  return {
    contractNumber: f.contractNumber,
    productName: f.productName,
    currency: f.currency,
    limitAmount: f.limitAmount,
    disbursedAmount: f.disbursedAmount,
    outstandingBalance: f.outstandingBalance,
    status: f.status,
    openDate: f.openDate,
    maturityDate: f.maturityDate,
    interestRate: f.interestRate,
    overdue: {
      daysPastDue: f.daysPastDue,
      overdueAmount: f.overdueAmount,
      debtGroup,
      nonPerforming: isNonPerforming(debtGroup),
    },
    paymentHistory: [...f.paymentHistory]
      .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))
      .map((p) => ({
        period: p.period,
        dueAmount: p.dueAmount,
        paidAmount: p.paidAmount,
        paidDate: p.paidDate,
        daysLate: p.daysLate,
      })),
  };
}

/**
 * Payroll: credits newest first (period, then credit date). The summary is in the currency of
 * the most recent credit (its employer's name shown); credits in other currencies are left out. Several credits in one period (a bonus) add up to that period's amount.
 * `averageLast6Months` is the mean over the six most recent periods present (fewer if fewer
 * exist), rounded half-up to 2 decimals. Null when the customer has no payroll credit.
 */
export function assemblePayroll(credits: readonly OdsPayrollCredit[]): PayrollSummary | null {
  if (credits.length === 0) return null;
  const sorted = [...credits].sort((a, b) => {
    if (a.period !== b.period) return a.period < b.period ? 1 : -1;
    const ad = a.creditDate ?? '';
    const bd = b.creditDate ?? '';
    if (ad !== bd) return ad < bd ? 1 : -1;
    return compare(b.amount, a.amount);
  });
  const latest = sorted[0];
  const perPeriod = new Map<Period, DecimalString[]>();
  for (const c of sorted) {
    if (c.currency !== latest.currency) continue;
    const amounts = perPeriod.get(c.period) ?? [];
    amounts.push(c.amount);
    perPeriod.set(c.period, amounts);
  }
  const recent = [...perPeriod.keys()].slice(0, PAYROLL_AVERAGE_PERIODS).map((p) => sum(perPeriod.get(p)!));
  const lastCreditDate = sorted.reduce<IsoDate | null>(
    (max, c) =>
      c.currency === latest.currency && c.creditDate && (max === null || c.creditDate > max)
        ? c.creditDate
        : max,
    null,
  );
  return {
    employerName: latest.employerName,
    currency: latest.currency,
    lastCreditDate,
    averageLast6Months: mean(recent) ?? toFixed(dec(0)),
    credits: sorted
      .filter((c) => c.currency === latest.currency)
      .map((c) => ({ period: c.period, amount: c.amount, creditDate: c.creditDate })),
  };
}

function byOpenDateDesc<T extends { openDate: IsoDate | null }>(key: (x: T) => string) {
  return (a: T, b: T): number => {
    const ad = a.openDate ?? '';
    const bd = b.openDate ?? '';
    if (ad !== bd) return ad < bd ? 1 : -1;
    const ak = key(a);
    const bk = key(b);
    return ak < bk ? -1 : ak > bk ? 1 : 0;
  };
}

/** A current or savings account of the ODS as the summary shows it. */
export function casaSummaryOf(d: OdsDeposit): CasaSummary {
  return {
    accountNumber: d.accountNumber,
    type: d.productType === 'CURRENT_ACCOUNT' ? 'CURRENT' : 'SAVINGS',
    productName: d.productName,
    currency: d.currency,
    balance: d.balance,
    availableBalance: d.availableBalance,
    status: d.status,
  };
}
