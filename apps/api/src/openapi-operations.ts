// Over 300 lines on purpose: the document's prose (each operation's description, headers and
// callbacks): a table more than logic.
import type { OpenAPIObject } from '@nestjs/swagger';
import { ALL_SCOPES, ERROR_CODES_EXTENSION, PlatformErrors } from '@hub/platform';
import type { Json } from './openapi-types';

/**
 * What the document says around the schemas: servers, info, tags, the headers the hub really
 * reads and sends, each operation's description (what it does, its rules, its scopes, its
 * errors) and the callbacks it posts (OpenAPI 3.1 `webhooks`).
 */
const TAGS: Array<{ name: string; description: string }> = [
  { name: 'health', description: 'Liveness and database reachability, without a token.' },
  {
    name: 'customer-summary',
    description:
      "A customer's basic, lending and non-lending information by legal ID and/or mobile number, read from the ODS snapshots the bank loads as NDJSON.",
  },
  {
    name: 'crm-pipeline',
    description:
      'Leads (new-to-bank customers) and opportunities (existing customers): registration, closing, listing and the pipeline report.',
  },
  {
    name: 'card-registry',
    description:
      "The institution's card customers, accounts and cards (versioned, optimistic concurrency with ETag / If-Match), their history and their exports. Every route needs a token with an `institutionId`.",
  },
  {
    name: 'financial-segments',
    description:
      "Statement imports through a web form, income and cash-flow reports, segments with their offers, FX rates, and the signed callbacks (Standard Webhooks) that tell the bank's systems a job is done.",
  },
];

const header = (description: string, schema: Json = { type: 'string' }): Json => ({ description, schema });
const HEADERS: Record<string, Json> = {
  'X-Request-Id': header('The request id: the caller’s `X-Request-Id` when acceptable, else a new UUID'),
  ETag: header('The version of the resource (`"<version>"`); send it back in If-Match to change it'),
  'Idempotent-Replayed': header(
    '`true` when this is the stored answer of an earlier request with the same Idempotency-Key',
    {
      type: 'string',
      enum: ['true'],
    },
  ),
  'RateLimit-Limit': header('Requests allowed in the window (when rate limiting is on)', { type: 'integer' }),
  'RateLimit-Remaining': header('Requests left in the window', { type: 'integer' }),
  'RateLimit-Reset': header('Seconds until the window resets', { type: 'integer' }),
  'Content-Disposition': header('`attachment; filename="..."`'),
  Location: header('The URL of the resource created or of the job queued'),
};
const headerRef = (name: string): Json => ({ $ref: `#/components/headers/${name}` });

const PARAMETERS: Record<string, Json> = {
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    description: 'Language of error messages: `vi` or `en` (default `vi`)',
    schema: { type: 'string', examples: ['en'] },
  },
  XRequestId: {
    name: 'X-Request-Id',
    in: 'header',
    description:
      'Your id for this request, echoed in the response and in every log line (an id that looks like personal data is replaced)',
    schema: { type: 'string', maxLength: 128 },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'A retry with the same key and body replays the first answer (`idempotent-replayed: true`); another body is 422 IDEMPOTENCY_KEY_REUSED, a retry while the first runs 409 IDEMPOTENCY_KEY_IN_FLIGHT. Kept 24 hours, per caller and route',
    schema: { type: 'string', maxLength: 255 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    description: 'The ETag you read; another version is 412 VERSION_MISMATCH',
    schema: { type: 'string' },
  },
};
const paramRef = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });

/** Routes whose 2xx answer carries these headers (the server sets them; see the controllers). */
const ETAG_OPERATIONS = new Set([
  'createCardCustomer',
  'getCardCustomer',
  'patchCardCustomer',
  'getCard',
  'patchCard',
]);
const DOWNLOAD_OPERATIONS = new Set([
  'exportCardCustomers',
  'exportCardAccounts',
  'exportCards',
  'downloadCardExportFile',
]);
const LOCATION_OPERATIONS = new Set([
  'createCardCustomer',
  'createCardAccount',
  'createCard',
  'createProcess',
  'createSegment',
  'synchronize',
  'redeliverWebhook',
]);

