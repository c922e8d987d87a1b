import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@hub/platform';

/** Command-line options shared by every benchmark (`--name value`, `--flag`). */
export class Options {
  constructor(private readonly argv: readonly string[]) {}

  has(flag: string): boolean {
    return this.argv.includes(flag);
  }

  value(name: string): string | undefined {
    const i = this.argv.indexOf(name);
    return i >= 0 ? this.argv[i + 1] : undefined;
  }

  /** A size: `--name n` if given, else the --quick, --full or default figure. */
  size(name: string, sizes: { quick: number; normal: number; full: number }): number {
    const given = this.value(`--${name}`);
    if (given !== undefined) return Number(given);
    if (this.has('--full')) return sizes.full;
    if (this.has('--quick')) return sizes.quick;
    return sizes.normal;
  }

  get quick(): boolean {
    return this.has('--quick');
  }
}

/** One measured quantity of a benchmark: the hub's figure and its baseline's, per round. */
export interface Measure {
  readonly name: string;
  /** 'higher' when more is better (throughput), 'lower' when less is (latency, seconds). */
  readonly better: 'higher' | 'lower';
  readonly unit: string;
  /** The target as a ratio hub/baseline (throughput) or baseline/hub (time), or as text. */
  readonly target: string;
  readonly hub: () => Promise<number>;
  readonly baseline: () => Promise<number>;
}

export interface Benchmark {
  readonly name: string;
  /** Sizes and versions, printed before the rounds. */
  readonly describe: Record<string, string | number>;
  readonly measures: readonly Measure[];
  /** Correctness inside the benchmark (throws on a mismatch); run after the rounds. */
  readonly check: () => Promise<string>;
  readonly close: () => Promise<void>;
}

/** A database for one benchmark: a throwaway embedded server, or a throwaway database on DATABASE_URL. */
export async function startDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const handle = await startEmbeddedPostgres({ dataDir: 'memory', log: () => undefined });
    return { url: handle.url, stop: () => handle.stop() };
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function serverVersion(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0].v;
  } finally {
    await c.end();
  }
}

export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** Runs autocannon in a child process against `url` (options: autocannon's). */
export function load(options: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'load-child.mjs')],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadResult;
        if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
          return reject(
            new Error(
              `load: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`,
            ),
          );
        }
        resolve(result);
      },
    );
    child.stdin?.end(JSON.stringify(options));
  });
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function machine(): Record<string, string | number> {
  return {
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
    memoryGb: Math.round(totalmem() / 1e9),
  };
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]) => {
  const s = sorted(values);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface Row {
  benchmark: string;
  measure: Measure;
  hub: number[];
  baseline: number[];
}

/** ratio > 1 means the hub is better than its baseline, whichever way "better" points. */
export function ratio(measure: Measure, hub: number, baseline: number): number {
  return measure.better === 'higher' ? hub / baseline : baseline / hub;
}

const fmt = (n: number) =>
  n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);

/** The table: per measure, hub / baseline / ratio as min, median and max over the rounds. */
export function table(rows: readonly Row[]): string {
  const lines = [
    '| benchmark | measure | unit | hub min / med / max | baseline min / med / max | ratio min / med / max | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ratios = row.hub.map((h, i) => ratio(row.measure, h, row.baseline[i]));
    const three = (v: number[], f: (n: number) => string) =>
      `${f(sorted(v)[0])} / ${f(median(v))} / ${f(sorted(v)[v.length - 1])}`;
    lines.push(
      `| ${row.benchmark} | ${row.measure.name} | ${row.measure.unit} | ${three(row.hub, fmt)} | ${three(row.baseline, fmt)} | ${three(ratios, (n) => `${n.toFixed(2)}x`)} | ${row.measure.target} |`,
    );
  }
  return lines.join('\n');
}
