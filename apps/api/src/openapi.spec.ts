import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { generateOpenApiJson } from './openapi-document';

type Json = Record<string, any>;

/** Every schema object of the document with where it is, for checks that walk them all. */
function schemasOf(node: unknown, at = '', out: Array<{ at: string; schema: Json }> = []) {
  if (!node || typeof node !== 'object') return out;
  const s = node as Json;
  if (at.includes('/schema') || at.startsWith('/components/schemas/')) out.push({ at, schema: s });
  for (const [key, value] of Object.entries(s)) schemasOf(value, `${at}/${key}`, out);
  return out;
}

describe('openapi.json', () => {
  let generated: Json;
  let operations: Array<{ path: string; method: string; op: Json }>;

  beforeAll(async () => {
    generated = JSON.parse(await generateOpenApiJson());
    operations = Object.entries(generated.paths as Record<string, Json>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op: op as Json })),
    );
  });

  it('is the document the app generates (run `npm run swagger:metadata && npm run openapi` after an API change)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'));
    expect(generated).toEqual(committed);
  });

  it('documents the bearer scheme, and the scopes and error answers of every protected route', () => {
    expect(generated.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(operations.length).toBeGreaterThan(1);
    for (const { path, method, op } of operations) {
      expect({ path, method, description: typeof op.description }).toEqual({
        path,
        method,
        description: 'string',
      });
      if (path === '/health' || path.startsWith('/health/') || op['x-credential']) {
        // A public route says so; the web form names the credential it takes instead (its process token).
        expect({ path, method, security: op.security }).toEqual({ path, method, security: [] });
        continue;
      }
      expect({ path, method, security: op.security }).toEqual({ path, method, security: [{ bearer: [] }] });
      const scopes = op['x-required-scopes'] as string[];
      expect({ path, method, scopes: Array.isArray(scopes) && scopes.length > 0 }).toEqual({
        path,
        method,
        scopes: true,
      });
      for (const scope of scopes) expect(op.description).toContain(`\`${scope}\``);
      expect({ path, method, has401: Boolean(op.responses['401']) }).toEqual({ path, method, has401: true });
      expect(op.operationId).toEqual(expect.any(String));
    }
  });

  it('documents 429 RATE_LIMITED with Retry-After and RateLimit-* on every route but the health probes, the public web form included', () => {
    const exempt: string[] = [];
    for (const { path, method, op } of operations) {
      if (op['x-rate-limited'] === false) {
        exempt.push(path);
        expect({ path, method, has429: Boolean(op.responses['429']) }).toEqual({
          path,
          method,
          has429: false,
        });
        continue;
      }
      const limited = op.responses['429'];
      expect({ path, method, codes: limited?.['x-error-codes'] }).toEqual({
        path,
        method,
        codes: ['RATE_LIMITED'],
      });
      expect(Object.keys(limited.headers)).toEqual(
        expect.arrayContaining(['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
      );
      const ok = Object.entries(op.responses as Record<string, Json>).find(([s]) => s.startsWith('2'))?.[1];
      expect({ path, method, headers: Object.keys(ok?.headers ?? {}) }).toEqual({
        path,
        method,
        headers: expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
      });
    }
    // Probes alone are exempt: a load balancer polling from one address is never refused.
    expect(exempt.sort()).toEqual(['/health', '/health/live', '/health/ready']);
    const webForm = operations.filter(({ op }) => op['x-credential']);
    expect(webForm.map(({ op }) => op.operationId).sort()).toEqual([
      'cancelWebForm',
      'confirmWebForm',
      'getWebForm',
      'previewWebFormFiles',
    ]);
  });

  it('is OpenAPI 3.1 with exact types: no nullable, no number for a count, every enum named', () => {
    expect(generated.openapi).toBe('3.1.0');
    const offenders = schemasOf(generated).flatMap(({ at, schema }) => {
      const out: string[] = [];
      if ('nullable' in schema) out.push(`${at}: nullable`);
      if (Array.isArray(schema.enum) && schema.enum.length > 1 && !at.startsWith('/components/schemas/'))
        out.push(`${at}: inline enum`);
      if (/\/properties\/[^/]+$/.test(at) && Array.isArray(schema.enum) && schema.enum.length > 1)
        out.push(`${at}: inline enum`);
      if (/\/(page|pageSize|total|version|statusCode|count)$/.test(at) && schema.type === 'number')
        out.push(`${at}: number`);
      return out;
    });
    expect(offenders).toEqual([]);
    const s = generated.components.schemas;
    expect(s.NonLendingInfoDto.properties.payroll.oneOf).toContainEqual({ type: 'null' });
    expect(s.AggregationsDto.properties.mainIncomeSource.oneOf).toContainEqual({ type: 'null' });
    expect(s.CasaDto.properties.balance).toMatchObject({ type: 'string', format: 'decimal' });
    expect(s.CreateDataSourceRequestDto.discriminator.propertyName).toBe('type');
    expect(s.IncomeCategory.enum).toContain('SALARY');
  });

  it('has examples that are valid against their schemas (media types and schema `examples`)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('decimal', /^-?[0-9]+(\.[0-9]+)?$/);
    ajv.addSchema({ components: generated.components }, 'openapi');
    const refs = (schema: unknown): unknown =>
      JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
    const failures: string[] = [];
    const check = (at: string, schema: Json, value: unknown) => {
      const validate = ajv.compile(refs(schema) as object);
      if (!validate(value)) failures.push(`${at}: ${ajv.errorsText(validate.errors)}`);
    };
    let checked = 0;
    const media = (at: string, content: Record<string, Json> | undefined) => {
      for (const [type, m] of Object.entries(content ?? {})) {
        if (!m.schema || !type.includes('json')) continue;
        if (m.example !== undefined) {
          checked++;
          check(`${at} ${type} example`, m.schema, m.example);
        }
        for (const [name, ex] of Object.entries((m.examples ?? {}) as Record<string, Json>)) {
          checked++;
          check(`${at} ${type} examples.${name}`, m.schema, ex.value);
        }
      }
    };
    for (const { path, method, op } of operations) {
      media(`${method} ${path} request`, op.requestBody?.content);
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>))
        media(`${method} ${path} ${status}`, r.content);
    }
    for (const { at, schema } of schemasOf(generated.components.schemas, '/components/schemas')) {
      for (const example of (Array.isArray(schema.examples) ? schema.examples : []) as unknown[]) {
        const { examples: _ignored, ...rest } = schema;
        checked++;
        check(`${at} examples`, rest, example);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
