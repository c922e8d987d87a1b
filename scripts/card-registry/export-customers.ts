import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import {
  CARD_REGISTRY_SCHEMA,
  EXPORT_FORMATS,
  writeCustomerExportFile,
  type ExportFormat,
} from '@hub/card-registry';
import { loadEnvFile } from '../../apps/api/src/env-file';
import { createProgress, runCliJob } from '@hub/platform';

/**
 * npm run cards:export -- --institution INST-A --out customers.csv [--format csv|ndjson] [--changed-since 2026-11-01T00:00:00Z]
 *
 * Writes the institution's customers (current versions) exactly as
 * GET /card-registry/v1/exports/customers streams them, then a trailer line with the row count and
 * the SHA-256 of every byte before it (CSV: `TRAILER,<rows>,<sha256>`; NDJSON:
 * `{"trailer":{"rows":n,"sha256":"..."}}`). The format defaults to the file's extension.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the hub first: one server per data directory).
 * Ctrl-C stops it cleanly and removes the incomplete file (it says so, with the rows written).
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  loadEnvFile(); // .env, when present, before the configuration is read
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

  const out = values.out;
  let rows = 0;
  await runCliJob(
    {
      name: 'cards-export',
      schemas: [CARD_REGISTRY_SCHEMA],
      // An export cut short has no trailer: it is removed rather than left looking complete.
      progress: () => ({ out, rows, removed: true }),
      onInterrupted: () => rm(out, { force: true }),
    },
    async ({ dataSource, signal }) => {
      const started = Date.now();
      // A counter on a terminal, a line every PROGRESS_INTERVAL_MS otherwise (on stderr).
      const progress = createProgress({ name: 'cards:export', describe: (c) => `${c.rows ?? 0} rows` });
      const result = await writeCustomerExportFile({
        dataSource,
        institutionId: values.institution as string,
        format,
        changedSince,
        out,
        onRows: (n) => {
          rows = n;
          progress.update(n, { rows: n });
          signal.throwIfAborted();
        },
      });
      progress.stop();
      process.stdout.write(
        `${JSON.stringify({ out, format, rows: result.rows, sha256: result.sha256, bytes: result.bytes, ms: Date.now() - started })}\n`,
      );
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
