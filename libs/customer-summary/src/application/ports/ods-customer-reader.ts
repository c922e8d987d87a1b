import type { CifStatus, DecimalString } from '@hub/shared-kernel';

/**
 * Read port for other modules (docs/architecture.md, docs/contracts/financial-segments.md): a CIF's CASA accounts with their balances and its
 * payroll credits, as the ODS holds them. financial-segments uses it to turn "the bank's own
 * CASA accounts of CIF X" into a data source. Import it from `@hub/customer-summary` and inject
 * it (CustomerSummaryModule exports the provider).
 */
export interface OdsCasaAccount {
  readonly accountNumber: string;
  readonly type: 'CURRENT' | 'SAVINGS';
  readonly productName: string | null;
  readonly currency: string;
  readonly balance: DecimalString;
  readonly availableBalance: DecimalString | null;
  readonly status: 'ACTIVE' | 'CLOSED';
  readonly openDate: string | null;
}

export interface OdsPayrollCreditRecord {
  readonly employerName: string;
  /** The CASA account the salary was credited to, when the ODS knows it. */
  readonly accountNumber: string | null;
  /** `YYYY-MM` */
  readonly period: string;
  readonly amount: DecimalString;
  readonly currency: string;
  /** `YYYY-MM-DD` */
  readonly creditDate: string | null;
}

/** A fixed (term) deposit: its principal is the balance. */
export interface OdsTermDeposit {
  readonly accountNumber: string;
  readonly currency: string;
  readonly balance: DecimalString;
  readonly status: 'ACTIVE' | 'CLOSED';
  readonly maturityDate: string | null;
}

export interface OdsCustomerAccounts {
  readonly cif: string;
  /** The CIF's status; a CLOSED CIF's accounts are still returned (mostly CLOSED themselves). */
  readonly status: CifStatus;
  /** Current and savings accounts (not fixed deposits), ordered by account number. */
  readonly casaAccounts: readonly OdsCasaAccount[];
  /** Fixed deposits, ordered by account number. */
  readonly termDeposits: readonly OdsTermDeposit[];
  /** Payroll credits, newest first (period, then credit date). */
  readonly payrollCredits: readonly OdsPayrollCreditRecord[];
}

export abstract class OdsCustomerReader {
  /** The CASA accounts and payroll credits of one CIF; null when the ODS does not know it. */
  abstract findCasaAccountsAndPayroll(cif: string): Promise<OdsCustomerAccounts | null>;
}
