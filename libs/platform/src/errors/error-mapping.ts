import { HttpException } from '@nestjs/common';
import { isDomainError, type DomainError, type ErrorKind } from '@hub/shared-kernel';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database-unavailable';
import { HttpErrors, type HttpErrorEntry } from './platform.errors';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: Record<string, unknown>[];
  requestId: string;
}

export type Language = 'en' | 'vi';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  BUSINESS_RULE: 422,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

/** The framework's own status answers and what they become. */
const HTTP_STATUS: Record<number, HttpErrorEntry> = {
  400: HttpErrors.BAD_REQUEST,
  401: HttpErrors.MISSING_TOKEN,
  403: HttpErrors.FORBIDDEN,
  404: HttpErrors.ROUTE_NOT_FOUND,
  405: HttpErrors.METHOD_NOT_ALLOWED,
  406: HttpErrors.NOT_ACCEPTABLE,
  408: HttpErrors.REQUEST_TIMEOUT,
  413: HttpErrors.PAYLOAD_TOO_LARGE,
  429: HttpErrors.TOO_MANY_REQUESTS,
  503: HttpErrors.SERVICE_UNAVAILABLE,
};

/** Fastify's own errors (body parsing, limits) and what they become. */
const FASTIFY_CODES: Record<string, HttpErrorEntry> = {
  FST_ERR_CTP_INVALID_JSON_BODY: HttpErrors.MALFORMED_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: HttpErrors.EMPTY_JSON_BODY,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: HttpErrors.UNSUPPORTED_CONTENT_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: HttpErrors.CONTENT_LENGTH_MISMATCH,
  FST_ERR_CTP_BODY_TOO_LARGE: HttpErrors.PAYLOAD_TOO_LARGE,
  FST_ERR_BAD_URL: HttpErrors.MALFORMED_URL,
  FST_ERR_MAX_PARAM_LENGTH: HttpErrors.URI_TOO_LONG,
};

/** The first of `vi`/`en` the client accepts, by q-value; `en` by default. */
export function pickLanguage(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const hit = ranked.find((entry) => entry.lang === 'vi' || entry.lang === 'en');
  return (hit?.lang as Language | undefined) ?? 'en';
}

export interface MappedError {
  readonly body: ErrorBody;
  /** Only unexpected errors are logged as errors (with stack, without message text). */
  readonly unexpected: boolean;
  /** Seconds for the `Retry-After` header (503s that know when to come back). */
  readonly retryAfterSeconds?: number;
}

export function mapError(error: unknown, language: Language, requestId: string): MappedError {
  if (isDomainError(error)) {
    return {
      body: fromDomain(error, language, requestId),
      unexpected: false,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  // A database that is down, unreachable or too slow is a 503 the client may retry, not a bug.
  if (isDatabaseUnavailable(error)) {
    const unavailable = databaseUnavailable();
    return {
      body: fromDomain(unavailable, language, requestId),
      unexpected: false,
      retryAfterSeconds: unavailable.retryAfterSeconds,
    };
  }

  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    const known = FASTIFY_CODES[fastifyCode];
    return { body: build(known.status, known.code, known[language], [], requestId), unexpected: false };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const known = HTTP_STATUS[status];
    if (known && status < 500)
      return { body: build(status, known.code, known[language], [], requestId), unexpected: false };
    if (status < 500)
      return {
        body: build(status, 'HTTP_' + status, HttpErrors.BAD_REQUEST[language], [], requestId),
        unexpected: false,
      };
  }

  // A Fastify/HTTP error with a client status (e.g. a bad header) that we did not name.
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const known = HTTP_STATUS[statusCode] ?? HttpErrors.BAD_REQUEST;
    return { body: build(statusCode, known.code, known[language], [], requestId), unexpected: false };
  }

  const internal = HttpErrors.INTERNAL_ERROR;
  return { body: build(500, internal.code, internal[language], [], requestId), unexpected: true };
}

function fromDomain(error: DomainError, language: Language, requestId: string): ErrorBody {
  return build(
    STATUS_BY_KIND[error.kind],
    error.code,
    error.messageIn(language),
    error.details.map((d) => ({ ...d })),
    requestId,
  );
}

function build(
  statusCode: number,
  code: string,
  message: string,
  details: Record<string, unknown>[],
  requestId: string,
): ErrorBody {
  return { statusCode, code, message, details, requestId };
}

/** What may be logged of an unexpected error: its type, database error code and stack frames, never its text. */
export function describeForLog(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; code?: unknown; driverError?: { code?: unknown }; stack?: string };
  const frames =
    typeof e?.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => l.trim().startsWith('at '))
          .slice(0, 12)
      : [];
  return {
    errorType: e?.name ?? typeof error,
    errorCode: e?.driverError?.code ?? e?.code,
    stack: frames.join('\n'),
  };
}