/** Whole request examples where one per field would not make a valid body (PRIVATE vs CORPORATE, NTB vs ETB). */
const REQUEST_EXAMPLES: Record<string, Record<string, { summary: string; value: Json }>> = {
  patchCardCustomer: {
    private: {
      summary: 'A private customer: new e-mail and mobile, second address line cleared',
      value: { email: 'an.nguyen@example.vn', mobileNumber: '+84912345678', address: { address2: null } },
    },
    corporate: { summary: 'A corporate customer renamed', value: { name: 'Fleet vehicle 51A-67890' } },
  },
  comboCreateLeadOpportunity: {
    ntb: {
      summary: 'New to bank: a lead, by legal ID (no CIF)',
      value: {
        customerType: 'NTB',
        ownerId: 'RM001',
        legalId: '079203001234',
        mobileNumber: '0912345678',
        fullName: 'Nguyễn Văn An',
        product: 'CREDIT_CARD',
        channel: 'MOBILE_APP',
        amount: '150000000.00',
        currency: 'VND',
      },
    },
    etb: {
      summary: 'Existing customer: an opportunity, by CIF',
      value: {
        customerType: 'ETB',
        ownerId: 'RM001',
        cif: '7700000001',
        product: 'CREDIT_CARD',
        channel: 'BRANCH',
      },
    },
  },
};

export function refineOperations(document: OpenAPIObject, serverUrl = 'http://{host}:{port}'): OpenAPIObject {
  const doc = document as unknown as Json;
  doc.info.license = { name: 'MIT', identifier: 'MIT' };
  doc.info.contact = { name: 'Bank customer-data hub maintainers' };
  doc.servers = [
    {
      url: serverUrl,
      description: 'A hub you run (`npm start`: http://localhost:3000)',
      variables: { host: { default: 'localhost' }, port: { default: '3000' } },
    },
  ];
  doc.tags = TAGS;
  doc.components.headers = HEADERS;
  doc.components.parameters = PARAMETERS;
  for (const item of Object.values(doc.paths as Record<string, Json>)) {
    for (const op of Object.values(item) as Json[]) refineOperation(op);
  }
  doc.webhooks = webhooks();
  Object.assign(doc.components.schemas, WEBHOOK_SCHEMAS, SCOPE_SCHEMAS);
  return document;
}

/**
 * The scopes as a schema: `x-required-scopes` (an extension) cannot refer to one, so the `Scope`
 * enum is named where scopes are data, the details of a 403 INSUFFICIENT_SCOPE (refineTypes names
 * the enum `Scope`; ENUM_NAMES).
 */
const SCOPE_SCHEMAS: Record<string, Json> = {
  InsufficientScopeDetail: {
    type: 'object',
    description:
      'The detail of a 403 INSUFFICIENT_SCOPE: the scopes the route needs (also in its `x-required-scopes`). A token grants scopes in its space-separated `scope` claim',
    required: ['requiredScopes'],
    properties: {
      requiredScopes: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', enum: [...ALL_SCOPES] },
        examples: [['crm:write']],
      },
    },
  },
};

/**
 * A 403 that may be INSUFFICIENT_SCOPE says what its details hold: the one error shape, whose
 * `details` name the scopes the route needs (INSTITUTION_REQUIRED has none).
 */
function withScopeDetails(status: string, response: Json): void {
  const media = response.content?.['application/json'];
  if (status !== '403' || !media?.schema?.$ref) return;
  if (!((response[ERROR_CODES_EXTENSION] ?? []) as string[]).includes(PlatformErrors.INSUFFICIENT_SCOPE.code))
    return;
  media.schema = {
    allOf: [
      { $ref: media.schema.$ref },
      {
        type: 'object',
        properties: {
          details: { type: 'array', items: { $ref: '#/components/schemas/InsufficientScopeDetail' } },
        },
      },
    ],
  };
}

