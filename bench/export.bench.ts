import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { timed, type Benchmark, type Measure, type Options } from './lib/harness';
import { startHubProcess } from './lib/hub-process';

/** Counts lines (native `indexOf`, no loop per byte) and hashes bytes of a stream. */
class Tally extends Writable {
  lines = 0;
  bytes = 0;
  private readonly hash = createHash('sha256');
  sha256 = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    done();
  }
  override _final(done: () => void): void {
    this.sha256 = this.hash.digest('hex');
    done();
  }
}

/**
 * The card customer export (CSV and NDJSON) over HTTP against `COPY (SELECT …) TO STDOUT` of the
 * same rows through pg: rows per second. The hub runs in a process of its own, as deployed (and as
 * the baseline's server does: this process is only the client of both), so its RSS is the hub's
 * alone: sampled every 20 ms from /proc while it streams, and its high-water mark (VmHWM). The
 * check also streams to a reader that stops for 2 s after the first MB: with back-pressure the
 * hub's heap and RSS do not grow while the client is not reading.
 */
export async function exportBenchmark(options: Options, databaseUrl: string): Promise<Benchmark> {
  const rows = options.size('export-rows', { quick: 20_000, normal: 200_000, full: 1_000_000 });
  const institution = `BENCH-${randomBytes(4).toString('hex').toUpperCase()}`;
  const hub = await startHubProcess(databaseUrl);
  await seed(databaseUrl, institution, rows);
  const token = await hub.token(['cards:read'], institution);
  let peakRss = 0;
  let hubLines = 0;
  let copyLines = 0;
  const rssBefore = hub.rss().now;

  const viaHub = async (format: 'csv' | 'ndjson', pauseMs = 0) => {
    const tally = new Tally();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, hub.rss().now)), 20);
    const seconds = await timed(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request(
            `${hub.url}/card-registry/v1/exports/customers?format=${format}`,
            { headers: { authorization: `Bearer ${token}` } },
            (res) => {
              if (res.statusCode !== 200) return reject(new Error(`export answered ${res.statusCode}`));
              if (pauseMs > 0) {
                let seen = 0;
                const onData = (chunk: Buffer) => {
                  seen += chunk.length;
                  if (seen < 1024 * 1024) return;
                  res.off('data', onData);
                  res.pause();
                  const rss = hub.rss().now;
                  void hub.memory().then(async ({ heapUsed }) => {
                    await new Promise((wait) => setTimeout(wait, pauseMs));
                    pausedHeapGrowth = ((await hub.memory()).heapUsed - heapUsed) / 1048576;
                    pausedRssGrowth = (hub.rss().now - rss) / 1048576;
                    res.resume();
                  }, reject);
                };
                res.on('data', onData);
              }
              pipeline(res, tally).then(resolve, reject);
            },
          );
          req.on('error', reject);
          req.end();
        }),
    );
    clearInterval(sampler);
    hubLines = tally.lines;
    return rows / seconds;
  };
  let pausedHeapGrowth = 0;
  let pausedRssGrowth = 0;
  const viaCopy = (format: 'csv' | 'text') => async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tally = new Tally();
      const copy = `COPY (SELECT * FROM card_customers WHERE institution_id = '${institution}' ORDER BY updated_at, id) TO STDOUT WITH (FORMAT ${format}${format === 'csv' ? ', HEADER' : ''})`;
      const seconds = await timed(() => pipeline(client.query(copyTo(copy)), tally));
      copyLines = tally.lines;
      return rows / seconds;
    } finally {
      await client.end();
    }
  };

  const measures: Measure[] = [
    {
      name: 'customer export, CSV',
      better: 'higher',
      unit: 'rows/s',
      target: '>= 0.8x',
      hub: () => viaHub('csv'),
      baseline: viaCopy('csv'),
    },
    {
      name: 'customer export, NDJSON',
      better: 'higher',
      unit: 'rows/s',
      target: '>= 0.8x',
      hub: () => viaHub('ndjson'),
      baseline: viaCopy('text'),
    },
  ];
  return {
    name: 'card export',
    describe: { rows },
    measures,
    check: async () => {
      await viaHub('csv');
      await viaCopy('csv')();
      if (hubLines !== rows + 1 || copyLines !== rows + 1) {
        throw new Error(`export rows: hub ${hubLines - 1}, COPY ${copyLines - 1}, seeded ${rows}`);
      }
      await viaHub('csv', 2000);
      if (hubLines !== rows + 1) throw new Error(`slow reader: ${hubLines - 1} rows`);
      return (
        `${rows} rows from both; hub process RSS ${Math.round(rssBefore / 1048576)} MB before the exports, ` +
        `${Math.round(peakRss / 1048576)} MB at the peak while it streamed (target < 200 MB), ` +
        `${Math.round(hub.rss().peak / 1048576)} MB high-water mark since its start (VmHWM, start-up included); ` +
        `while a reader paused 2 s: hub heap growth ${pausedHeapGrowth.toFixed(1)} MB, RSS growth ${pausedRssGrowth.toFixed(1)} MB`
      );
    },
    close: () => hub.close(),
  };
}

async function seed(databaseUrl: string, institution: string, rows: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await seedWith(client, institution, rows);
  } finally {
    await client.end();
  }
}

async function seedWith(ds: Client, institution: string, rows: number): Promise<void> {
  await ds.query(
    `INSERT INTO card_customers (id, institution_id, type, card_scope, salutation, first_name, middle_name, last_name, name, date_of_birth,
        email, phone_number, mobile_number, address1, address2, city, zip_code, country, locale, customer_number, reg_no, version, created_at, updated_at)
     SELECT gen_random_uuid(), $1,
            CASE WHEN i % 10 = 0 THEN 'CORPORATE' ELSE 'PRIVATE' END, 'SHARED',
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Mr' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'An' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Van' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'Nguyen ' || i END,
            CASE WHEN i % 10 = 0 THEN '=Cost centre "' || i || '", Logistics' ELSE NULL END,
            date '1970-01-01' + (i % 15000),
            'customer' || i || '@example.vn', '+842438251234', '+8491' || lpad((i % 10000000)::text, 7, '0'),
            i || ' Ly Thai To', 'Floor ' || (i % 30), 'Ha Noi', '100000', 'VNM', 'vi-VN',
            'CRM-' || i, 'REG-' || i, 1, now(), now() - make_interval(secs => $2 - i)
       FROM generate_series(1, $2) AS i`,
    [institution, rows],
  );
  await ds.query('ANALYZE card_customers');
}
