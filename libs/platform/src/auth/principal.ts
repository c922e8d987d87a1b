/** Who is calling, from a verified token. */
export interface Principal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  /** The card issuer the caller acts for (card-registry tokens). */
  readonly institutionId: string | null;
}

/**
 * What an `institutionId` claim must look like: upper-case letters, digits and `-`, 1 to 64
 * characters (`INST-A`, `VCB`, `970436`). A token with any other value is invalid (401).
 */
export const INSTITUTION_ID_PATTERN = /^[A-Z0-9-]{1,64}$/;

/** Every scope the hub knows (docs/api-conventions.md). */
export const ALL_SCOPES = [
  'customer-summary:read',
  'ods:write',
  'crm:write',
  'crm:read',
  'cards:read',
  'cards:write',
  'segments:read',
  'segments:write',
] as const;

export type Scope = (typeof ALL_SCOPES)[number];
