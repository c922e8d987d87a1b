import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationError } from '@hub/shared-kernel';

/** The media type of a request, lower case, without parameters ('' when absent). */
export function mediaTypeOf(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

export function unsupportedContentType(expected: string): ValidationError {
  return new ValidationError(
    'UNSUPPORTED_CONTENT_TYPE',
    { en: `The body must be ${expected}`, vi: `Nội dung phải có định dạng ${expected}` },
    [{ field: 'content-type', issues: ['isContentType'], message: `Content-Type must be ${expected}` }],
  );
}

/**
 * getCusSummary takes a JSON body only. The hub also parses NDJSON (as a stream, for the bulk
 * load), forms and plain text; without this check such a body reaches the ValidationPipe as a
 * stream or a string and is answered with a 500 or read as identifiers. Interceptors run after
 * the guards (401/403 first) and before the pipes. A request without a body nor a Content-Type
 * passes, and is answered 400 by the use case (no identifier).
 */
@Injectable()
export class JsonBodyOnlyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = mediaTypeOf(request);
    if (type !== '' && type !== 'application/json') throw unsupportedContentType('application/json');
    return next.handle();
  }
}
