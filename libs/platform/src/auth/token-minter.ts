import { SignJWT } from 'jose';

export interface MintTokenOptions {
  readonly secret: string;
  readonly subject?: string;
  readonly scopes: readonly string[];
  readonly institutionId?: string;
  /** Lifetime in seconds (default 8 hours). Negative values mint an expired token. */
  readonly expiresInSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Mints an HS256 token: for `npm run token`, the start-up banner and the tests. */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { scope: options.scopes.join(' ') };
  if (options.institutionId) claims.institutionId = options.institutionId;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? 'dev-user')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 8 * 3600));
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
