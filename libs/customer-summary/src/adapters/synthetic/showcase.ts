/** The identifiers of the showcase customers, for the README and the tests. */
export const SHOWCASE = {
  /** One hit: every product type, VND and USD, an overdue facility in each debt group. */
  hit: { cif: '7700000001', legalId: '079090001234', mobileNumber: '0912000111' },
  /** Two open CIFs share this mobile number: 409 DUPLICATE_CIF. */
  sharedMobile: {
    mobileNumber: '0988000222',
    cifs: ['7700000002', '7700000003'],
    legalIdOfFirst: '001190004567',
  },
  /** A closed CIF and the open one that replaced it share this passport and mobile. */
  reopened: {
    legalId: 'B1234567',
    mobileNumber: '0977000444',
    closedCif: '7700000004',
    openCif: '7700000005',
  },
  /** Identifiers nobody holds: 200 with total 0. */
  miss: { legalId: '079199999999', mobileNumber: '0909999999' },
} as const;

/** Identifiers no random customer is given (the showcase's, and the miss). */
export const RESERVED_LEGAL_IDS = new Set<string>([
  SHOWCASE.hit.legalId,
  SHOWCASE.sharedMobile.legalIdOfFirst,
  '012345678',
  SHOWCASE.reopened.legalId,
  SHOWCASE.miss.legalId,
]);
export const RESERVED_MOBILES = new Set<string>(
  [
    SHOWCASE.hit.mobileNumber,
    SHOWCASE.sharedMobile.mobileNumber,
    SHOWCASE.reopened.mobileNumber,
    SHOWCASE.miss.mobileNumber,
  ].map((m) => m.slice(1)),
);
