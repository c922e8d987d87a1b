import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from './test-app';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  /** Literal segments first: `/customers/search` wins over `/customers/{id}`. */
  readonly params: number;
  readonly codes: Readonly<Record<string, readonly string[]>>;
}

let operations: readonly Operation[] | undefined;

/** The committed contract's operations, with each error status's `x-error-codes`. */
function loadOperations(): readonly Operation[] {
  if (operations) return operations;
  const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { responses?: Record<string, { 'x-error-codes'?: string[] }> }>>;
  };
  const list: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const codes: Record<string, readonly string[]> = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        codes[status] = response['x-error-codes'] ?? [];
      }
      list.push({
        method,
        template,
        pattern: new RegExp(`^${source}$`),
        params: (template.match(/\{/g) ?? []).length,
        codes,
      });
    }
  }
  operations = list.sort((a, b) => a.params - b.params);
  return operations;
}

/**
 * The error code of an answer that the contract does not list under that operation's status, as
 * `PATCH /card-registry/v1/cards/{id} 422 WALLET_CARDHOLDER_NO_MOBILE`; null when it is listed, or
 * when the route is not in the contract (an unknown path, the docs).
 */
export function undocumentedError(method: string, url: string, status: number, body: unknown): string | null {
  if (status < 400) return null;
  const code = (body as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const path = url.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0];
  const op = loadOperations().find((o) => o.method === method && o.pattern.test(path));
  if (!op) return null;
  return op.codes[String(status)]?.includes(code)
    ? null
    : `${method.toUpperCase()} ${op.template} ${status} ${code}`;
}

function watched(agent: TestAgent, found: string[]): TestAgent {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !METHODS.has(prop) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (...a: unknown[]) => NodeJS.EventEmitter).call(target, url, ...rest);
        test.on('response', (res: { status: number; body: unknown }) => {
          const miss = undocumentedError(prop, url, res.status, res.body);
          if (miss) found.push(miss);
        });
        return test;
      };
    },
  });
}

/**
 * Checks every error answer a suite receives against the committed openapi.json: its `code` must be
 * in that operation's `x-error-codes` for that status, so a code a route answers but its
 * `@ApiErrors` forgets fails the test that met it. Call at describe level (it adds an `afterEach`),
 * then wrap the app: `t = audit.watch(await createTestApp())`.
 */
export function auditErrorCodes(): { watch(app: TestApp): TestApp } {
  const found: string[] = [];
  afterEach(() => {
    const missed = found.splice(0);
    expect({ undocumentedErrorCodes: [...new Set(missed)] }).toEqual({ undocumentedErrorCodes: [] });
  });
  return {
    watch: (app) => ({ ...app, http: watched(app.http, found), direct: watched(app.direct, found) }),
  };
}
