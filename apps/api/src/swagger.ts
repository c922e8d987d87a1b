import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorResponseDto } from '@hub/platform';

/** The OpenAPI 3 document: the contract QA and client generators use (`npm run openapi`). */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const metadata = await import('./metadata').then((m) => m.default).catch(() => null);
  if (metadata) await SwaggerModule.loadPluginMetadata(metadata);
  const config = new DocumentBuilder()
    .setTitle('Bank customer-data hub')
    .setDescription(
      'Customer summary, CRM pipeline, card-customer registry and financial segments behind the bank API hub. ' +
        'Every route but /health, /docs and those marked `x-credential` (the financial-segments web form, whose process token is its credential) needs `Authorization: Bearer <JWT>`; the scopes a route needs are in ' +
        '`x-required-scopes`. Errors always have the shape of ErrorResponseDto; `message` follows Accept-Language (vi or en).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: (controllerKey: string, methodKey: string) => methodKey,
  });
}

export async function setupSwagger(app: INestApplication): Promise<void> {
  const document = await buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
