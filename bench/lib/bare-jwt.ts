import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The baselines' JWT check: HS256 only, signature compared in constant time, `exp` required and
 * in the future, `sub` required. No cache. Returns the subject, or null when the token is refused.
 */
export function bareVerifyHs256(authorization: string | undefined, secret: Buffer): string | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  const token = authorization.slice(7);
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as { alg?: string };
  if (header.alg !== 'HS256') return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as { exp?: number; sub?: string };
  if (typeof payload.exp !== 'number' || payload.exp <= Date.now() / 1000) return null;
  return typeof payload.sub === 'string' ? payload.sub : null;
}