function refineOperation(op: Json): void {
  const scopes: string[] = op['x-required-scopes'] ?? [];
  // Public routes say so (an empty list), rather than leaving security unsaid.
  op.security ??= [];
  const own = (op.parameters ?? []) as Json[];
  const idempotent = own.some((p) => p.name === 'Idempotency-Key');
  const ifMatch = own.find((p) => p.name === 'If-Match');
  op.parameters = [
    ...own.filter((p) => p.name !== 'Idempotency-Key' && p.name !== 'If-Match'),
    ...(idempotent ? [paramRef('IdempotencyKey')] : []),
    ...(ifMatch ? [paramRef('IfMatch')] : []),
    paramRef('AcceptLanguage'),
    paramRef('XRequestId'),
  ];
  for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
    const headers: Record<string, Json> = {
      ...(response.headers ?? {}),
      'X-Request-Id': headerRef('X-Request-Id'),
    };
    const ok = status.startsWith('2');
    if (ok && op['x-rate-limited'] !== false) {
      for (const h of ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'])
        headers[h] = headerRef(h);
    }
    if (ok && ETAG_OPERATIONS.has(op.operationId)) headers.ETag = headerRef('ETag');
    if (ok && idempotent) headers['idempotent-replayed'] = headerRef('Idempotent-Replayed');
    if (ok && DOWNLOAD_OPERATIONS.has(op.operationId))
      headers['Content-Disposition'] = headerRef('Content-Disposition');
    if ((status === '201' || status === '202') && LOCATION_OPERATIONS.has(op.operationId))
      headers.Location = headerRef('Location');
    response.headers = headers;
    withScopeDetails(status, response);
  }
  const examples = REQUEST_EXAMPLES[op.operationId];
  const json = op.requestBody?.content?.['application/json'];
  if (examples && json) json.examples = examples;
  op.description = describe(op, scopes);
}

function describe(op: Json, scopes: string[]): string {
  const parts = [op.description ?? `${op.summary}.`];
  if (scopes.length) parts.push(`**Scopes:** ${scopes.map((s) => `\`${s}\``).join(', ')}.`);
  else if (op['x-credential']) parts.push(`**Credential:** ${String(op['x-credential'])}.`);
  else parts.push('**No token needed.**');
  const errors = Object.entries(op.responses as Record<string, Json>)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, r]) => `- ${status}: ${String(r.description)}`);
  if (errors.length) parts.push(`**Errors** (body: ErrorResponseDto):\n${errors.join('\n')}`);
  return parts.join('\n\n');
}

const WEBHOOK_SCHEMAS: Record<string, Json> = {
  SynchronizationCompletedEvent: {
    type: 'object',
    description: 'Posted to the `callbackUrl` given to synchronize when the job ends (SUCCESSFUL or FAILED)',
    required: ['type', 'jobId', 'userId', 'caseId', 'reportId', 'status'],
    properties: {
      type: { type: 'string', enum: ['SYNCHRONIZATION_COMPLETED'] },
      jobId: { type: 'string', format: 'uuid' },
      userId: { type: 'string', format: 'uuid' },
      caseId: { type: ['string', 'null'], format: 'uuid', description: 'null when the job FAILED' },
      reportId: { type: ['string', 'null'], format: 'uuid', description: 'null when the job FAILED' },
      status: { type: 'string', enum: ['SUCCESSFUL', 'FAILED'] },
    },
  },
  ProcessCompletedEvent: {
    type: 'object',
    description: "Posted to the process's `callbackUrl` when the user confirms the web form",
    required: ['type', 'processId', 'userId', 'status', 'dataSourceIds'],
    properties: {
      type: { type: 'string', enum: ['process.completed'] },
      processId: { type: 'string', format: 'uuid' },
      userId: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['COMPLETED'] },
      dataSourceIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
    },
  },
};

/** Standard Webhooks (standardwebhooks.com): the headers every callback carries. */
const WEBHOOK_HEADERS: Json[] = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The delivery id (`msg_...`), the same on every attempt: deduplicate on it',
    schema: { type: 'string' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds of this attempt; refuse one too far from your clock',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the shared WEBHOOK_SECRET (`whsec_...`)',
    schema: { type: 'string', pattern: '^v1,' },
  },
];

function webhook(operationId: string, summary: string, schema: string): Json {
  return {
    post: {
      operationId,
      summary,
      security: [],
      description: `${summary}. Signed the Standard Webhooks way; answer 2xx within the timeout, else the hub retries with backoff (see GET /financial-segments/v1/webhook-deliveries).`,
      tags: ['financial-segments'],
      parameters: WEBHOOK_HEADERS,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
      },
      responses: { '200': { description: 'Received (any 2xx)' } },
    },
  };
}

function webhooks(): Json {
  return {
    synchronizationCompleted: webhook(
      'onSynchronizationCompleted',
      'A synchronize job ended',
      'SynchronizationCompletedEvent',
    ),
    processCompleted: webhook(
      'onProcessCompleted',
      'A web-form process was confirmed',
      'ProcessCompletedEvent',
    ),
  };
}
