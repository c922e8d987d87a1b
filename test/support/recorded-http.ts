import { appendFileSync } from 'node:fs';
import type TestAgent from 'supertest/lib/agent';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** One request as the conformance run counts it (see scripts/conformance/run.mjs). */
export interface TrafficRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Prism's `sl-violations` header (a JSON array), when the request went through Prism. */
  readonly violations: string | null;
}

function record(logFile: string, record: TrafficRecord): void {
  appendFileSync(logFile, `${JSON.stringify(record)}\n`);
}

/**
 * The supertest agent, with every answer appended to `logFile` as one JSON line: method, path,
 * status and the `sl-violations` header a validating proxy (Prism) adds when the request or the
 * answer breaks the OpenAPI document. Lines are small and appended whole, so parallel test files
 * can share the file.
 */
export function recordedHttp(agent: TestAgent, logFile: string): TestAgent {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !METHODS.has(prop) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (...a: unknown[]) => NodeJS.EventEmitter).call(target, url, ...rest);
        test.on('response', (res: { status: number; headers: Record<string, string | undefined> }) => {
          record(logFile, {
            method: prop.toUpperCase(),
            path: url.split('?')[0],
            status: res.status,
            violations: res.headers['sl-violations'] ?? null,
          });
        });
        return test;
      };
    },
  });
}

/**
 * A fetch (the one openapi-fetch and @hub/client take) that records each answer like
 * `recordedHttp`: the typed client's requests through the proxy are counted, and Prism's verdict
 * on them read, like the supertest agents'.
 */
export function recordedFetch(
  logFile: string,
  fetchImpl: (input: Request) => Promise<Response> = (input) => globalThis.fetch(input),
): (input: Request) => Promise<Response> {
  return async (input: Request) => {
    const method = input.method.toUpperCase();
    const path = new URL(input.url).pathname;
    const res = await fetchImpl(input);
    record(logFile, { method, path, status: res.status, violations: res.headers.get('sl-violations') });
    return res;
  };
}
