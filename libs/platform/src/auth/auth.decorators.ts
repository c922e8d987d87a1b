import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiErrors } from '../errors/api-errors.decorator';
import { PlatformErrors } from '../errors/platform.errors';
import type { Principal, Scope } from './principal';

export const SCOPES_KEY = 'hub:scopes';
export const PUBLIC_KEY = 'hub:public';
export const INSTITUTION_KEY = 'hub:institution';

/**
 * Declares the scopes a route needs (all of them). Documents the bearer scheme, the scopes
 * (as `x-required-scopes`) and the 401/403 answers in the OpenAPI document.
 */
export function RequireScopes(...scopes: Scope[]) {
  return applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth('bearer'),
    ApiExtension('x-required-scopes', scopes),
    ApiErrors(
      PlatformErrors.UNAUTHENTICATED,
      PlatformErrors.INVALID_TOKEN,
      PlatformErrors.INSUFFICIENT_SCOPE,
    ),
  );
}

/** The route also needs an `institutionId` claim (card registry): 403 without one. */
export const RequireInstitution = () =>
  applyDecorators(SetMetadata(INSTITUTION_KEY, true), ApiErrors(PlatformErrors.INSTITUTION_REQUIRED));

/** Marks a public route the rate limits do not apply to (the health probes). */
export const NOT_RATE_LIMITED_KEY = 'hub:not-rate-limited';

/**
 * No token needed. The route is still rate limited per client IP (unauthenticated traffic is never
 * free: the financial-segments web form, whose process token is its credential, is limited like a
 * bad token), unless `rateLimited: false`, which only the health probes use: a load balancer or an
 * orchestrator polling from one address must never be refused, or it takes the instance out. The
 * document says so on such an operation (`x-rate-limited: false`, and no 429).
 */
export const Public = (options: { rateLimited?: boolean } = {}) =>
  options.rateLimited === false
    ? applyDecorators(
        SetMetadata(PUBLIC_KEY, true),
        SetMetadata(NOT_RATE_LIMITED_KEY, true),
        ApiExtension('x-rate-limited', false),
      )
    : SetMetadata(PUBLIC_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
