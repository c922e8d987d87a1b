import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** A bearer token, or a function that returns the current one (called before every request). */
export type TokenSource = string | (() => string | Promise<string>);

export interface HubClientOptions {
  /** The hub's root URL, e.g. `http://localhost:3000` (no trailing path). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`; omit for `/health` only. */
  readonly token?: TokenSource | undefined;
  /** `Accept-Language` of every request: error messages and warnings come in this language. */
  readonly language?: 'vi' | 'en' | undefined;
  /** More headers for every request (a fixed `X-Request-Id` prefix, a gateway key...). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Another fetch (tests, proxies); globalThis.fetch by default. */
  readonly fetch?: ClientOptions['fetch'] | undefined;
}

/** The openapi-fetch client typed by the hub's contract, plus the Idempotency-Key helper. */
export type HubClient = Client<paths> & {
  /** A fresh key for `Idempotency-Key`: keep it and send the same one when retrying the call. */
  idempotencyKey(): string;
};

/** Every schema of the contract by name: `Schemas['CustomerResponseDto']`. */
export type Schemas = components['schemas'];

/** The one error shape of every 4xx and 5xx answer. */
export type HubError = Schemas['ErrorResponseDto'];

/**
 * A random UUID for the `Idempotency-Key` header of the command POSTs. A retry with the same key and
 * body replays the first answer (`idempotent-replayed: true`); generate one per logical operation,
 * not per attempt.
 */
export function idempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** `{ 'Idempotency-Key': key }` for a call's `params.header` (a new key when none is given). */
export function withIdempotencyKey(key: string = idempotencyKey()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}

/**
 * A typed client of the hub: `client.POST('/api/v1/customer-summary', { body })` answers
 * `{ data, error, response }`, with `data` typed by the 2xx schema and `error` by the error schema.
 */
export function createHubClient(options: HubClientOptions): HubClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.language) headers['Accept-Language'] = options.language;
  if (typeof options.token === 'string') headers.Authorization = `Bearer ${options.token}`;
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const tokenSource = options.token;
  if (typeof tokenSource === 'function') {
    const bearer: Middleware = {
      async onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${await tokenSource()}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return Object.assign(client, { idempotencyKey });
}
