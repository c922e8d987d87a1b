import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES, ConfigError, installGracefulShutdown, mintToken, shutdownGraceMs } from '@hub/platform';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const graceMs = shutdownGraceMs(process.env);
  const { app, config } = await createApp();
  // SIGINT/SIGTERM: drain, then stop the job queue, the pool and the embedded server, within
  // SHUTDOWN_GRACE_MS (libs/platform/src/lifecycle/graceful-shutdown.ts).
  installGracefulShutdown(app, { graceMs });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  // The port actually bound (PORT=0 picks a free one).
  const port = (app.getHttpServer().address() as AddressInfo | null)?.port ?? config.port;
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `  Bank customer-data hub is listening on ${base}`,
    `  Swagger UI:       ${base}/docs`,
    `  OpenAPI (JSON):   ${base}/docs-json`,
    `  Health:           ${base}/health`,
    `  Database:         ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL (${config.dataDir})`}`,
  ];
  if (config.auth.jwtSecretGenerated && config.auth.jwtSecret) {
    const token = await mintToken({
      secret: config.auth.jwtSecret,
      subject: 'dev-user',
      scopes: [...ALL_SCOPES],
      institutionId: 'INST-DEMO',
      expiresInSeconds: 8 * 3600,
    });
    lines.push(
      '',
      '  Development token (every scope, institution INST-DEMO, valid 8 hours):',
      `  ${token}`,
      '  Paste it into Swagger\'s "Authorize" button. More: npm run token -- --scope "crm:read"',
      '',
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `The hub did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
