import { Injectable } from '@nestjs/common';
import { OdsCustomerReader } from '@hub/customer-summary';
import { OdsCasaSource, type OdsCasaSnapshot } from '../../application/ports/ods-casa-source';

/** The bank's own CASA accounts and payroll credits of a CIF, through customer-summary's ODS read port. */
@Injectable()
export class CustomerSummaryOdsCasaSource extends OdsCasaSource {
  constructor(private readonly reader: OdsCustomerReader) {
    super();
  }

  async read(cif: string): Promise<OdsCasaSnapshot | null> {
    const found = await this.reader.findCasaAccountsAndPayroll(cif);
    if (!found) return null;
    return {
      accounts: found.casaAccounts.map((a) => ({
        accountNumber: a.accountNumber,
        type: a.type,
        currency: a.currency,
        balance: a.balance,
        status: a.status,
      })),
      termDeposits: found.termDeposits.map((d) => ({
        accountNumber: d.accountNumber,
        currency: d.currency,
        balance: d.balance,
        status: d.status,
      })),
      payrollCredits: found.payrollCredits.map((p) => ({
        employerName: p.employerName,
        accountNumber: p.accountNumber,
        period: p.period,
        amount: p.amount,
        currency: p.currency,
        creditDate: p.creditDate,
      })),
    };
  }
}
