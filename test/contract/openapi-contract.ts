import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * A JSON Schema as OpenAPI 3.1 writes it (`type: [T, 'null']`, `$ref` into components); the 3.0
 * `nullable` is still understood.
 */
export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly schema?: Schema;
}

export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, `/card-registry/v1/customers/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly parameters: Parameter[];
  /** Content types of the request body, with their schemas; empty when there is no body. */
  readonly body: Record<string, Schema | undefined>;
  readonly bodyRequired: boolean;
  readonly responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  readonly scopes: string[];
  readonly secured: boolean;
  /**
   * The operation acts for the token's institution: its 403 lists INSTITUTION_REQUIRED (what
   * `@RequireInstitution()` documents). The tenant cases of the suite are derived from this.
   */
  readonly institutionBound: boolean;
  /** The operation takes an `Idempotency-Key`. */
  readonly idempotent: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

export function loadOpenApi(): OpenApiDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as OpenApiDocument;
}

/** Every operation of the document: a new route is covered the day it is added. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const requestBody = op.requestBody as
        { required?: boolean; content: Record<string, { schema?: Schema }> } | undefined;
      const body: Record<string, Schema | undefined> = {};
      for (const [type, media] of Object.entries(requestBody?.content ?? {})) body[type] = media.schema;
      out.push({
        method,
        path,
        operationId: String(op.operationId),
        // Shared parameters (Accept-Language, X-Request-Id, ...) are `$ref`s into components.
        parameters: ((op.parameters as Array<Parameter | { $ref: string }> | undefined) ?? []).map((p) =>
          '$ref' in p ? doc.components.parameters![p.$ref.replace('#/components/parameters/', '')] : p,
        ),
        body,
        bodyRequired: Boolean(requestBody?.required),
        responses: op.responses as Operation['responses'],
        scopes: (op['x-required-scopes'] as string[] | undefined) ?? [],
        secured: ((op.security as unknown[] | undefined) ?? []).length > 0,
        institutionBound: (
          ((op.responses as Record<string, { 'x-error-codes'?: string[] }>)['403']?.['x-error-codes'] ??
            []) as string[]
        ).includes('INSTITUTION_REQUIRED'),
        idempotent: ((op.parameters as Array<{ $ref?: string; name?: string }> | undefined) ?? []).some(
          (p) => p.$ref === '#/components/parameters/IdempotencyKey' || p.name === 'Idempotency-Key',
        ),
      });
    }
  }
  return out;
}

/** `$ref` resolved (one level at a time, as often as needed). */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) {
    s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return s;
}

/**
 * Document schema -> JSON Schema 2020-12 for ajv: `$ref`s point into the document registered under
 * the id `openapi`; the OpenAPI 3.1 forms pass as they are, and a leftover 3.0 `nullable: true`
 * admits null (also beside a `$ref` or an `allOf` wrapper).
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (key === '$ref') out.$ref = `openapi${String(value)}`;
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  if (s.nullable) {
    if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    // JSON Schema 2020-12, the dialect of OpenAPI 3.1; `discriminator` is an annotation here (the
    // oneOf itself decides), `decimal` is the format of the money strings.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat('decimal', DECIMAL);
    this.ajv.addSchema(
      {
        components: {
          schemas: Object.fromEntries(
            Object.entries(doc.components.schemas).map(([k, v]) => [k, toJsonSchema(v)]),
          ),
        },
      },
      'openapi',
    );
  }

  /** Null when the body fits the schema, else ajv's complaints. */
  check(key: string, schema: Schema, body: unknown): string | null {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.cache.set(key, validate);
    }
    if (validate(body)) return null;
    return this.ajv.errorsText(validate.errors, { separator: '; ' });
  }
}
