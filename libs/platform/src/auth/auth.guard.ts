import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOOKUP_ROUTES, RateLimiter, rateLimited, type RateLimitKind } from '../rate-limit/rate-limiter';
import { INSTITUTION_KEY, NOT_RATE_LIMITED_KEY, PUBLIC_KEY, SCOPES_KEY } from './auth.decorators';
import { domainError } from '@hub/shared-kernel';
import { PlatformErrors } from '../errors/platform.errors';
import { JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`. It also applies
 * the rate limits (OWASP API4): per principal (subject + institution) once the token is verified,
 * per client IP while it is not (no token, or a bad one) and on public routes (the web form), so
 * neither traffic nor token guessing is free; the health probes are exempt. Over the limit: 429
 * RATE_LIMITED; every limited answer has RateLimit-* headers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const kind: RateLimitKind = LOOKUP_ROUTES.has(`${request.method} ${request.routeOptions.url}`)
      ? 'lookup'
      : 'general';

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // No token to verify: the caller is its client IP, like a request with a bad token. The
      // health probes alone are exempt (/metrics and /docs are served outside the guard).
      if (!this.reflector.getAllAndOverride<boolean>(NOT_RATE_LIMITED_KEY, targets))
        await this.limit(kind, JSON.stringify(['ip', request.ip]), reply);
      return true;
    }

    let principal: Principal;
    try {
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i.exec(header) : null;
      if (!match) throw domainError(PlatformErrors.UNAUTHENTICATED);
      principal = await this.verifier.verify(match[1]);
    } catch (error) {
      await this.limit(kind, JSON.stringify(['ip', request.ip]), reply);
      throw error;
    }
    await this.limit(kind, JSON.stringify(['principal', principal.subject, principal.institutionId]), reply);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<string[]>(SCOPES_KEY, targets) ?? [];
    if (!required.every((scope) => principal.scopes.has(scope)))
      throw domainError(PlatformErrors.INSUFFICIENT_SCOPE, [{ requiredScopes: required }]);
    if (this.reflector.getAllAndOverride<boolean>(INSTITUTION_KEY, targets) && !principal.institutionId) {
      throw domainError(PlatformErrors.INSTITUTION_REQUIRED);
    }
    return true;
  }

  private async limit(kind: RateLimitKind, caller: string, reply: FastifyReply): Promise<void> {
    const state = await this.rateLimiter.take(kind, caller);
    if (!state) return;
    void reply.header('ratelimit-limit', String(state.limit));
    void reply.header('ratelimit-remaining', String(state.remaining));
    void reply.header('ratelimit-reset', String(state.resetSeconds));
    if (state.over) throw rateLimited(state.resetSeconds, state.limit);
  }
}
