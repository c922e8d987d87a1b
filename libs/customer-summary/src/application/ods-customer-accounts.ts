import { compare } from '@hub/shared-kernel';
import { casaSummaryOf } from '../domain/customer-summary';
import type { OdsCustomerSnapshot } from '../domain/ods-snapshot';
import type { OdsCustomerAccounts } from './ports/ods-customer-reader';

/**
 * The read port's answer computed from a snapshot, in the order the stored ODS's SQL gives:
 * CASA accounts (no fixed deposits) and term deposits, each by account number; payroll credits
 * newest first (period, then credit date, absent last, then the larger amount first).
 */
export function casaAccountsOf(s: OdsCustomerSnapshot): OdsCustomerAccounts {
  return {
    cif: s.cif,
    status: s.status,
    casaAccounts: s.deposits
      .filter((d) => d.productType !== 'FIXED_DEPOSIT')
      .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0))
      .map((d) => ({ ...casaSummaryOf(d), openDate: d.openDate })),
    termDeposits: s.deposits
      .filter((d) => d.productType === 'FIXED_DEPOSIT')
      .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0))
      .map((d) => ({
        accountNumber: d.accountNumber,
        currency: d.currency,
        balance: d.balance,
        status: d.status,
        maturityDate: d.maturityDate,
      })),
    payrollCredits: [...s.payroll]
      .sort(
        (a, b) =>
          cmpDesc(a.period, b.period) ||
          cmpDesc(a.creditDate ?? '', b.creditDate ?? '') ||
          compare(b.amount, a.amount),
      )
      .map((p) => ({
        employerName: p.employerName,
        accountNumber: p.accountNumber,
        period: p.period,
        amount: p.amount,
        currency: p.currency,
        creditDate: p.creditDate,
      })),
  };
}

function cmpDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
