/** The wire vocabulary of Appendix D, shared by the domain, the persistence and the HTTP layer. */
export const INCOME_CATEGORIES = [
  'SALARY',
  'PENSION',
  'RENTAL',
  'SOCIAL_BENEFIT',
  'INTEREST',
  'OTHER_RECURRING',
] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

export const ACCOUNT_TYPES = ['CHECKING', 'SAVINGS', 'TERM_DEPOSIT', 'CREDIT_CARD', 'LOAN'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Accounts whose balances make up `totalBalance`. */
export const BALANCE_ACCOUNT_TYPES: readonly AccountType[] = ['CHECKING', 'SAVINGS', 'TERM_DEPOSIT'];

/** One booked transaction of a case, as the classifier sees it. Amounts: signed decimal strings. */
export interface CaseTransaction {
  readonly transactionId: string;
  /** `YYYY-MM-DD`. */
  readonly bookingDate: string;
  /** Signed decimal string; credits positive. */
  readonly amount: string;
  readonly currency: string;
  readonly purpose: string;
  readonly counterpartName: string;
  readonly counterpartAccount?: string | null;
  /** The case's account it is booked on, when known. */
  readonly accountNumber?: string;
}

export interface CaseAccount {
  readonly accountNumber: string;
  readonly type: AccountType;
  readonly currency: string;
  readonly balance: string;
}

/** `YYYY-MM` of a `YYYY-MM-DD` date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
