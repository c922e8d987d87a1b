import { ApiResponse } from '@nestjs/swagger';
import { localise, type ErrorEntry } from '@hub/shared-kernel';
import { STATUS_BY_KIND } from './error-mapping';
import { ErrorResponseDto } from './error-response.dto';
import type { HttpErrorEntry } from './platform.errors';

/** An error a route documents: a catalogue entry, or an answer of the HTTP framework. */
export type DocumentedError = ErrorEntry | HttpErrorEntry;

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input',
  401: 'No or invalid bearer token',
  403: 'The token lacks the scope (or institution) this route needs',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'If-Match does not match the current version',
  413: 'Request body too large',
  414: 'A path parameter is too long',
  422: 'Refused by a business rule',
  429: 'Over the rate limit: see Retry-After and the RateLimit-* headers',
  503: 'A dependency is unavailable: see Retry-After',
};

/** The `x-` extension listing the codes an error response can carry. */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

const API_ERRORS_KEY = 'hub:api-errors';
/** Where @nestjs/swagger keeps a handler's responses (`SWAGGER_RESPONSES_KEY`, not exported). */
const SWAGGER_RESPONSES_KEY = 'swagger/apiResponse';

/** The HTTP status an error answers with. */
export function statusOf(error: DocumentedError): number {
  return 'status' in error ? error.status : STATUS_BY_KIND[error.kind];
}

/** The documented answer of an error: the one error shape, with the entry's example details. */
export function exampleBody(error: DocumentedError): Record<string, unknown> {
  const params = 'exampleParams' in error ? error.exampleParams : undefined;
  return {
    statusCode: statusOf(error),
    code: error.code,
    message: localise(error, 'en', params),
    details: (error.example ?? []).map((d) => ({ ...d })),
    requestId: '6f1c1f3e-5d0b-4a43-9a57-2b1c2f0e9d11',
  };
}

/** The OpenAPI response of one status for a set of errors: its codes, one example per code. */
export function errorResponse(status: number, errors: readonly DocumentedError[]) {
  const codes = [...new Set(errors.map((e) => e.code))].sort();
  const examples: Record<string, { summary: string; value: Record<string, unknown> }> = {};
  for (const error of errors) {
    let key = error.code;
    for (let n = 2; examples[key]; n++) key = `${error.code}_${n}`;
    examples[key] = {
      summary: localise(error, 'en', 'exampleParams' in error ? error.exampleParams : undefined),
      value: exampleBody(error),
    };
  }
  return {
    description: `${DESCRIPTIONS[status] ?? 'Error'}: ${codes.join(', ')}`,
    [ERROR_CODES_EXTENSION]: codes,
    examples,
  };
}

/**
 * Documents the errors a route can answer with, from the modules' catalogues:
 * `@ApiErrors(CrmErrors.LEAD_NOT_FOUND, KernelErrors.VALIDATION_FAILED)`. Each status gets one
 * response in the shared error shape listing its codes (`x-error-codes`) with an example per code.
 * Several `@ApiErrors` on one route (`@RequireScopes`, `@Idempotent` add their own) add up.
 */
export function ApiErrors(...errors: DocumentedError[]): MethodDecorator & ClassDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return documentMethod(target, key!, descriptor, errors);
    // On a controller: every route handler of it.
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof method?.value === 'function')
        documentMethod(prototype, name, method, errors);
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}

function documentMethod(
  target: object,
  key: string | symbol,
  descriptor: PropertyDescriptor,
  errors: readonly DocumentedError[],
): PropertyDescriptor {
  const handler = descriptor.value as object;
  const before = (Reflect.getMetadata(API_ERRORS_KEY, handler) as DocumentedError[] | undefined) ?? [];
  const all = [...before, ...errors.filter((e) => !before.includes(e))];
  Reflect.defineMetadata(API_ERRORS_KEY, all, handler);
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of all) byStatus.set(statusOf(error), [...(byStatus.get(statusOf(error)) ?? []), error]);
  // Each call documents the route's whole list: the answers an earlier call wrote are replaced, not merged.
  const responses = { ...(Reflect.getMetadata(SWAGGER_RESPONSES_KEY, handler) as object | undefined) };
  for (const status of byStatus.keys()) delete (responses as Record<string, unknown>)[status];
  Reflect.defineMetadata(SWAGGER_RESPONSES_KEY, responses, handler);
  for (const [status, list] of byStatus) {
    ApiResponse({ status, type: ErrorResponseDto, ...errorResponse(status, list) })(target, key, descriptor);
  }
  return descriptor;
}
