import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ExampleObject,
  OperationObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  ERROR_CODES_EXTENSION,
  errorResponse,
  HttpErrors,
  PlatformErrors,
  type DocumentedError,
} from '@hub/platform';
import { KernelErrors } from '@hub/shared-kernel';

const ERROR_REF = '#/components/schemas/ErrorResponseDto';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type ErrorResponse = ResponseObject & { [ERROR_CODES_EXTENSION]?: string[] };

/**
 * The methods whose body the hub reads (Fastify's "bodywith" methods), whether or not the
 * operation takes one: a body sent with a DELETE, or with a POST that takes none, is still parsed
 * and measured, so it can be malformed JSON (400) or over BODY_LIMIT_BYTES (413). A GET's body is
 * never read: it is ignored, and the answer is the one without it.
 */
export const BODY_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The error codes of the document, from the same catalogues the code throws from: every error
 * response of every operation lists its codes (`x-error-codes`) with one example per code, the
 * platform's answers included (a malformed body, a rate limit, the database down), and
 * `components.schemas.ErrorCode` names every code the document lists.
 */
export function withErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const all = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const errorResponse = response as ErrorResponse;
        if (Number(status) < 400 || !isErrorShape(errorResponse)) continue;
        addPlatformCodes(errorResponse, platformErrorsOf(Number(status), method, operation));
        for (const code of errorResponse[ERROR_CODES_EXTENSION] ?? []) all.add(code);
      }
    }
  }
  // The router's and the HTTP layer's own answers can come on any path (ROUTE_NOT_FOUND for `/leads/..`).
  for (const entry of [...Object.values(HttpErrors), ...Object.values(PlatformErrors)]) all.add(entry.code);
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorCode = {
    type: 'string',
    description:
      "Every `code` the hub answers with: the documented routes' codes (each error response lists its own in `x-error-codes`) and the HTTP layer's",
    enum: [...all].sort(),
  };
  // A client switches on `code`: one of ErrorCode, or HTTP_<status> for an answer no route documents.
  const errorSchema = document.components.schemas.ErrorResponseDto as SchemaObject | undefined;
  const code = errorSchema?.properties?.code as SchemaObject | undefined;
  if (errorSchema?.properties && code) {
    errorSchema.properties.code = {
      description: code.description,
      example: code.example,
      anyOf: [
        { $ref: '#/components/schemas/ErrorCode' },
        { type: 'string', pattern: '^HTTP_[1-5][0-9]{2}$' },
      ],
    };
  }
  return document;
}

function isErrorShape(response: ResponseObject): boolean {
  const media = response.content?.['application/json'];
  return !!media?.schema && '$ref' in media.schema && media.schema.$ref === ERROR_REF;
}

/** The answers the platform gives on a route whatever its handler does. */
function platformErrorsOf(status: number, method: string, operation: OperationObject): DocumentedError[] {
  const hasInput = !!operation.requestBody || (operation.parameters ?? []).length > 0;
  // A body is parsed wherever the method carries one, even on an operation that takes none.
  const hasBody = BODY_METHODS.has(method);
  switch (status) {
    case 400:
      return [
        ...(hasInput ? [KernelErrors.VALIDATION_FAILED] : []),
        HttpErrors.MALFORMED_URL,
        ...(hasBody
          ? [HttpErrors.MALFORMED_JSON, PlatformErrors.JSON_TOO_DEEP, HttpErrors.UNSUPPORTED_CONTENT_TYPE]
          : []),
      ];
    case 413:
      return [HttpErrors.PAYLOAD_TOO_LARGE];
    case 414:
      return [HttpErrors.URI_TOO_LONG];
    case 431:
      return [HttpErrors.HEADERS_TOO_LARGE];
    case 429:
      return [PlatformErrors.RATE_LIMITED];
    case 503:
      return [PlatformErrors.DATABASE_UNAVAILABLE];
    default:
      return [];
  }
}

/** Adds codes (and their examples) a response does not list yet; its description names them all. */
function addPlatformCodes(response: ErrorResponse, extra: readonly DocumentedError[]): void {
  const media = response.content!['application/json'];
  const codes = new Set(response[ERROR_CODES_EXTENSION] ?? []);
  const examples: Record<string, ExampleObject> = { ...(media.examples as Record<string, ExampleObject>) };
  const added = errorResponse(
    0,
    extra.filter((e) => !codes.has(e.code)),
  );
  for (const [key, example] of Object.entries(added.examples)) if (!examples[key]) examples[key] = example;
  for (const code of added[ERROR_CODES_EXTENSION]) codes.add(code);
  const sorted = [...codes].sort();
  if (sorted.length === 0) return;
  response[ERROR_CODES_EXTENSION] = sorted;
  if (sorted.some((code) => !response.description.includes(code)))
    response.description = `${response.description.split(':')[0]}: ${sorted.join(', ')}`;
  delete media.example;
  media.examples = examples;
}
