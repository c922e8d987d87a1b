import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** What helmet does to a response: the headers it sets and the ones it removes. */
export interface SecurityHeaders {
  readonly set: ReadonlyArray<readonly [string, string]>;
  readonly removed: readonly string[];
}

/**
 * Runs helmet once, at start-up, on a recording response, and returns what it did. The hub's
 * options are static (no CSP nonces, nothing per request), so every response gets the same
 * headers: computing them once spares each request helmet's own work (building its middleware,
 * serialising the CSP directives), which @fastify/helmet repeats on every request.
 */
export function computeSecurityHeaders(options: Readonly<HelmetOptions>): SecurityHeaders {
  const set = new Map<string, string>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.push(name.toLowerCase());
    },
  };
  helmet({ ...options })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return { set: [...set.entries()], removed };
}

/** An `onRequest` hook that puts helmet's headers (computed once) on every response. */
export function securityHeaderHook(options: Readonly<HelmetOptions>) {
  const headers = computeSecurityHeaders(options);
  return (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const raw = reply.raw;
    for (const name of headers.removed) raw.removeHeader(name);
    for (const [name, value] of headers.set) raw.setHeader(name, value);
    done();
  };
}
