import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { generateSyntheticCustomers } from '@hub/customer-summary';
import { standaloneOds } from '@hub/customer-summary/testing';
import { timed, type Benchmark, type Options } from './lib/harness';
import { startHub } from './lib/hub';

/**
 * The ODS ingest (the service behind `ods:load` and the bulk endpoint: NDJSON in, batches
 * written; the feed read from a file written before the timing) against COPY of the very rows it
 * writes into the same tables. The rows are dumped
 * from a warm-up load, so the baseline writes exactly what the hub writes; both start from empty
 * tables, and after each run the tables' checksums must match the warm-up's.
 */
export async function ingestBenchmark(options: Options, databaseUrl: string): Promise<Benchmark> {
  const customers = options.size('ingest-customers', { quick: 2_000, normal: 20_000, full: 1_000_000 });
  const hub = await startHub(databaseUrl);
  const ds = hub.app.get(DataSource);
  const ods = standaloneOds(ds);
  const tables = await odsTables(ds);
  const dir = await mkdtemp(join(tmpdir(), 'hub-bench-ingest-'));

  const truncate = () => ds.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
  // The feed is written to a file once, before any timing: the hub reads it as ods:load does (the
  // generator's own time is not the ingest's).
  const feed = join(dir, 'feed.ndjson');
  await pipeline(
    Readable.from(
      (function* () {
        for (const c of generateSyntheticCustomers({ customers, seed: 'bench-ingest' }))
          yield `${JSON.stringify(c)}\n`;
      })(),
    ),
    createWriteStream(feed),
  );
  const viaHub = async () => {
    await truncate();
    const seconds = await timed(async () => {
      const report = await ods.ingest.ingest(createReadStream(feed));
      if (report.loaded !== customers) throw new Error(`ingest loaded ${report.loaded} of ${customers}`);
    });
    return customers / seconds;
  };
  const viaCopy = async () => {
    await truncate();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const seconds = await timed(async () => {
        await client.query('BEGIN');
        for (const table of tables) {
          await pipeline(
            createReadStream(join(dir, table)),
            client.query(copyFrom(`COPY ${table} FROM STDIN`)),
          );
        }
        await client.query('COMMIT');
      });
      return customers / seconds;
    } finally {
      await client.end();
    }
  };

  // Warm-up through the hub, then dump what it wrote.
  await viaHub();
  const expected = await checksums(ds, tables);
  const dump = new Client({ connectionString: databaseUrl });
  await dump.connect();
  for (const table of tables) {
    await pipeline(dump.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(join(dir, table)));
  }
  await dump.end();

  return {
    name: 'ODS ingest',
    describe: { customers, tables: tables.length },
    measures: [
      {
        name: 'ingest (service behind ods:load and HTTP)',
        better: 'higher',
        unit: 'customers/s',
        target: '>= 0.6x',
        hub: viaHub,
        baseline: viaCopy,
      },
    ],
    check: async () => {
      await viaHub();
      const afterHub = await checksums(ds, tables);
      await viaCopy();
      const afterCopy = await checksums(ds, tables);
      for (const table of tables) {
        const e = expected.get(table);
        const h = afterHub.get(table);
        const c = afterCopy.get(table);
        if (e?.rows !== h?.rows || e?.rows !== c?.rows || h?.md5 !== c?.md5) {
          throw new Error(
            `${table}: warm-up ${JSON.stringify(e)}, hub ${JSON.stringify(h)}, COPY ${JSON.stringify(c)}`,
          );
        }
      }
      const total = [...expected.values()].reduce((n, t) => n + t.rows, 0);
      return `${tables.length} tables, ${total} rows: same row counts and content checksums from both`;
    },
    close: async () => {
      await rm(dir, { recursive: true, force: true });
      await hub.app.close();
    },
  };
}

/** The module's tables, parents before children (the order COPY must fill them in). */
async function odsTables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await ds.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'ods\\_%'`,
  );
  const names = rows.map((r) => r.name);
  const deps: Array<{ child: string; parent: string }> = await ds.query(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
       FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text LIKE 'ods\\_%'`,
  );
  const ordered: string[] = [];
  const visit = (t: string) => {
    if (ordered.includes(t)) return;
    for (const d of deps) if (d.child === t && d.parent !== t && names.includes(d.parent)) visit(d.parent);
    ordered.push(t);
  };
  names.sort().forEach(visit);
  return ordered;
}

/** Rows and an md5 over every row's text (timestamps of the load left out), per table. */
async function checksums(
  ds: DataSource,
  tables: string[],
): Promise<Map<string, { rows: number; md5: string }>> {
  const result = new Map<string, { rows: number; md5: string }>();
  for (const table of tables) {
    const rows: Array<{ n: string; md5: string }> = await ds.query(
      `SELECT count(*) AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS md5
         FROM (SELECT (to_jsonb(t) - 'loaded_at' - 'created_at' - 'updated_at' - 'id')::text AS r FROM ${table} t) x`,
    );
    result.set(table, { rows: Number(rows[0].n), md5: rows[0].md5 });
  }
  return result;
}
