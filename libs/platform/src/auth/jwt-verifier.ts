import { createPublicKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config';
import { invalidToken } from './auth.errors';
import { INSTITUTION_ID_PATTERN, type Principal } from './principal';

/** A token issued further than this in the future comes from a skewed or forging issuer. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies bearer JWTs: HS256 with AUTH_JWT_SECRET, RS256/ES256 with AUTH_JWT_PUBLIC_KEY or
 * the keys at AUTH_JWKS_URL. `exp` is required; `iss`/`aud` are checked when configured; an `iat`
 * more than a minute in the future and an `institutionId` that does not match
 * INSTITUTION_ID_PATTERN make the token invalid (401).
 */
@Injectable()
export class JwtVerifier {
  private readonly secret: Uint8Array | null;
  private readonly publicKey: KeyObject | null;
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(private readonly config: AppConfig) {
    const auth = config.auth;
    this.secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : null;
    this.publicKey = auth.jwtPublicKey ? createPublicKey(auth.jwtPublicKey) : null;
    this.jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : null;
  }

  async verify(token: string): Promise<Principal> {
    const payload = await this.verifyPayload(token);
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
    const attempts: Array<() => Promise<JWTPayload>> = [];
    if (this.secret) {
      const secret = this.secret;
      attempts.push(
        async () => (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload,
      );
    }
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
}
