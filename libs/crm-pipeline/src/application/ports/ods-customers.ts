/** Who asks, for the ODS's audit of identifier lookups. */
export interface OdsLookupContext {
  readonly actor: string;
  readonly requestId: string;
}

/**
 * What the CRM needs to know from the bank's ODS to check a combo-create's NTB/ETB
 * classification. Implemented over customer-summary's exported services (never a table join).
 */
export abstract class OdsCustomers {
  /**
   * Whether an open CIF holds this legal ID or this mobile number, by the customer summary's
   * matching rules (closed CIFs are no candidates; several candidates are a match too).
   */
  abstract hasOpenCif(
    identifiers: { readonly legalId: string; readonly mobileNumber: string | null },
    context: OdsLookupContext,
  ): Promise<boolean>;
  /** Whether the ODS knows this CIF and it is not CLOSED. */
  abstract isOpenCif(cif: string): Promise<boolean>;
}
