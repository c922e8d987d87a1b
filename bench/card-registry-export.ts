import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mintToken } from '@hub/platform';
import { createApp } from '../apps/api/src/app.factory';

/**
 * npm run bench:cards-export [-- --rows 200000]
 *
 * Loads N customers (set-based SQL) into one institution, then streams them through
 * GET /card-registry/v1/exports/customers (CSV and NDJSON) over real HTTP while sampling this
 * process's memory every 20 ms: RSS and heap before, at the peak, and after. A second run at a
 * quarter of the rows shows the peak does not grow with the row count, and a slow reader
 * (paused for 2 s) shows back-pressure: the heap does not fill up while the client is not reading.
 * Uses DATABASE_URL if set (rows go into a throwaway institution), else an embedded PostgreSQL in a
 * throwaway directory. Results: stdout and bench-out/card-registry-export.json.
 */
const ROWS = Number(argument('--rows') ?? 200_000);
const INSTITUTION = `BENCH-${randomBytes(4).toString('hex').toUpperCase()}`;
const SMALL_INSTITUTION = `${INSTITUTION}-Q`;

interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

interface Run {
  label: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  before: Memory;
  peak: Memory;
  after: Memory;
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
  sha256: string;
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const memory = (): Memory => {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
};
const gc = () => (global as { gc?: () => void }).gc?.();

async function seed(ds: DataSource, institution: string, rows: number): Promise<void> {
  await ds.query(
    `INSERT INTO card_customers (id, institution_id, type, card_scope, salutation, first_name, middle_name, last_name, name, date_of_birth,
        email, phone_number, mobile_number, address1, address2, city, zip_code, country, locale, customer_number, reg_no, version, created_at, updated_at)
     SELECT gen_random_uuid(), $1,
            CASE WHEN i % 10 = 0 THEN 'CORPORATE' ELSE 'PRIVATE' END, 'SHARED',
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Mr' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'An' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Van' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Nguyen ' || i END,
            CASE WHEN i % 10 = 0 THEN 'Cost centre "' || i || '", Logistics' ELSE NULL END,
            date '1970-01-01' + (i % 15000),
            'customer' || i || '@example.vn', '+842438251234', '+8491' || lpad((i % 10000000)::text, 7, '0'),
            i || ' Ly Thai To', 'Floor ' || (i % 30), 'Ha Noi', '100000', 'VNM', 'vi-VN',
            'CRM-' || i, 'REG-' || i, 1, now(), now() - make_interval(secs => $2 - i)
       FROM generate_series(1, $2) AS i`,
    [institution, rows],
  );
}

async function exportOnce(
  port: number,
  token: string,
  format: 'csv' | 'ndjson',
  label: string,
  pauseMs = 0,
): Promise<Run & { duringPause?: Memory }> {
  gc();
  const before = memory();
  const peak = { ...before };
  let duringPause: Memory | undefined;
  const sampler = setInterval(() => {
    const m = memory();
    peak.rssMb = Math.max(peak.rssMb, m.rssMb);
    peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsedMb);
  }, 20);
  const started = process.hrtime.bigint();
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  await new Promise<void>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/card-registry/v1/exports/customers?format=${format}`,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        let paused = false;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          hash.update(chunk);
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
          if (pauseMs > 0 && !paused && bytes > 1024 * 1024) {
            paused = true;
            res.pause();
            setTimeout(() => {
              duringPause = memory();
              res.resume();
            }, pauseMs);
          }
        });
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  gc();
  const after = memory();
  const rows = format === 'csv' ? newlines - 1 : newlines; // no field of the seed holds a line break
  return {
    label,
    rows,
    bytes,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    before,
    peak,
    after,
    peakRssGrowthMb: Math.round((peak.rssMb - before.rssMb) * 10) / 10,
    peakHeapGrowthMb: Math.round((peak.heapUsedMb - before.heapUsedMb) * 10) / 10,
    sha256: hash.digest('hex'),
    ...(duringPause ? { duringPause } : {}),
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const secret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_JWT_SECRET: secret,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
  };
  if (!env.DATABASE_URL) env.DATA_DIR = 'memory';
  const { app } = await createApp({ env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  const ds = app.get(DataSource);
  try {
    const seedStarted = Date.now();
    await seed(ds, INSTITUTION, ROWS);
    await seed(ds, SMALL_INSTITUTION, Math.floor(ROWS / 4));
    await ds.query('ANALYZE card_customers');
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const token = await mintToken({
      secret,
      scopes: ['cards:read'],
      institutionId: INSTITUTION,
      subject: 'bench',
    });
    const smallToken = await mintToken({
      secret,
      scopes: ['cards:read'],
      institutionId: SMALL_INSTITUTION,
      subject: 'bench',
    });

    await exportOnce(port, smallToken, 'csv', 'warm-up'); // JIT, pools, first-query caches
    const runs = [
      await exportOnce(port, smallToken, 'csv', `csv ${Math.floor(ROWS / 4)} rows`),
      await exportOnce(port, token, 'csv', `csv ${ROWS} rows`),
      await exportOnce(port, token, 'ndjson', `ndjson ${ROWS} rows`),
      await exportOnce(port, token, 'csv', `csv ${ROWS} rows, reader paused 2 s`, 2000),
    ];
    const report = {
      rows: ROWS,
      seedSeconds,
      node: process.version,
      gcExposed: Boolean((global as { gc?: unknown }).gc),
      runs,
    };
    mkdirSync('bench-out', { recursive: true });
    writeFileSync('bench-out/card-registry-export.json', JSON.stringify(report, null, 2));
    process.stdout.write(
      `seeded ${ROWS} + ${Math.floor(ROWS / 4)} customers in ${seedSeconds.toFixed(1)} s\n`,
    );
    process.stdout.write(
      'run                                   rows     MB   s     rows/s  RSS before/peak/after (MB)  heap before/peak/after (MB)\n',
    );
    for (const r of runs) {
      process.stdout.write(
        `${r.label.padEnd(36)} ${String(r.rows).padStart(7)} ${(r.bytes / 1048576).toFixed(1).padStart(6)} ${r.seconds.toFixed(2).padStart(5)} ${String(r.rowsPerSecond).padStart(8)}  ` +
          `${r.before.rssMb}/${r.peak.rssMb}/${r.after.rssMb}`.padEnd(28) +
          `${r.before.heapUsedMb}/${r.peak.heapUsedMb}/${r.after.heapUsedMb}` +
          ('duringPause' in r && r.duringPause ? `  (heap while paused: ${r.duringPause.heapUsedMb})` : '') +
          '\n',
      );
    }
    for (const r of runs) {
      if (r.rows !== (r.label.startsWith('csv ' + Math.floor(ROWS / 4)) ? Math.floor(ROWS / 4) : ROWS))
        throw new Error(`${r.label}: exported ${r.rows} rows`);
    }
  } finally {
    await ds
      .query('DELETE FROM card_customers WHERE institution_id IN ($1, $2)', [INSTITUTION, SMALL_INSTITUTION])
      .catch(() => undefined);
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
