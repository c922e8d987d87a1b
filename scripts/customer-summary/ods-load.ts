import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { CUSTOMER_SUMMARY_SCHEMA, loadOdsFile, type LoadProgress } from '@hub/customer-summary';
import { loadEnvFile } from '../../apps/api/src/env-file';
import { createProgress, runCliJob, type Progress } from '@hub/platform';

/**
 * npm run ods:load -- <file.ndjson> [--batch-size 500]
 *
 * Loads an NDJSON file of ODS customer snapshots (format: libs/customer-summary/README.md), each
 * line replacing its CIF, in batches, with progress on stderr (a bar on a terminal, a line every PROGRESS_INTERVAL_MS otherwise). Prints the same answer as
 * POST /api/v1/ods/customers:bulk on stdout: { received, loaded, rejected: [{ line, code, message }] },
 * plus `dataQualityFlags`: how many CIFs of the ODS carry each data-quality flag after the load.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the hub first: one server per data directory).
 * Ctrl-C stops after the batch in progress: it prints how far it got, and every line it counts as loaded is stored.
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  loadEnvFile(); // .env, when present, before the configuration is read
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

  let last: LoadProgress | null = null;
  await runCliJob(
    {
      name: 'ods-load',
      schemas: [CUSTOMER_SUMMARY_SCHEMA],
      // Every line counted in `loaded` is committed: the job stops only between batches.
      progress: () => ({
        received: last?.received ?? 0,
        loaded: last?.loaded ?? 0,
        rejected: last?.rejected ?? 0,
      }),
    },
    async ({ dataSource, signal }) => {
      const bar: { progress: Progress | null } = { progress: null };
      try {
        const report = await loadOdsFile(dataSource, files[0], {
          batchSize,
          onProgress: (p) => {
            last = p;
            bar.progress ??= createProgress({
              name: 'ods:load',
              total: Math.max(p.totalBytes, 1),
              describe: (c) =>
                `${c.received ?? 0} lines, ${c.loaded ?? 0} loaded, ${c.rejected ?? 0} rejected`,
            });
            bar.progress.update(p.bytesRead, {
              received: p.received,
              loaded: p.loaded,
              rejected: p.rejected,
            });
            signal.throwIfAborted(); // after a committed batch: the safe point to stop
          },
        });
        bar.progress?.stop();
        bar.progress = null;
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } finally {
        bar.progress?.stop(); // interrupted or failed: the last line says how far it got
      }
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
