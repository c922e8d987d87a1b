import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EXPORT_FORMATS, writeCustomerExportFile, type ExportFormat } from '@hub/card-registry';
import { buildDataSourceOptions, DatabaseServer, loadConfig } from '@hub/platform';

/**
 * npm run cards:export -- --institution INST-A --out customers.csv [--format csv|ndjson] [--changed-since 2026-11-01T00:00:00Z]
 *
 * Writes the institution's customers (current versions) exactly as
 * GET /card-registry/v1/exports/customers streams them, then a trailer line with the row count and
 * the SHA-256 of every byte before it (CSV: `TRAILER,<rows>,<sha256>`; NDJSON:
 * `{"trailer":{"rows":n,"sha256":"..."}}`). The format defaults to the file's extension.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the hub first: one server per data directory).
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const { values } = parseArgs({
    options: {
      institution: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'changed-since': { type: 'string' },
    },
  });
  if (!values.institution) throw new Error('--institution is required');
  if (!values.out) throw new Error('--out is required');
  const format = (values.format ?? (values.out.endsWith('.ndjson') ? 'ndjson' : 'csv')) as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  let changedSince: Date | null = null;
  if (values['changed-since']) {
    changedSince = new Date(values['changed-since']);
    if (Number.isNaN(changedSince.getTime())) throw new Error('--changed-since must be an ISO 8601 time');
  }

  const config = loadConfig();
  const server = await DatabaseServer.start(config);
  const dataSource = new DataSource({
    ...buildDataSourceOptions(server.url, { poolSize: 2, applicationName: 'cards-export' }),
    logging: false,
  });
  await dataSource.initialize();
  try {
    if (config.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    const started = Date.now();
    const result = await writeCustomerExportFile({
      dataSource,
      institutionId: values.institution,
      format,
      changedSince,
      out: values.out,
    });
    process.stdout.write(
      `${JSON.stringify({ out: values.out, format, rows: result.rows, sha256: result.sha256, bytes: result.bytes, ms: Date.now() - started })}\n`,
    );
  } finally {
    await dataSource.destroy();
    await server.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
