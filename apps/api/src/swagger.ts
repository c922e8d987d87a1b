import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorResponseDto } from '@hub/platform';
import { refineOperations } from './openapi-operations';
import { refineTypes } from './openapi-types';
import { BODY_METHODS, withErrorCodes } from './openapi-error-codes';

/**
 * The OpenAPI 3.1 document: the contract QA and client generators use (`npm run openapi`), served
 * at /docs-json exactly as committed in openapi.json (`npm run openapi:check` compares the built app).
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await loadSwaggerPluginMetadata();
  return createOpenApiDocument(app);
}

/** The Swagger CLI plugin's metadata (nest build writes `metadata.ts`), applied to the DTOs. */
async function loadSwaggerPluginMetadata(): Promise<void> {
  const metadata = await import('./metadata').then((m) => m.default).catch(() => null);
  if (metadata) await SwaggerModule.loadPluginMetadata(metadata);
}

/** The document from the routes and DTOs (the plugin's metadata already loaded). */
function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Bank customer-data hub')
    .setDescription(
      'Customer summary, CRM pipeline, card-customer registry and financial segments behind the bank API hub. ' +
        'Every route but /health, /docs and those marked `x-credential` (the financial-segments web form, whose process token is its credential) needs `Authorization: Bearer <JWT>`; the scopes a route needs are in ' +
        '`x-required-scopes`. Errors always have the shape of ErrorResponseDto; `message` follows Accept-Language (vi or en).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: (controllerKey: string, methodKey: string) => methodKey,
  });
  return refineTypes(refineOperations(withErrorCodes(withPlatformResponses(document))));
}

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };
const PLATFORM_RESPONSES: Record<string, Omit<ResponseObject, 'content'>> = {
  '400': {
    description:
      'Invalid input: VALIDATION_FAILED (one detail per field), MALFORMED_JSON, JSON_TOO_DEEP, MALFORMED_URL, UNSUPPORTED_CONTENT_TYPE',
  },
  '413': { description: 'Request body too large (PAYLOAD_TOO_LARGE)' },
  '414': { description: 'A path parameter is too long (URI_TOO_LONG)' },
  '431': {
    description:
      'The request line and headers together exceed 16 KB (HEADERS_TOO_LARGE), e.g. an over-long query string',
  },
  '429': {
    description: 'Over the rate limit (RATE_LIMITED): wait Retry-After seconds',
    headers: {
      'Retry-After': { schema: { type: 'integer' } },
      'RateLimit-Limit': { schema: { type: 'integer' } },
      'RateLimit-Remaining': { schema: { type: 'integer' } },
      'RateLimit-Reset': { schema: { type: 'integer' } },
    },
  },
  '503': {
    description: 'The database is unavailable (DATABASE_UNAVAILABLE): retry after Retry-After seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};

/**
 * Answers the platform may give on any route, documented on every operation: 400 for a malformed
 * URL or body, 413 on every method whose body the hub reads (POST, PUT, PATCH, DELETE: also where
 * the operation takes no body, see BODY_METHODS), 414 where there are path parameters, 431 for a request
 * line and headers over 16 KB, 503 when the
 * database is unavailable, and 429 wherever the rate limits apply (every route but the probes).
 */
function withPlatformResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      // Errors are JSON whatever the route produces (an export's 400 is not NDJSON or CSV).
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = (response as ResponseObject).content;
        if (
          Number(status) >= 400 &&
          content &&
          Object.values(content).some(
            (m) => m.schema && '$ref' in m.schema && m.schema.$ref === ERROR_SCHEMA.$ref,
          )
        ) {
          // Keep the route's own examples of its error codes.
          const { example, examples } = Object.values(content)[0];
          (response as ResponseObject).content = {
            'application/json': {
              schema: ERROR_SCHEMA,
              ...(example === undefined ? {} : { example }),
              ...(examples === undefined ? {} : { examples }),
            },
          };
        }
      }
      for (const [status, response] of Object.entries(PLATFORM_RESPONSES)) {
        // Every route is rate limited (per principal, or per client IP without a token) but the
        // health probes, marked `x-rate-limited: false`.
        if (status === '429' && (operation as { 'x-rate-limited'?: boolean })['x-rate-limited'] === false)
          continue;
        if (status === '413' && !BODY_METHODS.has(method)) continue;
        if (status === '414' && !(operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path'))
          continue;
        operation.responses[status] ??= {
          ...response,
          ...(status === '413' && !operation.requestBody
            ? {
                description: `${response.description}. It takes no body, but one sent anyway is read and measured`,
              }
            : {}),
          content: { 'application/json': { schema: ERROR_SCHEMA } },
        };
      }
    }
  }
  return document;
}

export async function setupSwagger(app: INestApplication): Promise<void> {
  await loadSwaggerPluginMetadata();
  // The document is built on the first request for it (/docs, /docs-json, /docs-yaml), not at
  // start-up: building it is a few hundred milliseconds of CPU the start need not wait for.
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    // The token survives a reload; each operation has its own URL (#/<tag>/<operationId>).
    swaggerOptions: { persistAuthorization: true, deepLinking: true, displayRequestDuration: true },
    // "Try it out" calls the hub serving the page, on whatever host and port it runs (the
    // document's own server defaults to localhost:3000). /docs-json stays the committed document.
    patchDocumentOnRequest: <TRequest>(req: TRequest, _res: unknown, doc: OpenAPIObject) =>
      ((req as { url?: string }).url ?? '').split('?')[0].endsWith('/swagger-ui-init.js')
        ? forSwaggerUi(doc)
        : doc,
  });
}

/** The document Swagger UI shows: first the hub that served the page, then the document's servers. */
export function forSwaggerUi(document: OpenAPIObject): OpenAPIObject {
  return {
    ...document,
    servers: [{ url: '/', description: 'This hub (the one serving this page)' }, ...(document.servers ?? [])],
  };
}
