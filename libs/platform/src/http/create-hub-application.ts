import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { configureFastify, createFastifyAdapter } from './configure-fastify';
import type { AppConfig } from '../config/app-config';

/**
 * Creates and initialises a Nest application the way the hub runs: Fastify with the hub's hooks
 * and error handler, pino as Nest's logger. `beforeInit` runs once the modules are loaded (e.g.
 * Swagger setup). Signals are not handled here: `main.ts` installs the shutdown sequence
 * (`installGracefulShutdown`), whose order Nest's own shutdown hooks would not keep.
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
  app.useLogger(app.get(Logger));
  configureFastify(app.getHttpAdapter().getInstance());
  if (beforeInit) await beforeInit(app);
  await app.init();
  return app;
}
