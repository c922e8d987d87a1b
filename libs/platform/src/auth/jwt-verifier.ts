import { createHmac, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config';
import { domainError } from '@hub/shared-kernel';
import { PlatformErrors } from '../errors/platform.errors';
import { INSTITUTION_ID_PATTERN, type Principal } from './principal';

function invalidToken() {
  return domainError(PlatformErrors.INVALID_TOKEN);
}

/** A token issued further than this in the future comes from a skewed or forging issuer. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** Verified tokens remembered (each until its `exp`), so a client's next request skips the crypto. */
const CACHE_SIZE = 1000;

/**
 * Verifies bearer JWTs: HS256 with AUTH_JWT_SECRET, RS256/ES256 with AUTH_JWT_PUBLIC_KEY or
 * the keys at AUTH_JWKS_URL. `exp` is required; `iss`/`aud` are checked when configured; an `iat`
 * more than a minute in the future and an `institutionId` that does not match
 * INSTITUTION_ID_PATTERN make the token invalid (401).
 * HS256 is checked with node:crypto directly (an HMAC and a constant-time compare: the hot path
 * of every request); RS256/ES256 go through jose. A token whose header names HS256 is only ever
 * checked against the secret, and one naming RS256/ES256 only against the public keys, so an HS256
 * token signed with the public key is refused. A verified token is remembered until its `exp` (at
 * most CACHE_SIZE of them, the oldest forgotten first): the cache key is the whole token, signature
 * included, so only the very same bytes hit it.
 */
@Injectable()
export class JwtVerifier {
  private readonly secret: Uint8Array | null;
  private readonly publicKey: KeyObject | null;
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly config: AppConfig) {
    const auth = config.auth;
    this.secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : null;
    this.publicKey = auth.jwtPublicKey ? createPublicKey(auth.jwtPublicKey) : null;
    this.jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : null;
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAtMs > Date.now()) return cached.principal;
      this.verified.delete(token);
    }
    const payload = await this.verifyPayload(token);
    const principal = this.principalOf(payload);
    if (this.verified.size >= CACHE_SIZE) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { principal, expiresAtMs: (payload.exp as number) * 1000 });
    return principal;
  }

  private principalOf(payload: JWTPayload): Principal {
    if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.exp !== 'number') {
      throw invalidToken();
    }
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
      throw invalidToken();
    }
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    const claim = payload.institutionId;
    if (
      claim !== undefined &&
      claim !== null &&
      (typeof claim !== 'string' || !INSTITUTION_ID_PATTERN.test(claim))
    ) {
      throw invalidToken();
    }
    const institutionId = typeof claim === 'string' ? claim : null;
    return { subject: payload.sub, scopes: new Set(scope.split(' ').filter(Boolean)), institutionId };
  }

  private async verifyPayload(token: string): Promise<JWTPayload> {
    const options = {
      issuer: this.config.auth.issuer ?? undefined,
      audience: this.config.auth.audience ?? undefined,
      requiredClaims: ['exp', 'sub'],
    };
    if (headerAlgorithm(token) === 'HS256') {
      if (!this.secret) throw invalidToken();
      return this.verifyHs256(token);
    }
    const attempts: Array<() => Promise<JWTPayload>> = [];
    if (this.publicKey) {
      const key = this.publicKey;
      attempts.push(
        async () => (await jwtVerify(token, key, { ...options, algorithms: ['RS256', 'ES256'] })).payload,
      );
    }
    if (this.jwks) {
      const jwks = this.jwks;
      attempts.push(
        async () => (await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256'] })).payload,
      );
    }
    for (const attempt of attempts) {
      try {
        return await attempt();
      } catch {
        // try the next key source; the caller only learns that the token is invalid
      }
    }
    throw invalidToken();
  }

  /** HS256 by hand, with the checks jose applies: signature, `exp`, `nbf`, `iss`, `aud`, `crit`. */
  private verifyHs256(token: string): JWTPayload {
    const parts = token.split('.');
    if (parts.length !== 3 || !this.secret || !parts.every((p) => BASE64URL.test(p))) throw invalidToken();
    const [header, body, signature] = parts;
    const expected = createHmac('sha256', this.secret).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
    const protectedHeader = parseJson(header);
    if (protectedHeader.crit !== undefined || protectedHeader.b64 !== undefined) throw invalidToken();
    const payload = parseJson(body) as JWTPayload;
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= now) throw invalidToken();
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now))
      throw invalidToken();
    if (payload.iat !== undefined && typeof payload.iat !== 'number') throw invalidToken();
    const { issuer, audience } = this.config.auth;
    if (issuer && payload.iss !== issuer) throw invalidToken();
    if (audience) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(audience)) throw invalidToken();
    }
    return payload;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The `alg` of a compact JWS's header, or null when the header is not readable. */
function headerAlgorithm(token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  try {
    const alg = parseJson(token.slice(0, dot)).alg;
    return typeof alg === 'string' ? alg : null;
  } catch {
    return null;
  }
}

/** A base64url JSON object (a JWT's header or payload); anything else is an invalid token. */
function parseJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidToken();
  return value as Record<string, unknown>;
}
