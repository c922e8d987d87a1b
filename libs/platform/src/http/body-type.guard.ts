import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { domainError, type ValidationError } from '@hub/shared-kernel';
import { PlatformErrors } from '../errors/platform.errors';

const NDJSON_BODY_KEY = 'hub:ndjson-body';

/** The route reads an `application/x-ndjson` body as a stream (`request.body` is a Readable). */
export const AcceptsNdjson = () => SetMetadata(NDJSON_BODY_KEY, true);

export function unsupportedContentType(expected: string): ValidationError {
  return domainError(
    PlatformErrors.BODY_TYPE_REQUIRED,
    [{ field: 'content-type', issues: ['isContentType'], message: `Content-Type must be ${expected}` }],
    { params: { expected } },
  );
}

function isStream(body: unknown): body is NodeJS.ReadableStream {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/**
 * NDJSON bodies are handed over as streams (constant memory for bulk loads). Only routes marked
 * `@AcceptsNdjson()` may receive one: anywhere else it is 400 UNSUPPORTED_CONTENT_TYPE before any
 * pipe or interceptor touches it. Runs after the auth guard, so 401/403 come first.
 */
@Injectable()
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isStream(request.body)) return true;
    if (
      this.reflector.getAllAndOverride<boolean>(NDJSON_BODY_KEY, [context.getHandler(), context.getClass()])
    )
      return true;
    request.body.resume(); // drain what the client sends; the answer does not wait for it
    throw unsupportedContentType('application/json');
  }
}
