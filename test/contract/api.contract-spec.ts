import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { CardExportFilesService } from '@hub/card-registry';
import { ALL_SCOPES, mintToken } from '@hub/platform';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { loadOpenApi, operationsOf, ResponseValidator, type Operation } from './openapi-contract';
import { requestsFor, valueFor, type GeneratedRequest } from './request-arbitraries';

/**
 * The contract suite (`npm run test:contract`): every operation of openapi.json, fuzzed from its
 * documented schemas, must answer without a 5xx, with a documented status, a body valid against
 * the documented schema (OpenAPI 3.1, JSON Schema 2020-12) and nothing of the internals; every
 * secured operation refuses every kind of bad token; one institution never sees another's data.
 * CONTRACT_RUNS sets the generated requests per operation, CONTRACT_SEED replays a run.
 */
const RUNS = Number(process.env.CONTRACT_RUNS ?? 60);
const SEED = Number(process.env.CONTRACT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECRET = `contract-${randomBytes(24).toString('hex')}`;
const INSTITUTION = 'INST-CONTRACT';
const LEAK =
  /\bat [\w$.<>]+ \(|node_modules|\/(?:srv|home|usr|work|tmp)\/|\.[jt]s:\d+|QueryFailedError|TypeORM|syntax error at|relation "|duplicate key value|violates [a-z ]*constraint|SQLSTATE/i;

const doc = loadOpenApi();
const operations = operationsOf(doc);
const validator = new ResponseValidator(doc);
const totals = {
  requests: 0,
  byStatus: new Map<number, number>(),
  byKind: new Map<string, number>(),
  authCases: 0,
};

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

let t: TestApp;
let baseUrl: string;
/** Where the card registry writes its export files (the tenant cases download one). */
const exportDir = mkdtempSync(join(tmpdir(), 'contract-exports-'));
const known: Record<string, string[]> = {};

const token = (
  scopes: readonly string[] = ALL_SCOPES,
  extra: { sub?: string; institutionId?: string } = {},
) =>
  mintToken({
    secret: SECRET,
    scopes,
    subject: extra.sub ?? 'contract',
    institutionId: extra.institutionId ?? INSTITUTION,
  });

/** No answer within this long is a failure of its own (a hung request). */
const ANSWER_TIMEOUT_MS = 15_000;

async function send(req: GeneratedRequest): Promise<Answer> {
  const query = new URLSearchParams(req.query).toString();
  if (process.env.CONTRACT_TRACE)
    appendFileSync(process.env.CONTRACT_TRACE, `${req.method} ${req.path} ${req.kind}\n`);
  try {
    const res = await fetch(`${baseUrl}${req.path}${query ? `?${query}` : ''}`, {
      method: req.method,
      headers: req.headers,
      body: req.body === undefined ? undefined : Buffer.from(req.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    throw new Error(`no answer (${String(error)}) to: ${reproducer(req)}`);
  }
}

export function reproducer(req: GeneratedRequest): string {
  const query = new URLSearchParams(req.query).toString();
  const headers = Object.entries(req.headers)
    .map(([k, v]) => ` -H ${JSON.stringify(`${k}: ${k === 'authorization' ? 'Bearer $TOKEN' : v}`)}`)
    .join('');
  const body =
    req.body === undefined
      ? ''
      : ` --data-binary ${JSON.stringify(req.body.length > 2000 ? `${req.body.slice(0, 2000)}...(${req.body.length} chars)` : req.body)}`;
  return `curl -X ${req.method} ${JSON.stringify(`$HUB${req.path}${query ? `?${query}` : ''}`)}${headers}${body}`;
}

/** Every assertion the suite makes about one answer; the thrown message is the reproducer. */
function checkAnswer(op: Operation, req: GeneratedRequest, answer: Answer): void {
  totals.requests++;
  totals.byStatus.set(answer.status, (totals.byStatus.get(answer.status) ?? 0) + 1);
  totals.byKind.set(req.kind.split(':')[0], (totals.byKind.get(req.kind.split(':')[0]) ?? 0) + 1);
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status} (5xx)`);
  const documented = op.responses[String(answer.status)] ?? op.responses.default;
  if (!documented)
    problems.push(`status ${answer.status} is not documented (${Object.keys(op.responses).join(', ')})`);
  if (LEAK.test(answer.text)) problems.push(`the body shows internals: ${answer.text.slice(0, 300)}`);
  const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
  if (documented?.content && answer.text !== '') {
    const media = Object.entries(documented.content).find(([key]) => key.split(';')[0].trim() === type)?.[1];
    if (!media) problems.push(`content type ${type} is not documented for ${answer.status}`);
    else if (media.schema && type === 'application/json') {
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch {
        problems.push('the JSON body does not parse');
      }
      const error = validator.check(`${op.operationId} ${answer.status}`, media.schema, body);
      if (error)
        problems.push(`the body does not match the schema: ${error}; body: ${answer.text.slice(0, 500)}`);
    }
  }
  if (answer.status >= 400 && type === 'application/json') {
    const body = JSON.parse(answer.text) as { requestId?: string; code?: string };
    if (body.requestId !== answer.headers.get('x-request-id'))
      problems.push('requestId differs from X-Request-Id');
    if (!/^[A-Z][A-Z0-9_]*$/.test(String(body.code)))
      problems.push(`code ${String(body.code)} is not UPPER_SNAKE`);
  }
  if (problems.length) {
    throw new Error(
      `${op.method.toUpperCase()} ${op.path} (${op.operationId}), ${req.kind}: ${problems.join(' | ')}\n` +
        `  reproduce (CONTRACT_SEED=${SEED}): ${reproducer(req)}\n  answer ${answer.status}: ${answer.text.slice(0, 300)}`,
    );
  }
}

/** A few real resources, so generated ids sometimes hit something that exists. */
async function seed(): Promise<void> {
  const auth = `Bearer ${await token()}`;
  const post = async (path: string, body: unknown) =>
    await send({
      kind: 'seed',
      method: 'POST',
      path,
      query: [],
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const customer = await post('/card-registry/v1/customers', {
    type: 'PRIVATE',
    salutation: 'Ms',
    firstName: 'Lan',
    lastName: 'Tran',
    dateOfBirth: '1988-03-02',
    email: 'lan.tran@example.vn',
    mobileNumber: '0912 345 678',
    address: { address1: '5 Trang Tien', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: 'CONTRACT-1',
    regNo: 'CONTRACT-REG-1',
  });
  const customerId = JSON.parse(customer.text).id as string;
  const account = await post('/card-registry/v1/accounts', {
    ownerCustomerId: customerId,
    currency: 'VND',
    creditLimit: '1000.00',
  });
  const lead = await post('/integration-service/int/api/crm/v1/combo-create-lead-opportunity', {
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId: '079090000777',
    mobileNumber: '0912345678',
    fullName: 'Nguyen Van An',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
  });
  const process = await post('/financial-segments/v1/processes', { externalUserId: 'contract-user' });
  const ids = [
    customerId,
    JSON.parse(account.text).id,
    JSON.parse(lead.text).leadId,
    JSON.parse(lead.text).opportunityId,
  ];
  known.id = ids.filter((x): x is string => typeof x === 'string');
  known.userId = [JSON.parse(process.text).userId].filter(Boolean);
  known.customerId = [customerId];
}

(remote ? describe.skip : describe)('API contract (fuzzed from openapi.json)', () => {
  beforeAll(async () => {
    // The demo data (a small ODS) gives the customer summary real answers to check.
    t = await createTestApp({
      env: {
        AUTH_JWT_SECRET: SECRET,
        SEGMENTS_WORKERS: 'false',
        DEMO_DATA: 'on',
        ODS_DEMO_CUSTOMERS: '20',
        CARD_EXPORT_DIR: exportDir,
      },
    });
    baseUrl = `http://127.0.0.1:${(t.app!.getHttpServer().address() as { port: number }).port}`;
    await seed();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(exportDir, { recursive: true, force: true });
    const statuses = [...totals.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const kinds = [...totals.byKind]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
    process.stdout.write(
      `\ncontract suite: ${operations.length} operations, ${totals.requests} fuzzed requests (CONTRACT_RUNS=${RUNS}, CONTRACT_SEED=${SEED}), ${totals.authCases} auth-matrix cases\n` +
        `  by status: ${statuses}\n  by kind: ${kinds}\n`,
    );
  });

  it('covers every operation of openapi.json', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  describe('schema fuzzing', () => {
    it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
      '%s',
      async (_name, op) => {
        const authorization = `Bearer ${await token()}`;
        await fc.assert(
          fc.asyncProperty(requestsFor(op, { doc, known, authorization }), async (req) =>
            checkAnswer(op, req, await send(req)),
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      },
      300_000,
    );
  });

  it('answers for existing data match the documented schemas', async () => {
    const authorization = `Bearer ${await token()}`;
    const byPath = (method: string, path: string) =>
      operations.find(
        (o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
      );
    const cases: Array<[string, string, unknown?]> = [
      ['POST', '/api/v1/customer-summary', { legalId: '079090001234' }],
      ['POST', '/api/v1/customer-summary', { mobileNumber: '0988000222' }],
      ['POST', '/api/v1/customer-summary', { legalId: '079199999999' }],
      ['GET', '/integration-service/api/crm/v1/leads'],
      ['GET', '/integration-service/api/crm/v1/opportunities'],
      ['GET', '/integration-service/api/crm/v1/reports/pipeline'],
      ['GET', '/card-registry/v1/customers?regNo=CONTRACT-REG-1'],
      ['GET', '/financial-segments/v1/webhook-deliveries'],
      ...(known.id ?? []).flatMap((id): Array<[string, string]> => [
        ['GET', `/integration-service/api/crm/v1/leads/${id}`],
        ['GET', `/integration-service/api/crm/v1/opportunities/${id}`],
        ['GET', `/card-registry/v1/customers/${id}`],
        ['GET', `/card-registry/v1/customers/${id}/history`],
      ]),
      ...(known.userId ?? []).map((id): [string, string] => [
        'GET',
        `/financial-segments/v1/users/${id}/offers`,
      ]),
    ];
    const statuses: number[] = [];
    for (const [method, full, body] of cases) {
      const [path, query = ''] = full.split('?');
      const op = byPath(method.toLowerCase(), path);
      expect(op).toBeDefined();
      const req: GeneratedRequest = {
        kind: 'existing',
        method,
        path,
        query: [...new URLSearchParams(query)],
        headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      };
      const answer = await send(req);
      statuses.push(answer.status);
      checkAnswer(op as Operation, req, answer);
    }
    // The demo customer is found with every product, the shared mobile is 409 DUPLICATE_CIF.
    expect(statuses.slice(0, 3)).toEqual([200, 409, 200]);
  });

  describe('auth matrix', () => {
    const secured = operations.filter((op) => op.secured);

    async function badTokens(op: Operation): Promise<Array<[string, string | undefined, number]>> {
      const key = new TextEncoder().encode(SECRET);
      const now = Math.floor(Date.now() / 1000);
      const claims = { scope: ALL_SCOPES.join(' '), institutionId: INSTITUTION };
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const cases: Array<[string, string | undefined, number]> = [
        ['no token', undefined, 401],
        ['malformed', 'Bearer not-a-jwt', 401],
        ['not bearer', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 401],
        [
          'wrong signature',
          `Bearer ${await mintToken({ secret: 'w'.repeat(40), scopes: ALL_SCOPES, institutionId: INSTITUTION })}`,
          401,
        ],
        [
          'alg none',
          `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'x', exp: now + 600 })}.`,
          401,
        ],
        [
          'expired',
          `Bearer ${await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setIssuedAt(now - 7200)
            .setExpirationTime(now - 60)
            .sign(key)}`,
          401,
        ],
        [
          'no exp',
          `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt(now).sign(key)}`,
          401,
        ],
        [
          'future iat',
          `Bearer ${await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setIssuedAt(now + 600)
            .setExpirationTime(now + 3600)
            .sign(key)}`,
          401,
        ],
        [
          'bad institutionId',
          `Bearer ${await new SignJWT({ ...claims, institutionId: 'inst a' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setIssuedAt(now)
            .setExpirationTime(now + 600)
            .sign(key)}`,
          401,
        ],
      ];
      for (const scope of op.scopes) {
        cases.push([
          `every scope but ${scope}`,
          `Bearer ${await token(ALL_SCOPES.filter((s) => s !== scope))}`,
          403,
        ]);
      }
      return cases;
    }

    it.each(secured.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
      '%s refuses every bad token with 401/403 in the error shape',
      async (_name, op) => {
        const [body] = op.body['application/json']
          ? fc.sample(valueFor(doc, op.body['application/json']), { numRuns: 1, seed: SEED })
          : [undefined];
        let path = op.path;
        for (const p of op.parameters.filter((x) => x.in === 'path'))
          path = path.replace(`{${p.name}}`, known[p.name]?.[0] ?? known.id[0]);
        const ndjson = Boolean(op.body['application/x-ndjson']);
        for (const [name, authorization, status] of await badTokens(op)) {
          const req: GeneratedRequest = {
            kind: `auth:${name}`,
            method: op.method.toUpperCase(),
            path,
            query: [],
            headers: {
              ...(authorization ? { authorization } : {}),
              ...(body !== undefined
                ? { 'content-type': 'application/json' }
                : ndjson
                  ? { 'content-type': 'application/x-ndjson' }
                  : {}),
            },
            body: body !== undefined ? JSON.stringify(body) : ndjson ? '{}\n' : undefined,
          };
          const answer = await send(req);
          totals.authCases++;
          checkAnswer(op, req, answer);
          expect({ case: name, status: answer.status }).toEqual({ case: name, status });
          expect(JSON.parse(answer.text).code).toMatch(
            status === 401 ? /^(UNAUTHENTICATED|INVALID_TOKEN)$/ : /^INSUFFICIENT_SCOPE$/,
          );
        }
      },
    );
  });

  /**
   * Derived from openapi.json: every institution-bound operation (403 INSTITUTION_REQUIRED) gets a
   * case, so a new one is covered the day it is added, or the suite fails until it is. A resource
   * of each kind is made in institution A; institution B, same `sub`, then reads, updates and
   * exports: an operation with a path parameter is 404 for A's resource, a list or an export holds
   * none of A's ids (A's own holds one), a command replayed with A's Idempotency-Key is not a replay.
   */
  describe("tenants: one institution never reaches another one's data (cases from openapi.json)", () => {
    const bound = operations.filter((op) => op.institutionBound);
    const name = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;
    const a = () => token(['cards:read', 'cards:write'], { sub: 'same-sub', institutionId: 'INST-TENANT-A' });
    const b = () => token(['cards:read', 'cards:write'], { sub: 'same-sub', institutionId: 'INST-TENANT-B' });
    /** A valid body for the commands and updates, by operationId (the only hand-written part). */
    const inA: Record<string, string> = {};
    const bodies: Record<string, () => unknown> = {
      createCardCustomer: () => ({
        type: 'CORPORATE',
        name: 'Tenant A Logistics',
        locale: 'en-GB',
        customerNumber: 'TEN-A-1',
        regNo: 'TEN-A-REG-1',
        address: { address1: '1 Nguyen Hue', city: 'Ho Chi Minh City', zipCode: '700000', country: 'VNM' },
      }),
      createCardAccount: () => ({ ownerCustomerId: inA.customers, currency: 'VND', creditLimit: '1000.00' }),
      createCard: () => ({
        accountId: inA.accounts,
        cardholderCustomerId: inA.customers,
        digitalWalletEnabled: false,
        embossName: 'TENANT A',
        expiryDate: `${new Date().getUTCFullYear() + 3}-06`,
      }),
      patchCardCustomer: () => ({ name: 'Taken over' }),
      patchCard: () => ({ status: 'BLOCKED' }),
    };
    /** Which resource a path parameter names: the collection just before it (`/cards/{id}` -> cards). */
    const collectionOf = (op: Operation) => /\/([a-z-]+)\/\{[^}]+\}/.exec(op.path)?.[1];
    const fill = (op: Operation) =>
      op.path.replace(/\/([a-z-]+)\/\{[^}]+\}/, (_m, c: string) => `/${c}/${inA[c]}`);
    const call = async (op: Operation, auth: string, path: string, extra: Record<string, string> = {}) => {
      const body = bodies[op.operationId]?.();
      const req: GeneratedRequest = {
        kind: 'tenant',
        method: op.method.toUpperCase(),
        path,
        query: [],
        headers: {
          authorization: `Bearer ${auth}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...extra,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      };
      const answer = await send(req);
      checkAnswer(op, req, answer);
      return answer;
    };
    const byId = (operationId: string) =>
      operations.find((op) => op.operationId === operationId) as Operation;

    beforeAll(async () => {
      const auth = await a();
      for (const [operationId, collection] of [
        ['createCardCustomer', 'customers'],
        ['createCardAccount', 'accounts'],
        ['createCard', 'cards'],
      ] as const) {
        // Each with a key, for the replay cases below.
        const created = await call(byId(operationId), auth, byId(operationId).path, {
          'idempotency-key': `tenant-${operationId}`,
        });
        expect({ operationId, status: created.status }).toEqual({ operationId, status: 201 });
        inA[collection] = JSON.parse(created.text).id;
      }
      // A's export files of the day (written as the scheduled job would, two days on: complete days).
      await t.app!.get(CardExportFilesService).writeDueFiles(new Date(Date.now() + 2 * 86_400_000));
      const files = await call(byId('listCardExportFiles'), auth, byId('listCardExportFiles').path);
      inA['export-files'] = JSON.parse(files.text).items[0]?.id;
      expect(inA['export-files']).toEqual(expect.any(String));
    }, 60_000);

    it('finds the institution-bound operations in the document, each with a case', () => {
      expect(bound.length).toBeGreaterThanOrEqual(16);
      const uncovered = bound
        .filter((op) =>
          collectionOf(op)
            ? !((collectionOf(op) as string) in inA) || (op.method !== 'get' && !bodies[op.operationId])
            : op.method === 'post'
              ? !op.idempotent || !bodies[op.operationId]
              : op.method !== 'get',
        )
        .map(name);
      // A new institution-bound route: give it a resource (a create above) or a body, or a case.
      expect(uncovered).toEqual([]);
    });

    /** The GET of the resource an update changes (same path). */
    const readOf = (op: Operation) =>
      operations.find((o) => o.method === 'get' && o.path === op.path) as Operation;

    it.each(bound.filter((op) => collectionOf(op)).map((op) => [name(op), op] as const))(
      "%s on institution A's resource from institution B is 404 (A finds it; an update leaves it as it was)",
      async (_name, op) => {
        const path = fill(op);
        const theirs = await call(op, await b(), path, op.method === 'patch' ? { 'if-match': '"1"' } : {});
        expect({ op: name(op), status: theirs.status }).toEqual({ op: name(op), status: 404 });
        for (const id of Object.values(inA)) expect(theirs.text).not.toContain(id);
        if (op.method === 'get') {
          // The same request in A finds it: the 404 is the tenant's, not a bad path.
          const mine = await call(op, await a(), path);
          expect({ op: name(op), status: mine.status }).toEqual({ op: name(op), status: 200 });
        } else {
          const mine = await call(readOf(op), await a(), path);
          expect({ op: name(op), version: JSON.parse(mine.text).version }).toEqual({
            op: name(op),
            version: 1,
          });
        }
      },
    );

    it.each(
      bound.filter((op) => !collectionOf(op) && op.method === 'get').map((op) => [name(op), op] as const),
    )("%s from institution B holds none of A's ids (A's own holds one)", async (_name, op) => {
      const mine = await call(op, await a(), op.path);
      const theirs = await call(op, await b(), op.path);
      expect({ op: name(op), statuses: [mine.status, theirs.status] }).toEqual({
        op: name(op),
        statuses: [200, 200],
      });
      expect(Object.values(inA).some((id) => mine.text.includes(id))).toBe(true);
      for (const id of Object.values(inA)) expect(theirs.text).not.toContain(id);
    });

    it.each(
      bound.filter((op) => !collectionOf(op) && op.method === 'post').map((op) => [name(op), op] as const),
    )("%s replayed from institution B with A's Idempotency-Key and body is no replay", async (_name, op) => {
      const replay = await call(op, await b(), op.path, { 'idempotency-key': `tenant-${op.operationId}` });
      expect(replay.headers.get('idempotent-replayed')).toBeNull();
      // A new resource of B's own, or 404 where the body names A's resources.
      expect([201, 404]).toContain(replay.status);
      for (const id of Object.values(inA)) expect(replay.text).not.toContain(id);
      // The same key in A is still A's replay.
      const again = await call(op, await a(), op.path, { 'idempotency-key': `tenant-${op.operationId}` });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });
  });
});
