import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { loadOdsFile } from '@hub/customer-summary';
import { buildDataSourceOptions, DatabaseServer, loadConfig } from '@hub/platform';

/**
 * npm run ods:load -- <file.ndjson> [--batch-size 500]
 *
 * Loads an NDJSON file of ODS customer snapshots (format: libs/customer-summary/README.md), each
 * line replacing its CIF, in batches, with a progress bar on stderr. Prints the same answer as
 * POST /api/v1/ods/customers:bulk on stdout: { received, loaded, rejected: [{ line, code, message }] },
 * plus `dataQualityFlags`: how many CIFs of the ODS carry each data-quality flag after the load.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the hub first: one server per data directory).
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const args = process.argv.slice(2);
  let batchSize: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--batch-size') batchSize = Number(args[++i]);
    else files.push(args[i]);
  }
  if (files.length !== 1) throw new Error('usage: npm run ods:load -- <file.ndjson> [--batch-size N]');
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000)) {
    throw new Error('--batch-size must be an integer from 1 to 5000');
  }

  const config = loadConfig();
  const server = await DatabaseServer.start(config);
  const dataSource = new DataSource({
    ...buildDataSourceOptions(server.url, { poolSize: 2, applicationName: 'ods-load' }),
    logging: false,
  });
  await dataSource.initialize();
  const bar = new SingleBar(
    {
      format:
        'ods:load [{bar}] {percentage}% | {received} lines, {loaded} loaded, {rejected} rejected | {duration}s',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  try {
    if (config.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    let started = false;
    const report = await loadOdsFile(dataSource, files[0], {
      batchSize,
      onProgress: (p) => {
        if (!started) {
          bar.start(Math.max(p.totalBytes, 1), 0, { received: 0, loaded: 0, rejected: 0 });
          started = true;
        }
        bar.update(p.bytesRead, { received: p.received, loaded: p.loaded, rejected: p.rejected });
      },
    });
    if (started) {
      bar.update(bar.getTotal());
      bar.stop();
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await dataSource.destroy();
    await server.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
