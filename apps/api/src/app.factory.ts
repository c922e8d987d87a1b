import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createHubApplication, loadConfig, type AppConfig } from '@hub/platform';
import { AppModule } from './app.module';
import { setupSwagger } from './swagger';

export interface CreateAppOptions {
  /** Environment to read the configuration from (process.env by default). */
  readonly env?: NodeJS.ProcessEnv;
  readonly logStream?: DestinationStream;
}

/** Builds the whole hub: used by `main.ts`, the CLI commands and the e2e tests alike. */
export async function createApp(
  options: CreateAppOptions = {},
): Promise<{ app: NestFastifyApplication; config: AppConfig }> {
  const config = loadConfig(options.env ?? process.env);
  const app = await createHubApplication(
    AppModule.forRoot({ config, logStream: options.logStream }),
    config,
    setupSwagger,
  );
  return { app, config };
}
