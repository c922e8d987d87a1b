import { Presets, SingleBar } from 'cli-progress';

export interface ProgressOptions {
  /** The job's name, first on each line (`ods:load`). */
  readonly name: string;
  /** The total, when known (a file's size in bytes...): a bar with a percentage; else counts only. */
  readonly total?: number;
  /** Where progress goes (stderr: stdout keeps the job's JSON answer). */
  readonly stream?: NodeJS.WriteStream;
  /** Not a terminal: one line this often (PROGRESS_INTERVAL_MS, default 5000). */
  readonly intervalMs?: number;
  /** Formats the counts for a line: `12000 lines, 11990 loaded, 10 rejected`. */
  readonly describe: (counts: Readonly<Record<string, number>>) => string;
}

export interface Progress {
  /** The position (towards `total`) and the counts shown. */
  update(value: number, counts?: Readonly<Record<string, number>>): void;
  /** Ends the bar, or prints the last line. */
  stop(): void;
}

/**
 * Progress of a long CLI job: on a terminal a cli-progress bar (or a counter when the total is
 * unknown) redrawn in place; otherwise (a pipe, a CI log, a container) one plain line every
 * `intervalMs`, and one at the end, so that a log shows how far the job got.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  let value = 0;
  let counts: Readonly<Record<string, number>> = {};
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

  if (stream.isTTY) {
    const known = options.total !== undefined && options.total > 0;
    const bar = new SingleBar(
      {
        format: known
          ? `${options.name} [{bar}] {percentage}% | {counts} | {duration}s`
          : `${options.name} {counts} | {duration}s`,
        stream,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(known ? (options.total as number) : 1, 0, { counts: options.describe(counts) });
    return {
      update(next, nextCounts) {
        value = next;
        counts = nextCounts ?? counts;
        bar.update(known ? value : 0, { counts: options.describe(counts) });
      },
      stop() {
        if (known) bar.update(options.total as number);
        bar.stop();
      },
    };
  }

  const intervalMs = options.intervalMs ?? progressIntervalMs(process.env);
  const line = (final: boolean) => {
    const percent =
      options.total && options.total > 0
        ? ` ${Math.min(100, Math.floor((value / options.total) * 100))}%`
        : '';
    stream.write(
      `${options.name}${final ? ' done' : ''}${percent} | ${options.describe(counts)} | ${seconds()}s\n`,
    );
  };
  const timer = setInterval(() => line(false), intervalMs);
  timer.unref();
  return {
    update(next, nextCounts) {
      value = next;
      counts = nextCounts ?? counts;
    },
    stop() {
      clearInterval(timer);
      line(true);
    },
  };
}

/** PROGRESS_INTERVAL_MS: how often a job not on a terminal prints a progress line (default 5000). */
export function progressIntervalMs(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.PROGRESS_INTERVAL_MS?.trim();
  const ms = text && /^\d+$/.test(text) ? Number(text) : 5000;
  return Math.max(ms, 10);
}
