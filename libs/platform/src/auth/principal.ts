/** Who is calling, from a verified token. */
export interface Principal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  /** The card issuer the caller acts for (card-registry tokens). */
  readonly institutionId: string | null;
}

/** Every scope the hub knows (DESIGN §3). */
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
