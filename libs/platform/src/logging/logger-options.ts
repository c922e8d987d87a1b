import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { traceFields } from '../tracing/trace-context';

/**
 * Keys whose values are personal data or secrets, wherever they appear in a logged object.
 * Request bodies and query strings are never logged in the first place (see the serializers).
 */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'password',
  'secret',
  'legalId',
  'legalIds',
  'mobileNumber',
  'mobileNumbers',
  'phoneNumber',
  'fullName',
  'firstName',
  'middleName',
  'lastName',
  'name',
  'dateOfBirth',
  'email',
  'address',
  'addresses',
  'regNo',
  'customerNumber',
  'embossName',
];

export function redactPaths(): string[] {
  const paths: string[] = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["idempotency-key"]',
  ];
  for (const key of REDACTED_KEYS) paths.push(key, `*.${key}`, `*.*.${key}`);
  return paths;
}

const ROUTE_TEMPLATE = Symbol.for('hub.routeTemplate');

/** Remembers the matched route's template on the raw request, for the log serializer. */
export function setRouteTemplate(raw: IncomingMessage, template: string): void {
  (raw as IncomingMessage & { [ROUTE_TEMPLATE]?: string })[ROUTE_TEMPLATE] = template;
}

/** The route template of a request; `(unmatched)` when no route matched (its path is not logged). */
export function routeTemplateOf(raw: IncomingMessage): string {
  return (raw as IncomingMessage & { [ROUTE_TEMPLATE]?: string })[ROUTE_TEMPLATE] ?? '(unmatched)';
}

export function loggerParams(level: string, stream?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level,
        // traceId and spanId of the active span, when tracing is on
        mixin: traceFields,
        redact: { paths: redactPaths(), censor: '[REDACTED]' },
        // pino-http reads the id fastify gave the raw request (see request-id.ts)
        genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
        customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
        serializers: {
          // Method and route template only (`/card-registry/v1/customers/:id`): paths and query
          // strings may carry identifiers, bodies are never logged. pino-http hands the serializer
          // a copy of the request; the original is its `raw`.
          req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
            id: req.id,
            method: req.method,
            route: routeTemplateOf(req.raw ?? req),
          }),
          res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        },
        // probes and scrapes are not logged
        autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? '') },
      },
      stream as DestinationStream,
    ].filter(Boolean) as Params['pinoHttp'],
  };
}
