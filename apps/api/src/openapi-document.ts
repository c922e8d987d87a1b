import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFastifyAdapter, loadConfig } from '@hub/platform';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './swagger';

/**
 * The OpenAPI document as committed in `openapi.json`, built without a database: the app is
 * created in Nest's preview mode (modules scanned, no provider instantiated).
 */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config }),
    createFastifyAdapter(config.bodyLimitBytes),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  try {
    const document = await buildOpenApiDocument(app);
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await app.close();
  }
}
