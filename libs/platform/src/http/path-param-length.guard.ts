import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The longest path parameter a route takes (an id, a token, a user id). */
export const MAX_PATH_PARAM_LENGTH = 100;

/**
 * Fastify's router is given a limit no URL reaches (Node refuses longer request lines itself), so
 * it never answers before authentication: an unauthenticated request is 401 whatever its path.
 */
export const ROUTER_MAX_PARAM_LENGTH = 65_536;

/** Over-long path parameter: the 414 URI_TOO_LONG the router used to give (same code, same mapping). */
export class PathParamTooLong extends Error {
  readonly code = 'FST_ERR_MAX_PARAM_LENGTH';
  readonly statusCode = 414;

  constructor() {
    super('A path parameter is too long');
    this.name = 'PathParamTooLong';
  }
}

/**
 * 414 URI_TOO_LONG for a path parameter longer than MAX_PATH_PARAM_LENGTH. A global guard
 * registered after the auth guard, so 401/403 come first.
 */
export class PathParamLengthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const params = context.switchToHttp().getRequest<FastifyRequest>().params;
    if (params && typeof params === 'object')
      for (const value of Object.values(params as Record<string, unknown>))
        if (typeof value === 'string' && value.length > MAX_PATH_PARAM_LENGTH) throw new PathParamTooLong();
    return true;
  }
}
