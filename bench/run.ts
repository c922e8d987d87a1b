import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { crmBenchmark } from './crm.bench';
import { exportBenchmark } from './export.bench';
import {
  machine,
  Options,
  serverVersion,
  startDatabase,
  table,
  type Benchmark,
  type Row,
} from './lib/harness';
import { ingestBenchmark } from './ingest.bench';
import { lookupBenchmark, rateLimitBenchmark } from './lookup.bench';

/**
 * npm run bench [-- --quick | --full] [--rounds 3] [--only lookup,export,ingest,crm,rate-limit] [--<size> n]
 *
 * Runs each benchmark against its baseline side by side: in every round the hub and the baseline
 * run one after the other (their order alternating from round to round), so both see the same
 * machine load. Prints, per measure, hub / baseline / ratio as min, median and max over the rounds,
 * and the target. Each benchmark starts its own database (embedded, or a throwaway database on the
 * server of DATABASE_URL), checks correctness after its rounds, and asserts nothing about time.
 * The table also goes to bench-out/results.md and bench-out/results.json.
 */
const BENCHMARKS: Record<string, (options: Options, url: string) => Promise<Benchmark>> = {
  lookup: lookupBenchmark,
  export: exportBenchmark,
  ingest: ingestBenchmark,
  crm: crmBenchmark,
  // Not in the default run: `--only rate-limit` (the limiter's cost on lookups, on vs off).
  'rate-limit': rateLimitBenchmark,
};

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = new Options(process.argv.slice(2));
  const rounds = Number(options.value('--rounds') ?? 3);
  const only = options.value('--only')?.split(',') ?? ['lookup', 'export', 'ingest', 'crm'];
  out(`machine: ${JSON.stringify(machine())}`);
  out(`mode: ${options.has('--full') ? 'full' : options.quick ? 'quick' : 'default'}, ${rounds} rounds`);
  const rows: Row[] = [];
  const checks: string[] = [];
  for (const key of only) {
    const make = BENCHMARKS[key];
    if (!make) throw new Error(`unknown benchmark ${key} (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    const database = await startDatabase();
    let benchmark: Benchmark | undefined;
    try {
      const started = Date.now();
      benchmark = await make(options, database.url);
      out(
        `\n## ${benchmark.name}: PostgreSQL ${await serverVersion(database.url)}, ${JSON.stringify(benchmark.describe)} (set up in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      const results = benchmark.measures.map((measure) => ({
        benchmark: benchmark!.name,
        measure,
        hub: [] as number[],
        baseline: [] as number[],
      }));
      for (let round = 0; round < rounds; round++) {
        for (const row of results) {
          const hubFirst = round % 2 === 0;
          const first = hubFirst ? row.measure.hub : row.measure.baseline;
          const second = hubFirst ? row.measure.baseline : row.measure.hub;
          const a = await first();
          const b = await second();
          row.hub.push(hubFirst ? a : b);
          row.baseline.push(hubFirst ? b : a);
          out(
            `round ${round + 1}: ${row.measure.name}: hub ${row.hub[round].toFixed(1)}, baseline ${row.baseline[round].toFixed(1)} ${row.measure.unit}`,
          );
        }
      }
      const check = await benchmark.check();
      out(`check: ${check}`);
      checks.push(`${benchmark.name}: ${check}`);
      rows.push(...results);
    } finally {
      await benchmark?.close();
      await database.stop();
    }
  }
  const result = table(rows);
  out(
    `\n${result}\n\nratio: hub/baseline for throughput, baseline/hub for latency and time (above 1: the hub is faster)`,
  );
  mkdirSync('bench-out', { recursive: true });
  writeFileSync('bench-out/results.md', `${result}\n\n${checks.map((c) => `- ${c}`).join('\n')}\n`);
  writeFileSync(
    'bench-out/results.json',
    JSON.stringify(
      { machine: machine(), rows: rows.map((r) => ({ ...r, measure: r.measure.name })), checks },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
