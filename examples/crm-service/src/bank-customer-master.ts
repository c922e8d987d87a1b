import { Injectable } from '@nestjs/common';
import { OdsCustomers, type OdsLookupContext } from '@hub/crm-pipeline';
import { LegalId, MobileNumber } from '@hub/shared-kernel';

interface BankCustomer {
  readonly cif: string;
  readonly open: boolean;
  readonly legalIds: readonly string[];
  readonly mobiles: readonly string[];
}

/**
 * This service's own answer to "is this an existing customer?" (the CRM's `OdsCustomers` port),
 * instead of the hub's customer-summary module: a stand-in for a call to the bank's customer
 * master. Identifiers are normalised with the shared kernel, as the CRM normalises its input.
 */
@Injectable()
export class BankCustomerMaster extends OdsCustomers {
  static readonly CUSTOMERS: readonly BankCustomer[] = [
    { cif: '8800000001', open: true, legalIds: ['079088001234'], mobiles: ['+84988000111'] },
    { cif: '8800000002', open: false, legalIds: ['079088005678'], mobiles: [] },
  ];

  async hasOpenCif(
    identifiers: { readonly legalId: string; readonly mobileNumber: string | null },
    _context: OdsLookupContext,
  ): Promise<boolean> {
    const legalId = LegalId.tryParse(identifiers.legalId)?.value;
    const mobile = MobileNumber.tryParse(identifiers.mobileNumber)?.e164;
    return BankCustomerMaster.CUSTOMERS.some(
      (c) =>
        c.open &&
        ((legalId !== undefined && c.legalIds.includes(legalId)) ||
          (mobile !== undefined && c.mobiles.includes(mobile))),
    );
  }

  async isOpenCif(cif: string): Promise<boolean> {
    return BankCustomerMaster.CUSTOMERS.some((c) => c.cif === cif && c.open);
  }
}
