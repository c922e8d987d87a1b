import { OdsCustomers, type OdsLookupContext } from '../application/ports/ods-customers';

/** An ODS in memory for the service's unit tests: open and closed CIFs with their identifiers. */
export class InMemoryOdsCustomers extends OdsCustomers {
  private readonly cifs = new Map<string, { open: boolean; legalIds: string[]; mobiles: string[] }>();
  readonly lookups: OdsLookupContext[] = [];

  /** `everyCifOpen`: any CIF not added is taken as open (for tests that are not about the ODS). */
  constructor(private readonly options: { everyCifOpen?: boolean } = {}) {
    super();
  }

  add(cif: string, options: { open?: boolean; legalIds?: string[]; mobiles?: string[] } = {}): this {
    this.cifs.set(cif, {
      open: options.open ?? true,
      legalIds: options.legalIds ?? [],
      mobiles: options.mobiles ?? [],
    });
    return this;
  }

  async hasOpenCif(
    identifiers: { readonly legalId: string; readonly mobileNumber: string | null },
    context: OdsLookupContext,
  ): Promise<boolean> {
    this.lookups.push(context);
    return [...this.cifs.values()].some(
      (c) =>
        c.open &&
        (c.legalIds.includes(identifiers.legalId) ||
          (identifiers.mobileNumber !== null && c.mobiles.includes(identifiers.mobileNumber))),
    );
  }

  async isOpenCif(cif: string): Promise<boolean> {
    return this.cifs.get(cif)?.open ?? this.options.everyCifOpen ?? false;
  }
}
