import { request as httpRequest } from 'node:http';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { loadOpenApi, operationsOf, type Operation } from './openapi-contract';

/**
 * 413 is documented exactly where the hub answers it. Every operation of openapi.json gets a JSON
 * body over BODY_LIMIT_BYTES, without a token: the hub reads and measures a body before it looks
 * at the token, so an operation whose body is read answers 413, also when it takes no body (a
 * DELETE, a POST without input). A GET's body is never read: its answer is the one without the
 * body. An operation that answers 413 without documenting it, or documents a 413 it cannot give,
 * fails here.
 */
const LIMIT = 1024;
const OVERSIZED = JSON.stringify({ padding: 'x'.repeat(2 * LIMIT) });

interface Answer {
  readonly status: number;
  readonly code: unknown;
}

/** node:http, not fetch: fetch refuses a body on a GET. */
function send(baseUrl: string, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), {
      method,
      headers:
        body === undefined
          ? {}
          : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let code: unknown;
        try {
          code = (JSON.parse(text) as { code?: unknown }).code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The operation's path with every parameter filled in (the body is refused before it is read). */
const concrete = (op: Operation) => op.path.replace(/\{[^}]+\}/g, 'x');

(remote ? describe.skip : describe)('413 PAYLOAD_TOO_LARGE: documented where the hub answers it', () => {
  const operations = operationsOf(loadOpenApi());
  const documents413 = (op: Operation) => Object.keys(op.responses).includes('413');
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: String(LIMIT), SEGMENTS_WORKERS: 'false' } });
    baseUrl = t.directUrl;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('every operation that answers 413 to an oversized body documents it, and only those', async () => {
    const mismatches: string[] = [];
    let answered413 = 0;
    for (const op of operations) {
      const answer = await send(baseUrl, op.method.toUpperCase(), concrete(op), OVERSIZED);
      if (answer.status === 413) {
        answered413++;
        expect({ op: `${op.method} ${op.path}`, code: answer.code }).toEqual({
          op: `${op.method} ${op.path}`,
          code: 'PAYLOAD_TOO_LARGE',
        });
      }
      if ((answer.status === 413) !== documents413(op))
        mismatches.push(
          `${op.method.toUpperCase()} ${op.path}: answered ${answer.status}, documents 413: ${documents413(op)}`,
        );
    }
    expect(mismatches).toEqual([]);
    // Every POST, PUT, PATCH and DELETE of the document answered 413, whether it takes a body or not.
    expect(answered413).toBe(operations.filter((op) => op.method !== 'get').length);
    expect(operations.some((op) => op.method === 'delete')).toBe(true);
  });

  it('ignores the body of a GET: the answer is the one without it', async () => {
    const gets = operations.filter((op) => op.method === 'get');
    expect(gets.length).toBeGreaterThan(10);
    const differences: string[] = [];
    for (const op of gets) {
      const [withBody, without] = [
        await send(baseUrl, 'GET', concrete(op), OVERSIZED),
        await send(baseUrl, 'GET', concrete(op)),
      ];
      if (withBody.status !== without.status || withBody.code !== without.code)
        differences.push(
          `GET ${op.path}: ${withBody.status} ${String(withBody.code)} with a body, ${without.status} without`,
        );
    }
    expect(differences).toEqual([]);
  });
});
