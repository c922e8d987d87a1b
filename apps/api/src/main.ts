// First: .env into the environment, then tracing (before http, fastify and pg load).
import { tracing } from './instrument';
// Then the embedded server (when there is no DATABASE_URL): it starts while the modules load.
import { startEmbeddedDatabaseEarly } from '@hub/platform/early-database';
startEmbeddedDatabaseEarly();
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import {
  ALL_SCOPES,
  ConfigError,
  installGracefulShutdown,
  markStartup,
  mintToken,
  prettyLogStream,
  shutdownGraceMs,
  startupTimeline,
} from '@hub/platform';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  markStartup('modules loaded');
  const graceMs = shutdownGraceMs(process.env);
  // Development: pretty, synchronous log lines (LOG_FORMAT); elsewhere JSON lines on stdout.
  const { app, config } = await createApp({ logStream: prettyLogStream(process.env) });
  // SIGINT/SIGTERM: drain, then stop the job queue, the pool and the embedded server, within
  // SHUTDOWN_GRACE_MS (libs/platform/src/lifecycle/graceful-shutdown.ts); the last spans are
  // exported before the process exits.
  installGracefulShutdown(app, {
    graceMs,
    exit: (code) => {
      const flushed = tracing ? tracing.shutdown().catch(() => undefined) : Promise.resolve();
      const timer = setTimeout(() => process.exit(code), 2000);
      void flushed.then(() => {
        clearTimeout(timer);
        process.exit(code);
      });
    },
  });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  markStartup('listening');
  new Logger('Startup').log(`start-up: ${startupTimeline()}`);
  // The port actually bound (PORT=0 picks a free one).
  const port = (app.getHttpServer().address() as AddressInfo | null)?.port ?? config.port;
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `  Bank customer-data hub is listening on ${base}`,
    `  Swagger UI:       ${base}/docs`,
    `  OpenAPI (JSON):   ${base}/docs-json`,
    `  Health:           ${base}/health (live: /health/live, ready: /health/ready)`,
    `  Database:         ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL (${config.dataDir})`}`,
  ];
  if (!/^(off|false)$/i.test(process.env.METRICS ?? '') && !process.env.METRICS_PORT) {
    lines.push(`  Metrics:          ${base}/metrics`);
  }
  if (tracing)
    lines.push(
      `  Tracing:          OTLP to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}`,
    );
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
      '  Paste it into Swagger\'s "Authorize" button. More: npm run token -- --help',
      '',
    );
  }
  // Last, after the start-up logs (they are written synchronously), so the token is on screen.
  setImmediate(() => process.stdout.write(lines.join('\n') + '\n'));
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
