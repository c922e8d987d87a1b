import type { CifStatus, DecimalString, LegalIdType } from '@hub/shared-kernel';

/**
 * One customer's full snapshot as the ODS holds it (docs/contracts/customer-summary.md), after validation and
 * normalisation: legal IDs upper-cased without spaces, mobiles in E.164, amounts as decimal
 * strings with 2 decimals (rates 4), optional fields `null` when absent.
 */
export type Gender = 'M' | 'F' | 'O';
export type AddressType = 'PERMANENT' | 'CONTACT';
export type LendingProductType =
  'CREDIT_CARD' | 'SECURED_LOAN' | 'UNSECURED_LOAN' | 'REVOLVING_LOAN' | 'OVERDRAFT';
export type FacilityStatus = 'ACTIVE' | 'CLOSED' | 'WRITTEN_OFF';
export type DepositProductType = 'FIXED_DEPOSIT' | 'CURRENT_ACCOUNT' | 'SAVINGS_ACCOUNT';
export type DepositStatus = 'ACTIVE' | 'CLOSED';

export const GENDERS: readonly Gender[] = ['M', 'F', 'O'];
export const ADDRESS_TYPES: readonly AddressType[] = ['PERMANENT', 'CONTACT'];
export const LENDING_PRODUCT_TYPES: readonly LendingProductType[] = [
  'CREDIT_CARD',
  'SECURED_LOAN',
  'UNSECURED_LOAN',
  'REVOLVING_LOAN',
  'OVERDRAFT',
];
export const FACILITY_STATUSES: readonly FacilityStatus[] = ['ACTIVE', 'CLOSED', 'WRITTEN_OFF'];
export const DEPOSIT_PRODUCT_TYPES: readonly DepositProductType[] = [
  'FIXED_DEPOSIT',
  'CURRENT_ACCOUNT',
  'SAVINGS_ACCOUNT',
];
export const DEPOSIT_STATUSES: readonly DepositStatus[] = ['ACTIVE', 'CLOSED'];

/** `YYYY-MM-DD` */
export type IsoDate = string;
/** `YYYY-MM` */
export type Period = string;

export interface OdsLegalId {
  readonly type: LegalIdType;
  readonly number: string;
  readonly issueDate: IsoDate | null;
  readonly issuePlace: string | null;
}

export interface OdsAddress {
  readonly type: AddressType;
  readonly line: string;
  readonly ward: string | null;
  readonly district: string | null;
  readonly province: string | null;
  readonly country: string;
}

export interface OdsPayment {
  readonly period: Period;
  readonly dueAmount: DecimalString | null;
  readonly paidAmount: DecimalString | null;
  readonly paidDate: IsoDate | null;
  readonly daysLate: number | null;
}

export interface OdsFacility {
  readonly productType: LendingProductType;
  readonly contractNumber: string;
  readonly productName: string | null;
  readonly currency: string;
  readonly limitAmount: DecimalString | null;
  readonly disbursedAmount: DecimalString | null;
  readonly outstandingBalance: DecimalString;
  readonly status: FacilityStatus;
  readonly openDate: IsoDate | null;
  readonly maturityDate: IsoDate | null;
  readonly interestRate: DecimalString | null;
  readonly daysPastDue: number;
  readonly overdueAmount: DecimalString;
  /** The group the ODS supplied (1-5), or null when the hub must compute it. */
  readonly debtGroup: number | null;
  readonly paymentHistory: readonly OdsPayment[];
}

export interface OdsDeposit {
  readonly productType: DepositProductType;
  readonly accountNumber: string;
  readonly productName: string | null;
  readonly currency: string;
  readonly balance: DecimalString;
  readonly availableBalance: DecimalString | null;
  readonly principalAmount: DecimalString | null;
  readonly interestRate: DecimalString | null;
  readonly termMonths: number | null;
  readonly openDate: IsoDate | null;
  readonly maturityDate: IsoDate | null;
  readonly status: DepositStatus;
}

export interface OdsPayrollCredit {
  readonly employerName: string;
  readonly accountNumber: string | null;
  readonly period: Period;
  readonly amount: DecimalString;
  readonly currency: string;
  readonly creditDate: IsoDate | null;
}

export interface OdsCustomerSnapshot {
  readonly cif: string;
  /**
   * When the ODS extracted this snapshot from the core systems: RFC 3339 in the feed, held as an
   * ISO 8601 UTC instant with milliseconds (`2026-10-31T18:00:00.000Z`).
   */
  readonly extractedAt: string;
  readonly status: CifStatus;
  readonly fullName: string;
  readonly dateOfBirth: IsoDate | null;
  readonly gender: Gender | null;
  readonly legalIds: readonly OdsLegalId[];
  /** E.164, distinct. */
  readonly mobileNumbers: readonly string[];
  readonly email: string | null;
  readonly addresses: readonly OdsAddress[];
  readonly lending: readonly OdsFacility[];
  readonly deposits: readonly OdsDeposit[];
  readonly payroll: readonly OdsPayrollCredit[];
}
