import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHubApplication, installGracefulShutdown, loadConfig, shutdownGraceMs } from '@hub/platform';
import { CrmServiceModule } from './crm-service.module';

/** Starts the service (embedded PostgreSQL unless DATABASE_URL is set) and listens on PORT. */
export async function startCrmService(
  env: NodeJS.ProcessEnv = process.env,
  host = '127.0.0.1',
): Promise<{ app: NestFastifyApplication; url: string }> {
  const config = loadConfig(env);
  const app = await createHubApplication(CrmServiceModule.forRoot(config), config);
  await app.listen({ port: config.port, host });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, url: `http://${host}:${port}` };
}

if (require.main === module) {
  startCrmService().then(
    ({ app, url }) => {
      installGracefulShutdown(app, { graceMs: shutdownGraceMs(process.env) });
      process.stdout.write(`CRM service listening on ${url}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
