/**
 * The bank's own CASA accounts, term deposits and payroll credits of a CIF, as the ODS holds them. Adapted to
 * customer-summary's ODS read port (`OdsCustomerReader` from @hub/customer-summary).
 */
export interface OdsCasaSnapshot {
  readonly accounts: readonly {
    readonly accountNumber: string;
    readonly type: 'CURRENT' | 'SAVINGS';
    readonly currency: string;
    readonly balance: string;
    readonly status: 'ACTIVE' | 'CLOSED';
  }[];
  /** Fixed (term) deposits: the principal is the balance. */
  readonly termDeposits: readonly {
    readonly accountNumber: string;
    readonly currency: string;
    readonly balance: string;
    readonly status: 'ACTIVE' | 'CLOSED';
  }[];
  readonly payrollCredits: readonly {
    readonly employerName: string;
    readonly accountNumber: string | null;
    readonly period: string;
    readonly amount: string;
    readonly currency: string;
    readonly creditDate: string | null;
  }[];
}

export abstract class OdsCasaSource {
  /** Null when the ODS does not know the CIF. */
  abstract read(cif: string): Promise<OdsCasaSnapshot | null>;
}
