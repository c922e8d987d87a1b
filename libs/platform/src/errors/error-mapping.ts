import { HttpException } from '@nestjs/common';
import {
  isDomainError,
  TooManyRequestsError,
  UnavailableError,
  type DomainError,
  type ErrorKind,
  type LocalizedText,
} from '@hub/shared-kernel';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database-unavailable';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: Record<string, unknown>[];
  requestId: string;
}

export type Language = 'en' | 'vi';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
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

interface Known {
  code: string;
  text: LocalizedText;
}

const HTTP_STATUS_TEXT: Record<number, Known> = {
  400: { code: 'BAD_REQUEST', text: { en: 'The request is not valid', vi: 'Yêu cầu không hợp lệ' } },
  401: {
    code: 'UNAUTHENTICATED',
    text: { en: 'A bearer token is required', vi: 'Cần có mã truy cập (bearer token)' },
  },
  403: { code: 'FORBIDDEN', text: { en: 'Not allowed', vi: 'Không được phép' } },
  404: { code: 'ROUTE_NOT_FOUND', text: { en: 'No such route', vi: 'Không có đường dẫn này' } },
  405: {
    code: 'METHOD_NOT_ALLOWED',
    text: { en: 'Method not allowed', vi: 'Phương thức không được hỗ trợ' },
  },
  406: { code: 'NOT_ACCEPTABLE', text: { en: 'Not acceptable', vi: 'Không thể trả về định dạng yêu cầu' } },
  408: { code: 'REQUEST_TIMEOUT', text: { en: 'The request took too long', vi: 'Yêu cầu quá thời gian' } },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    text: { en: 'The request body is too large', vi: 'Nội dung yêu cầu quá lớn' },
  },
  429: { code: 'TOO_MANY_REQUESTS', text: { en: 'Too many requests', vi: 'Quá nhiều yêu cầu' } },
  503: {
    code: 'SERVICE_UNAVAILABLE',
    text: { en: 'The service is unavailable', vi: 'Dịch vụ tạm thời không khả dụng' },
  },
};

const INTERNAL: Known = {
  code: 'INTERNAL_ERROR',
  text: { en: 'An unexpected error occurred', vi: 'Đã xảy ra lỗi không mong muốn' },
};

/** Fastify's own errors (body parsing, limits) and what they become. */
const FASTIFY_CODES: Record<string, { status: number } & Known> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    text: { en: 'The request body is not valid JSON', vi: 'Nội dung yêu cầu không phải JSON hợp lệ' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    text: { en: 'The request body is empty', vi: 'Nội dung yêu cầu trống' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 400,
    code: 'UNSUPPORTED_CONTENT_TYPE',
    text: {
      en: 'The Content-Type of the request is not supported by this route',
      vi: 'Kiểu nội dung (Content-Type) không được hỗ trợ',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    text: { en: 'The Content-Length does not match the body', vi: 'Content-Length không khớp với nội dung' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, ...HTTP_STATUS_TEXT[413] },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'MALFORMED_URL',
    text: { en: 'The URL is not valid', vi: 'Đường dẫn (URL) không hợp lệ' },
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    text: { en: 'A path parameter is too long', vi: 'Tham số trong đường dẫn quá dài' },
  },
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
    const retryAfterSeconds =
      error instanceof UnavailableError || error instanceof TooManyRequestsError
        ? error.retryAfterSeconds
        : undefined;
    return { body: fromDomain(error, language, requestId), unexpected: false, retryAfterSeconds };
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
    return { body: build(known.status, known.code, known.text[language], [], requestId), unexpected: false };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const known = HTTP_STATUS_TEXT[status];
    if (known && status < 500)
      return { body: build(status, known.code, known.text[language], [], requestId), unexpected: false };
    if (status < 500)
      return {
        body: build(status, 'HTTP_' + status, HTTP_STATUS_TEXT[400].text[language], [], requestId),
        unexpected: false,
      };
  }

  // A Fastify/HTTP error with a client status (e.g. a bad header) that we did not name.
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const known = HTTP_STATUS_TEXT[statusCode] ?? HTTP_STATUS_TEXT[400];
    return { body: build(statusCode, known.code, known.text[language], [], requestId), unexpected: false };
  }

  return { body: build(500, INTERNAL.code, INTERNAL.text[language], [], requestId), unexpected: true };
}

function fromDomain(error: DomainError, language: Language, requestId: string): ErrorBody {
  return build(
    STATUS_BY_KIND[error.kind],
    error.code,
    error.text[language],
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
