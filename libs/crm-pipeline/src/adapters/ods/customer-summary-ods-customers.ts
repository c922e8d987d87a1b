import { Injectable } from '@nestjs/common';
import { CustomerSummaryErrors, CustomerSummaryService, OdsCustomerReader } from '@hub/customer-summary';
import { isErrorOf } from '@hub/shared-kernel';
import { OdsCustomers, type OdsLookupContext } from '../../application/ports/ods-customers';

/**
 * The CRM's view of the ODS through customer-summary's public API: the summary lookup (same
 * normalisation, same matching rules, audited like any other lookup) answers "does an open CIF
 * hold these identifiers"; the ODS reader answers "is this CIF known and open".
 */
@Injectable()
export class CustomerSummaryOdsCustomers extends OdsCustomers {
  constructor(
    private readonly summaries: CustomerSummaryService,
    private readonly reader: OdsCustomerReader,
  ) {
    super();
  }

  async hasOpenCif(
    identifiers: { readonly legalId: string; readonly mobileNumber: string | null },
    context: OdsLookupContext,
  ): Promise<boolean> {
    try {
      const result = await this.summaries.getSummary(identifiers, context);
      return result.total > 0;
    } catch (error) {
      // Several open CIFs hold these identifiers: the customer exists all the same.
      if (isErrorOf(error, CustomerSummaryErrors.DUPLICATE_CIF)) return true;
      throw error;
    }
  }

  async isOpenCif(cif: string): Promise<boolean> {
    const found = await this.reader.findCasaAccountsAndPayroll(cif);
    return found !== null && found.status !== 'CLOSED';
  }
}
