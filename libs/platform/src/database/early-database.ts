import { embeddedDataDir } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';

/**
 * The embedded server, started before the application's modules are loaded: `main.ts` calls
 * `startEmbeddedDatabaseEarly()` first, so that initdb and the server's start-up run while Node.js
 * loads Nest, TypeORM and the modules (seconds each), and `DatabaseServer.start` takes the running
 * server instead of starting one. This file loads nothing but the server's own code (the
 * `@hub/platform/early-database` entry). What the server reports before the app's logger exists is
 * kept and logged by `DatabaseServer`.
 */
interface EarlyStart {
  readonly dataDir: string;
  handle: Promise<EmbeddedPostgresHandle>;
  /** What the server reported before the app's logger existed. */
  readonly messages: { level: 'debug' | 'log'; text: string }[];
  /** Set by the one that takes the server. */
  onUnexpectedExit: (how: string) => void;
}

let early: EarlyStart | null = null;

/** Starts the embedded server now, unless DATABASE_URL names a server (then does nothing). */
export function startEmbeddedDatabaseEarly(env: NodeJS.ProcessEnv = process.env): void {
  if (early || (env.DATABASE_URL ?? '').trim() !== '') return;
  const start: EarlyStart = {
    dataDir: embeddedDataDir(env),
    handle: Promise.resolve() as never,
    messages: [],
    onUnexpectedExit: () => undefined,
  };
  start.handle = startEmbeddedPostgres({
    dataDir: start.dataDir,
    log: (text) => start.messages.push({ level: 'debug', text }),
    notice: (text) => start.messages.push({ level: 'log', text }),
    onUnexpectedExit: (how) => start.onUnexpectedExit(how),
  });
  // A start that fails is reported by the one that takes it; until then it is not "unhandled".
  start.handle.catch(() => undefined);
  early = start;
}

/**
 * The server started early for `dataDir`, once (a later start of that directory in this process
 * starts its own); null when none was started early.
 */
export function takeEarlyEmbeddedDatabase(dataDir: string): EarlyStart | null {
  if (!early || early.dataDir !== dataDir) return null;
  const taken = early;
  early = null;
  return taken;
}
