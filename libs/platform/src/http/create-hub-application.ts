import type { HelmetOptions } from 'helmet';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { configureFastify, createFastifyAdapter } from './configure-fastify';
import { securityHeaderHook } from './security-headers';
import type { AppConfig } from '../config/app-config';
import { markStartup } from '../lifecycle/startup-timing';

/**
 * Creates and initialises a Nest application the way the hub runs: Fastify with the hub's hooks
 * and error handler, pino as Nest's logger, security headers on every response. `beforeInit` runs
 * once the modules are loaded (e.g. Swagger setup). Signals are not handled here: `main.ts` installs
 * the shutdown sequence (`installGracefulShutdown`), whose order Nest's own shutdown hooks would not
 * keep.
 */
export async function createHubApplication(
  rootModule: DynamicModule,
  config: AppConfig,
  beforeInit?: (app: INestApplication) => Promise<void>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    createFastifyAdapter(config.bodyLimitBytes),
    {
      bufferLogs: true,
      abortOnError: false,
      // Fastify parses JSON itself; Nest's extra parsers (forms) would hand a DTO fields from a form.
      bodyParser: false,
    },
  );
  markStartup('nest modules');
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', securityHeaderHook(securityHeaders(config)));
  configureFastify(app.getHttpAdapter().getInstance());
  if (beforeInit) await beforeInit(app);
  markStartup('before init');
  await app.init();
  markStartup('nest init');
  return app;
}

/**
 * Security headers (helmet) on every response: `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`, `Referrer-Policy: no-referrer`, HSTS
 * only with `HSTS=on` (behind TLS). The CSP allows nothing but same-origin scripts, which is what
 * Swagger UI at /docs needs (its styles are inline, its icons data: URLs). The options are helmet's;
 * helmet computes the header values once, at start-up (see `securityHeaderHook`).
 */
export function securityHeaders(config: AppConfig): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: config.security.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}
