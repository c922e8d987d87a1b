import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { DatabaseServer } from '../database/database-server';
import { runMigrationsOnce } from '../database/migrations';
import type { ModuleSchema } from '../database/module-schema';
import { bounded } from './bounded';
import { shutdownGraceMs } from './shutdown-state';

export interface CliJobContext {
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  /**
   * Aborted on SIGINT/SIGTERM: the job stops at its next safe point (`signal.throwIfAborted()`
   * after a committed batch), so that what it reported as done is stored.
   */
  readonly signal: AbortSignal;
}

export interface CliJobOptions {
  /** The command (`ods:load`): messages, and the connections' application_name. */
  readonly name: string;
  readonly poolSize?: number;
  /** The schemas of the modules the job works on, on top of the platform's (migrated with MIGRATIONS_RUN). */
  readonly schemas?: readonly ModuleSchema[];
  /** How far the job got, printed as JSON on stdout when it is interrupted. */
  readonly progress?: () => Record<string, unknown>;
  /** Runs when the job was interrupted, once it has stopped (e.g. removes an incomplete file). */
  readonly onInterrupted?: () => Promise<void> | void;
}

/** A signal within this long of the first is the same Ctrl-C relayed by npm: not a second one. */
const RELAYED_SIGNAL_MS = 1000;

/**
 * Runs a CLI job (`npm run ods:load`, `npm run cards:export`) the way the hub runs: on the
 * database of DATABASE_URL or the embedded one (migrated first when MIGRATIONS_RUN), stopped in the
 * same order on SIGINT/SIGTERM within SHUTDOWN_GRACE_MS: the job stops at its next safe point, the
 * pool closes, the embedded server stops last. An interrupted job prints how far it got
 * (`{"interrupted":"SIGINT",...}` on stdout) and exits with 130 (SIGINT) or 143 (SIGTERM); a second
 * Ctrl-C exits at once (the embedded server's watchdog then stops the server).
 */
export async function runCliJob(
  options: CliJobOptions,
  job: (context: CliJobContext) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const graceMs = shutdownGraceMs(config.env);
  const controller = new AbortController();
  let first: { signal: NodeJS.Signals; at: number } | null = null;
  const say = (text: string) => process.stderr.write(`\n${options.name}: ${text}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    if (!first) {
      first = { signal, at: Date.now() };
      say(`${signal}: stopping at the next safe point (at most ${graceMs} ms)`);
      controller.abort(new Error(`${options.name} interrupted by ${signal}`));
      return;
    }
    if (Date.now() - first.at < RELAYED_SIGNAL_MS) return;
    say(`second ${signal}: exiting now`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const server = await DatabaseServer.start(config);
  const dataSource = new DataSource({
    ...buildDataSourceOptions(server.url, {
      poolSize: options.poolSize ?? 2,
      applicationName: options.name,
      schemas: options.schemas ?? [],
    }),
    logging: false,
  });
  let failure: unknown = null;
  let settled = false;
  const running = (async () => {
    await dataSource.initialize();
    if (config.migrationsRun) await runMigrationsOnce(dataSource);
    controller.signal.throwIfAborted();
    await job({ config, dataSource, signal: controller.signal });
  })().then(
    () => (settled = true),
    (error: unknown) => {
      settled = true;
      failure = error;
    },
  );

  // Until done, or until interrupted and the job has had most of the grace period to stop.
  await Promise.race([
    running,
    new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => setTimeout(resolve, graceMs * 0.6).unref(), {
        once: true,
      }),
    ),
  ]);
  const signalled = first as { signal: NodeJS.Signals; at: number } | null;
  // A job that finished anyway (its last batch committed as the signal came) was not cut short.
  const interrupted = signalled && !(settled && failure === null) ? signalled : null;
  const deadline = (signalled?.at ?? Date.now()) + graceMs;
  const progress = interrupted ? (options.progress?.() ?? {}) : {};
  const stillRunning: string[] = [];
  if (!settled) stillRunning.push('the job (its open transaction rolls back)');

  if (dataSource.isInitialized) {
    const pool = await bounded(dataSource.destroy(), Math.max(deadline - Date.now() - graceMs * 0.2, 0));
    if (pool === 'timeout') stillRunning.push('database pool');
  }
  await bounded(
    server.stop(Math.max(deadline - Date.now(), 1000)),
    Math.max(deadline - Date.now(), 1000) + 500,
  );
  if (server.embeddedRunning) stillRunning.push('embedded PostgreSQL server (its watchdog stops it)');

  if (interrupted) {
    await options.onInterrupted?.();
    process.stdout.write(`${JSON.stringify({ interrupted: interrupted.signal, ...progress })}\n`);
    if (stillRunning.length) say(`the grace period ran out; still running: ${stillRunning.join('; ')}`);
    say(`interrupted by ${interrupted.signal}: ${JSON.stringify(progress)}`);
    process.exit(interrupted.signal === 'SIGINT' ? 130 : 143);
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (failure) throw failure;
}
