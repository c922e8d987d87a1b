import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { destination } from 'pino';
import { mintToken, type Scope } from '@hub/platform';
import { createApp } from '../../apps/api/src/app.factory';

export interface Hub {
  app: NestFastifyApplication;
  url: string;
  secret: string;
  auditKey: string;
  token: (scopes: Scope[], institutionId?: string) => Promise<string>;
  rss: () => number;
}

/**
 * The whole hub, as `npm start` builds it, on `databaseUrl`, listening on a loopback port.
 * `rateLimits: 'off'` starts it with RATE_LIMIT_PER_MINUTE=0 and LOOKUP_RATE_LIMIT_PER_MINUTE=0 (no
 * limiter query at all), to measure what the limiter costs.
 */
export async function startHub(
  databaseUrl: string,
  options: { rateLimits?: 'on' | 'off'; secret?: string; auditKey?: string } = {},
): Promise<Hub> {
  Logger.overrideLogger(['error', 'warn']);
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const auditKey = options.auditKey ?? randomBytes(32).toString('hex');
  const limit = options.rateLimits === 'off' ? '0' : '1000000';
  const { app } = await createApp({
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      AUTH_JWT_SECRET: secret,
      AUDIT_HASH_KEY: auditKey,
      DEMO_DATA: 'off',
      // As deployed: request logs at info, written to /dev/null (their cost is measured, not their I/O).
      LOG_LEVEL: 'info',
      // The rate limiter stays on (its cost is part of every request) but never refuses the load;
      // 'off' turns it off (0).
      RATE_LIMIT_PER_MINUTE: limit,
      LOOKUP_RATE_LIMIT_PER_MINUTE: limit,
    },
    logStream: destination({ dest: '/dev/null', sync: false }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    secret,
    auditKey,
    token: (scopes, institutionId) =>
      mintToken({ secret, scopes, subject: 'bench', ...(institutionId ? { institutionId } : {}) }),
    rss: () => process.memoryUsage().rss,
  };
}
