import { errorCatalogue, type ErrorCodeOf, type ErrorDetail, type LocalizedText } from '@hub/shared-kernel';

/** The platform's errors: authentication, request shape, idempotency, rate limits, availability. */
export const PlatformErrors = errorCatalogue({
  UNAUTHENTICATED: {
    kind: 'UNAUTHENTICATED',
    en: 'A bearer token is required',
    vi: 'Cần có mã truy cập (bearer token)',
  },
  INVALID_TOKEN: {
    kind: 'UNAUTHENTICATED',
    en: 'The bearer token is invalid or has expired',
    vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn',
  },
  INSUFFICIENT_SCOPE: {
    kind: 'FORBIDDEN',
    en: 'The token does not grant the scope this route needs',
    vi: 'Mã truy cập không có quyền cho chức năng này',
    example: [{ requiredScopes: ['crm:write'] }],
  },
  INSTITUTION_REQUIRED: {
    kind: 'FORBIDDEN',
    en: 'The token carries no institutionId',
    vi: 'Mã truy cập không có mã tổ chức phát hành (institutionId)',
  },
  BODY_TYPE_REQUIRED: {
    code: 'UNSUPPORTED_CONTENT_TYPE',
    kind: 'VALIDATION',
    en: 'The body must be {expected}',
    vi: 'Nội dung phải có định dạng {expected}',
    example: [
      { field: 'content-type', issues: ['isContentType'], message: 'Content-Type must be application/json' },
    ],
    exampleParams: { expected: 'application/json' },
  },
  JSON_TOO_DEEP: {
    kind: 'VALIDATION',
    en: 'The request body nests arrays or objects deeper than {max} levels',
    vi: 'Nội dung yêu cầu lồng mảng hoặc đối tượng sâu quá {max} cấp',
    example: [{ field: '(body)', issues: ['maxDepth'], maxDepth: 32 }],
    exampleParams: { max: 32 },
  },
  INVALID_IDEMPOTENCY_KEY: {
    kind: 'VALIDATION',
    en: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
    vi: 'Idempotency-Key phải gồm 1 đến 255 ký tự ASCII',
    example: [{ field: 'Idempotency-Key', issues: ['format'] }],
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'BUSINESS_RULE',
    en: 'This Idempotency-Key was already used with a different request body',
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
  },
  IDEMPOTENCY_KEY_IN_FLIGHT: {
    kind: 'CONFLICT',
    en: 'A request with this Idempotency-Key is still being processed',
    vi: 'Yêu cầu với Idempotency-Key này đang được xử lý',
  },
  RATE_LIMITED: {
    kind: 'TOO_MANY_REQUESTS',
    en: 'Too many requests: try again after the time in Retry-After',
    vi: 'Quá nhiều yêu cầu: vui lòng thử lại sau thời gian trong Retry-After',
    example: [{ limitPerMinute: 1200, retryAfterSeconds: 12 }],
  },
  DATABASE_UNAVAILABLE: {
    kind: 'UNAVAILABLE',
    en: 'The database does not answer',
    vi: 'Cơ sở dữ liệu không phản hồi',
  },
  SHUTTING_DOWN: {
    kind: 'UNAVAILABLE',
    en: 'The hub is shutting down',
    vi: 'Hệ thống đang dừng',
  },
  NOT_READY: {
    kind: 'UNAVAILABLE',
    en: 'The hub is not ready to take traffic',
    vi: 'Hệ thống chưa sẵn sàng',
    example: [{ field: 'jobQueue', message: 'the job queue has not started' }],
  },
});

export type PlatformErrorCode = ErrorCodeOf<typeof PlatformErrors>;

/**
 * An answer of the HTTP framework itself (a body it cannot parse, a route it does not know): the
 * status is fixed here, not by an error kind.
 */
export interface HttpErrorEntry extends LocalizedText {
  readonly code: string;
  readonly status: number;
  readonly example?: readonly ErrorDetail[];
}

function httpErrors<const T extends Record<string, Omit<HttpErrorEntry, 'code'> & { code?: string }>>(
  spec: T,
): { readonly [K in keyof T]: HttpErrorEntry } {
  const out: Record<string, HttpErrorEntry> = {};
  for (const [key, entry] of Object.entries(spec))
    out[key] = Object.freeze({ ...entry, code: entry.code ?? key });
  return Object.freeze(out) as { readonly [K in keyof T]: HttpErrorEntry };
}

export const HttpErrors = httpErrors({
  BAD_REQUEST: { status: 400, en: 'The request is not valid', vi: 'Yêu cầu không hợp lệ' },
  MISSING_TOKEN: {
    code: 'UNAUTHENTICATED',
    status: 401,
    en: 'A bearer token is required',
    vi: 'Cần có mã truy cập (bearer token)',
  },
  FORBIDDEN: { status: 403, en: 'Not allowed', vi: 'Không được phép' },
  ROUTE_NOT_FOUND: { status: 404, en: 'No such route', vi: 'Không có đường dẫn này' },
  METHOD_NOT_ALLOWED: { status: 405, en: 'Method not allowed', vi: 'Phương thức không được hỗ trợ' },
  NOT_ACCEPTABLE: { status: 406, en: 'Not acceptable', vi: 'Không thể trả về định dạng yêu cầu' },
  REQUEST_TIMEOUT: { status: 408, en: 'The request took too long', vi: 'Yêu cầu quá thời gian' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large', vi: 'Nội dung yêu cầu quá lớn' },
  TOO_MANY_REQUESTS: { status: 429, en: 'Too many requests', vi: 'Quá nhiều yêu cầu' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is unavailable',
    vi: 'Dịch vụ tạm thời không khả dụng',
  },
  INTERNAL_ERROR: {
    status: 500,
    en: 'An unexpected error occurred',
    vi: 'Đã xảy ra lỗi không mong muốn',
  },
  MALFORMED_JSON: {
    status: 400,
    en: 'The request body is not valid JSON',
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ',
  },
  EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    status: 400,
    en: 'The request body is empty',
    vi: 'Nội dung yêu cầu trống',
  },
  UNSUPPORTED_CONTENT_TYPE: {
    status: 400,
    en: 'The Content-Type of the request is not supported by this route',
    vi: 'Kiểu nội dung (Content-Type) không được hỗ trợ',
  },
  CONTENT_LENGTH_MISMATCH: {
    code: 'BAD_REQUEST',
    status: 400,
    en: 'The Content-Length does not match the body',
    vi: 'Content-Length không khớp với nội dung',
  },
  MALFORMED_URL: { status: 400, en: 'The URL is not valid', vi: 'Đường dẫn (URL) không hợp lệ' },
  URI_TOO_LONG: { status: 414, en: 'A path parameter is too long', vi: 'Tham số trong đường dẫn quá dài' },
  HEADERS_TOO_LARGE: {
    status: 431,
    en: 'The request line and headers together are too large',
    vi: 'Dòng yêu cầu và các header cộng lại quá lớn',
  },
  MALFORMED_REQUEST: {
    status: 400,
    en: 'The HTTP request is malformed',
    vi: 'Yêu cầu HTTP không đúng định dạng',
  },
});
