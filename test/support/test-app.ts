import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { ALL_SCOPES, mintToken, type Scope } from '@hub/platform';
import { createApp } from '../../apps/api/src/app.factory';
import { cloneTemplateDatabase } from '../setup/test-database';
import { recordedFetch, recordedHttp } from './recorded-http';

export interface TokenOptions {
  readonly sub?: string;
  readonly institutionId?: string;
  readonly expiresInSeconds?: number;
  /** Sign with another secret (a forged token). */
  readonly secret?: string;
}

export interface TestApp {
  /** supertest over real HTTP: the app on an ephemeral port, or E2E_BASE_URL. */
  readonly http: TestAgent;
  /**
   * The hub itself, never a proxy in front of it: for the few requests a validating proxy cannot
   * carry (a malformed URL, a malformed JSON body it would answer itself). `E2E_DIRECT_URL` when
   * set (the conformance run), else the same address as `http`.
   */
  readonly direct: TestAgent;
  /** The address `direct` sends to, for requests supertest cannot shape (a body cut short). */
  readonly directUrl: string;
  /**
   * The address `http` sends to (the local app, or E2E_BASE_URL), and the fetch to use there: a
   * client other than supertest (`@hub/client`, openapi-fetch) takes both, so that the
   * conformance run records its answers too.
   */
  readonly baseUrl: string;
  readonly fetch: (input: Request) => Promise<Response>;
  /** A token with these scopes (all scopes by default). */
  token(scopes?: readonly Scope[], options?: TokenOptions): Promise<string>;
  /** `Bearer <token>` for an Authorization header. */
  bearer(scopes?: readonly Scope[], options?: TokenOptions): Promise<string>;
  /** The app and its database: null when the suite runs against a deployed hub. */
  readonly app: NestFastifyApplication | null;
  readonly dataSource: DataSource | null;
  readonly databaseUrl: string | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for the app's configuration. */
  readonly env?: Record<string, string>;
  readonly logStream?: DestinationStream;
  /** Reuse an existing database (e.g. to restart the app on the same data). */
  readonly databaseUrl?: string;
}

/** True when the e2e suites run against a deployed hub (QA: E2E_BASE_URL, E2E_JWT_SECRET). */
export const remote = Boolean(process.env.E2E_BASE_URL);

/** globalThis.fetch, recorded like `agent` in the conformance run. */
function fetcher(): (input: Request) => Promise<Response> {
  const log = process.env.E2E_TRAFFIC_LOG;
  return log ? recordedFetch(log) : (input) => globalThis.fetch(input);
}

function agent(url: string): TestAgent {
  const http = request(url) as unknown as TestAgent;
  // The conformance run counts every answer and Prism's verdict on it.
  return process.env.E2E_TRAFFIC_LOG ? recordedHttp(http, process.env.E2E_TRAFFIC_LOG) : http;
}

/**
 * The whole hub on its own cloned database, over real HTTP. Or, with E2E_BASE_URL set, a client for
 * a deployed hub whose tokens are signed with E2E_JWT_SECRET (or AUTH_JWT_SECRET, the hub's own
 * variable, when the runner has the hub's environment).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (remote) {
    const secret = process.env.E2E_JWT_SECRET ?? process.env.AUTH_JWT_SECRET;
    if (!secret) throw new Error('E2E_JWT_SECRET is required with E2E_BASE_URL');
    const base = process.env.E2E_BASE_URL as string;
    return withTokens(secret, {
      http: agent(base),
      baseUrl: base,
      fetch: fetcher(),
      direct: request(process.env.E2E_DIRECT_URL ?? base) as unknown as TestAgent,
      directUrl: process.env.E2E_DIRECT_URL ?? base,
      app: null,
      dataSource: null,
      databaseUrl: null,
      close: async () => undefined,
    });
  }
  const database = options.databaseUrl ? null : await cloneTemplateDatabase();
  const url = options.databaseUrl ?? (database as { url: string }).url;
  const secret = randomBytes(32).toString('hex');
  const { app } = await createApp({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: url,
      AUTH_JWT_SECRET: secret,
      DEMO_DATA: 'off',
      LOG_LEVEL: options.logStream ? 'info' : 'silent',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // Suites are not throttled unless they set limits themselves.
      RATE_LIMIT_PER_MINUTE: '0',
      LOOKUP_RATE_LIMIT_PER_MINUTE: '0',
      ...options.env,
    },
    logStream: options.logStream,
  });
  await app.getHttpAdapter().getInstance().ready();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const local = `http://127.0.0.1:${address.port}`;
  return withTokens(secret, {
    http: request(local) as unknown as TestAgent,
    direct: request(local) as unknown as TestAgent,
    directUrl: local,
    baseUrl: local,
    fetch: (input) => globalThis.fetch(input),
    app,
    dataSource: app.get(DataSource),
    databaseUrl: url,
    close: async () => {
      await app.close();
      await database?.drop();
    },
  });
}

function withTokens(secret: string, base: Omit<TestApp, 'token' | 'bearer'>): TestApp {
  const token = (scopes: readonly Scope[] = ALL_SCOPES, options: TokenOptions = {}) =>
    mintToken({
      secret: options.secret ?? secret,
      subject: options.sub ?? 'test-user',
      scopes,
      institutionId: options.institutionId,
      expiresInSeconds: options.expiresInSeconds,
    });
  return { ...base, token, bearer: async (scopes, options) => `Bearer ${await token(scopes, options)}` };
}
