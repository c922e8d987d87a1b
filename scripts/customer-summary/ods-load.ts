import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { CUSTOMER_SUMMARY_SCHEMA, loadOdsFile, type LoadProgress } from '@hub/customer-summary';
import { runCliJob } from '@hub/platform';

/**
 * npm run ods:load -- <file.ndjson> [--batch-size 500]
 *
 * Loads an NDJSON file of ODS customer snapshots (format: libs/customer-summary/README.md), each
 * line replacing its CIF, in batches, with a progress bar on stderr. Prints the same answer as
 * POST /api/v1/ods/customers:bulk on stdout: { received, loaded, rejected: [{ line, code, message }] },
 * plus `dataQualityFlags`: how many CIFs of the ODS carry each data-quality flag after the load.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the hub first: one server per data directory).
 * Ctrl-C stops after the batch in progress: it prints how far it got, and every line it counts as loaded is stored.
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
      const bar = new SingleBar(
        {
          format:
            'ods:load [{bar}] {percentage}% | {received} lines, {loaded} loaded, {rejected} rejected | {duration}s',
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      let started = false;
      try {
        const report = await loadOdsFile(dataSource, files[0], {
          batchSize,
          onProgress: (p) => {
            last = p;
            if (!started) {
              bar.start(Math.max(p.totalBytes, 1), 0, { received: 0, loaded: 0, rejected: 0 });
              started = true;
            }
            bar.update(p.bytesRead, { received: p.received, loaded: p.loaded, rejected: p.rejected });
            signal.throwIfAborted(); // after a committed batch: the safe point to stop
          },
        });
        if (started) bar.update(bar.getTotal());
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } finally {
        if (started) bar.stop();
      }
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
