import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi-contract';

/** One generated request, plain data, so a failure can print it as a reproducer. */
export interface GeneratedRequest {
  readonly kind: string;
  readonly method: string;
  /** Path with the parameters filled in and encoded. */
  readonly path: string;
  readonly query: Array<[string, string]>;
  readonly headers: Record<string, string>;
  /** The raw body text (or undefined: no body). */
  readonly body?: string;
}

const UNICODE = [
  '\u0000',
  '\u202e',
  '\u200f',
  '👩‍👩‍👧‍👦',
  'Ω≈ç√',
  'Tiếng Việt',
  '\uFEFF',
  '\uD83D',
  '𝕳',
  '\'"<>&;--',
];
const nasty = fc.oneof(
  fc.constantFrom(...UNICODE),
  fc
    .array(fc.constantFrom(...UNICODE, 'a', ' ', '0'), { minLength: 1, maxLength: 12 })
    .map((a) => a.join('')),
  fc.constant('x'.repeat(10_000)),
  fc.constant(''),
  fc.constant(' '),
);

/** Values that fit a schema (within bounds); may still break business rules, which is fine. */
export function valueFor(doc: OpenApiDocument, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  // OpenAPI 3.1: `type: [T, 'null']` is T or null; `{ type: 'null' }` is null.
  if (Array.isArray(schema.type)) {
    const [type = 'string'] = schema.type.filter((t) => t !== 'null');
    const arb = valueFor(doc, { ...schema, type }, depth);
    return schema.type.includes('null') ? fc.option(arb, { nil: null, freq: 8 }) : arb;
  }
  if (schema.type === 'null') return fc.constant(null);
  if (schema.allOf?.length)
    return valueFor(doc, Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s))), depth);
  const choices = schema.oneOf ?? schema.anyOf;
  let arb: fc.Arbitrary<unknown>;
  if (choices?.length) arb = fc.oneof(...choices.map((s) => valueFor(doc, s, depth + 1)));
  else if (schema.enum) arb = fc.constantFrom(...schema.enum);
  else arb = byType(doc, schema, depth);
  return schema.nullable ? fc.option(arb, { nil: null, freq: 8 }) : arb;
}

function byType(doc: OpenApiDocument, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valueFor(doc, schema.items, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
          });
    case 'object':
    default: {
      if (!schema.properties)
        return depth > 4
          ? fc.constant({})
          : fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 2 });
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(schema.properties)) props[key] = valueFor(doc, sub, depth + 1);
      return fc.record(props, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
  }
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('1940-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.vn$/);
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, 24));
  const plain = fc.string({ minLength, maxLength });
  // Identifier-like digit strings (legal IDs, phones, CIFs), where the length bounds allow them.
  const lo = Math.max(minLength, 9);
  const hi = Math.min(schema.maxLength ?? 12, 12);
  return lo <= hi ? fc.oneof(plain, fc.stringMatching(new RegExp(`^[0-9]{${lo},${hi}}$`))) : plain;
}

/** A value of another JSON type than the schema's (wrong types). */
const anyJson = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

type Mutation = (body: Record<string, unknown>, required: string[]) => fc.Arbitrary<[string, unknown]>;

/** Body mutations: each keeps the shape mostly valid and breaks one thing. */
const MUTATIONS: Record<string, Mutation> = {
  valid: (body) => fc.constant(['valid', body]),
  wrongType: (body) =>
    keyOf(body).chain((k) =>
      anyJson.map((v) => [`wrongType:${k}`, { ...body, [k]: v }] as [string, unknown]),
    ),
  missing: (body, required) =>
    required.length === 0
      ? fc.constant(['missing:none', body])
      : fc.constantFrom(...required).map((k) => {
          const copy = { ...body };
          delete copy[k];
          return [`missing:${k}`, copy] as [string, unknown];
        }),
  extra: (body) =>
    fc
      .string({ minLength: 1, maxLength: 12 })
      .map((k) => [`extra`, { ...body, [`x_${k}`]: 'extra' }] as [string, unknown]),
  nasty: (body) =>
    keyOf(body).chain((k) => nasty.map((v) => [`nasty:${k}`, { ...body, [k]: v }] as [string, unknown])),
  // Nesting is written into the text at serialisation (see serialise): a 5,000-deep value would
  // overflow this side's own JSON.stringify.
  deep: (body) =>
    fc
      .tuple(keyOf(body), fc.constantFrom(10, 63, 64, 65, 100, 5000))
      .map(([k, n]) => [`deep:${k}:${n}`, { ...body, [k]: `__DEEP_${n}__` }] as [string, unknown]),
  hugeArray: (body) =>
    keyOf(body).map(
      (k) =>
        [`hugeArray:${k}`, { ...body, [k]: Array.from({ length: 50_000 }, (_, i) => i % 10) }] as [
          string,
          unknown,
        ],
    ),
  topLevel: () => fc.jsonValue({ maxDepth: 3 }).map((v) => ['topLevel', v] as [string, unknown]),
};

function serialise(body: unknown): string {
  return JSON.stringify(body).replace(
    /"__DEEP_(\d+)__"/g,
    (_m, n: string) => '['.repeat(Number(n)) + ']'.repeat(Number(n)),
  );
}

