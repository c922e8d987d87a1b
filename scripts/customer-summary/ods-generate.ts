import { parseArgs } from 'node:util';
import { writeSyntheticCustomersFile } from '@hub/customer-summary';
import { createProgress } from '@hub/platform';

/**
 * npm run ods:generate -- --customers N --seed S --out file.ndjson [--as-of 2026-10-31]
 *   [--extracted-at 2026-10-31T17:00:00Z]
 *
 * Writes N realistic synthetic ODS customers (Vietnamese names and addresses, CCCD/CMND/passport,
 * mobiles in several forms, 0-6 facilities across the five lending products with payment history,
 * deposits, payroll, some closed CIFs and shared mobiles). The same seed gives the same file.
 * The first five customers are the README's showcase (hit, shared mobile, closed-and-reopened).
 * Every line carries `extractedAt` (default: the as-of day at 17:00 UTC).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      'extracted-at': { type: 'string' },
    },
  });
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 1 || customers > 100_000_000)
    throw new Error('--customers must be a positive integer');
  if (!values.seed) throw new Error('--seed is required');
  if (!values.out) throw new Error('--out is required');
  const started = Date.now();
  // A bar on a terminal, a line every PROGRESS_INTERVAL_MS otherwise (stderr: stdout keeps the answer).
  const progress = createProgress({
    name: 'ods:generate',
    total: customers,
    describe: (c) => `${c.written ?? 0} of ${customers} customers`,
  });
  const result = await writeSyntheticCustomersFile({
    out: values.out,
    customers,
    seed: values.seed,
    asOf: values['as-of'],
    extractedAt: values['extracted-at'],
    onProgress: (n) => progress.update(n, { written: n }),
  });
  progress.stop();
  process.stdout.write(
    `${JSON.stringify({ out: values.out, customers: result.customers, bytes: result.bytes, ms: Date.now() - started })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
