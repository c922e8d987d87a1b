import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

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

/** Path segments that are credentials (the financial-segments web form's process token). */
const CREDENTIAL_IN_PATH = /(\/web-form\/)[^/?]+/;

/** The path of a request as logged: no query string, no credential. */
export function pathForLog(url: string): string {
  return url.split('?')[0].replace(CREDENTIAL_IN_PATH, '$1[REDACTED]');
}

export function loggerParams(level: string, stream?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level,
        redact: { paths: redactPaths(), censor: '[REDACTED]' },
        // pino-http reads the id fastify gave the raw request (see request-id.ts)
        genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
        customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
        serializers: {
          // Method and path only: query strings may carry identifiers, bodies are never logged.
          req: (req: IncomingMessage & { id?: string }) => ({
            id: req.id,
            method: req.method,
            path: pathForLog(req.url ?? ''),
          }),
          res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        },
        autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      },
      stream as DestinationStream,
    ].filter(Boolean) as Params['pinoHttp'],
  };
}