function keyOf(body: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(body);
  return keys.length ? fc.constantFrom(...keys) : fc.constant('field');
}

/** Percent-encoded; a lone surrogate (not encodable as UTF-8) becomes an invalid UTF-8 sequence. */
function encodePathValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%BD';
  }
}

/** Path parameter values: known resources, schema values, and bad ones. */
function pathValue(doc: OpenApiDocument, schema: Schema | undefined, known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
    { weight: 3, arbitrary: valueFor(doc, schema).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0',
        '-1',
        'null',
        '..',
        '%00',
        '%E0%A4%A',
        '1e309',
        'x'.repeat(300),
        "1' OR '1'='1",
      ),
    },
    { weight: 2, arbitrary: nasty.map((s) => encodePathValue(s.slice(0, 200)) || 'x') },
  );
}

/** Query parameter values: schema values, wrong types, repeated keys, unicode, huge. */
function queryValues(doc: OpenApiDocument, op: Operation): fc.Arbitrary<Array<[string, string]>> {
  const params = op.parameters.filter((p) => p.in === 'query');
  if (params.length === 0) return fc.constant([]);
  const one = (p: (typeof params)[number]) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: valueFor(doc, p.schema).map((v) => [[p.name, String(v)]] as Array<[string, string]>),
      },
      {
        weight: 1,
        arbitrary: nasty.map(
          (v) => [[p.name, v.replace(/[\uD800-\uDFFF]/g, '?')]] as Array<[string, string]>,
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('abc', '-1', '1.5', '99999999999999999999', 'true', '2026-W01', '')
          .map((v) => [[p.name, v]] as Array<[string, string]>),
      },
      {
        weight: 1,
        arbitrary: fc.constant([
          [p.name, '1'],
          [p.name, '2'],
        ] as Array<[string, string]>),
      },
      { weight: 2, arbitrary: fc.constant([] as Array<[string, string]>) },
    );
  return fc.tuple(...params.map(one)).map((lists) => lists.flat());
}

export interface RequestContext {
  readonly doc: OpenApiDocument;
  readonly known: Record<string, string[]>;
  readonly authorization: string;
}

/** Every kind of request the suite sends to one operation. */
export function requestsFor(op: Operation, ctx: RequestContext): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const pathArb = fc
    .tuple(...pathParams.map((p) => pathValue(ctx.doc, p.schema, ctx.known[p.name] ?? [])))
    .map((values) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i])));
      return path;
    });
  const headers = { authorization: ctx.authorization, 'accept-language': 'en' };
  const base = fc.record({ path: pathArb, query: queryValues(ctx.doc, op) });

  const jsonSchema = op.body['application/json'];
  if (jsonSchema) {
    const schema = resolve(ctx.doc, jsonSchema);
    const required = schema.required ?? [];
    const bodyArb = valueFor(ctx.doc, jsonSchema).chain((body) =>
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? fc
            .constantFrom(...Object.keys(MUTATIONS))
            .chain((m) => MUTATIONS[m](body as Record<string, unknown>, required))
        : fc.constant(['valid', body] as [string, unknown]),
    );
    const json = fc.tuple(base, bodyArb).map(([b, [kind, body]]): GeneratedRequest => ({
      kind,
      method: op.method.toUpperCase(),
      ...b,
      headers: { ...headers, 'content-type': 'application/json' },
      body: serialise(body),
    }));
    const raw = fc
      .tuple(
        base,
        fc.constantFrom(
          ['text/plain', '{"a":1}'],
          ['application/xml', '<a>1</a>'],
          ['application/x-www-form-urlencoded', 'a=1&b=2'],
          [
            'multipart/form-data; boundary=x',
            '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
          ],
          ['application/json', '{"a": '],
          ['application/json', ''],
          ['application/json', '{"__proto__":{"polluted":true}}'],
          ['application/json; charset=latin1', '{}'],
          ['', '{}'],
        ),
      )
      .map(([b, [type, body]]): GeneratedRequest => ({
        kind: `contentType:${type || 'none'}`,
        method: op.method.toUpperCase(),
        ...b,
        headers: type ? { ...headers, 'content-type': type } : headers,
        body,
      }));
    return fc.oneof({ weight: 5, arbitrary: json }, { weight: 1, arbitrary: raw });
  }

  if (op.body['application/x-ndjson']) {
    const lines = fc.array(
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        nasty,
      ),
      { maxLength: 5 },
    );
    return fc
      .tuple(base, lines, fc.constantFrom('application/x-ndjson', 'application/json', 'text/plain'))
      .map(([b, l, type]): GeneratedRequest => ({
        kind: `ndjson:${type}`,
        method: op.method.toUpperCase(),
        ...b,
        headers: { ...headers, 'content-type': type },
        body: type === 'application/json' ? JSON.stringify(l) : l.join('\n'),
      }));
  }

  return base.map((b): GeneratedRequest => ({
    kind: 'noBody',
    method: op.method.toUpperCase(),
    ...b,
    headers,
  }));
}
