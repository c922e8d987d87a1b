import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly context?: string;
  readonly [key: string]: unknown;
}

/**
 * A hub in a child process of its own process group (so that a test can signal the group, as a
 * terminal's Ctrl-C does), with its JSON log lines captured: the hub's main.ts under ts-node
 * (`start`), or `npm start` itself (`startNpm`: npm, sh, scripts/start.mjs and the built hub).
 */
export class HubProcess {
  readonly logs: LogLine[] = [];
  stderr = '';
  port = 0;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private stdout = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly secret: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString('utf8');
      let newline: number;
      while ((newline = this.stdout.indexOf('\n')) >= 0) {
        const line = this.stdout.slice(0, newline);
        this.stdout = this.stdout.slice(newline + 1);
        if (line.startsWith('{')) this.logs.push(JSON.parse(line) as LogLine);
        const listening = /is listening on http:\/\/localhost:(\d+)/.exec(line);
        if (listening) this.port = Number(listening[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  /**
   * Starts the hub (`node apps/api/src/main.ts` under ts-node, as `npm run start:dev` would, without
   * the watcher) and resolves once it listens.
   */
  static start(env: Record<string, string>, timeoutMs = 90_000): Promise<HubProcess> {
    return HubProcess.launch(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      // ts-node compiles with swc: the same JavaScript, several times faster to start.
      { TS_NODE_SWC: 'true', ...env },
      timeoutMs,
    );
  }

  /**
   * Starts `npm start` itself (npm, its `sh -c`, `node scripts/start.mjs`, which builds dist/ when a
   * source changed and runs the hub from it) and resolves once the hub listens. `pid` is npm's, the
   * leader of the process group. The first start in a fresh checkout builds: allow for it.
   */
  static startNpm(env: Record<string, string>, timeoutMs = 240_000): Promise<HubProcess> {
    return HubProcess.launch('npm', ['start'], env, timeoutMs, (inherited) => {
      // The test runner's own npm context (npx sets npm_* variables) is not a terminal's.
      for (const name of Object.keys(inherited)) if (/^npm_/i.test(name)) delete inherited[name];
      inherited.npm_config_update_notifier = 'false';
    });
  }

  private static async launch(
    command: string,
    args: string[],
    env: Record<string, string>,
    timeoutMs: number,
    adjust?: (inherited: NodeJS.ProcessEnv) => void,
  ): Promise<HubProcess> {
    const secret = randomBytes(32).toString('hex');
    // The test's own DATABASE_URL is not the hub's: the caller passes DATABASE_URL or DATA_DIR.
    const inherited = { ...process.env };
    delete inherited.DATABASE_URL;
    adjust?.(inherited);
    const child = spawn(command, args, {
      cwd: ROOT,
      detached: true, // a process group of its own, as under a terminal
      env: {
        ...inherited,
        NODE_ENV: 'test',
        AUTH_JWT_SECRET: secret,
        DEMO_DATA: 'off',
        LOG_LEVEL: 'info',
        PORT: '0', // a free port, picked by the kernel; the hub prints the one it bound
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub = new HubProcess(child, secret);
    const deadline = Date.now() + timeoutMs;
    while (!hub.port) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the hub exited at start: ${hub.stderr}`);
      }
      if (Date.now() > deadline) {
        hub.killGroup('SIGKILL');
        throw new Error(`the hub did not start in ${timeoutMs} ms: ${hub.stderr}`);
      }
      await sleep(100);
    }
    return hub;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Signals the hub process alone. */
  kill(signal: NodeJS.Signals): void {
    try {
      process.kill(this.pid, signal);
    } catch {
      // gone already
    }
  }

  /** Signals the hub's whole process group, as a terminal's Ctrl-C or an orchestrator does. */
  killGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // gone already
    }
  }

  /** The hub's process tree now (the embedded server, its watchdog...), the hub excluded. */
  descendants(): number[] {
    return descendantsOf(this.pid);
  }

  /** Log lines above info (warn, error, fatal). */
  get aboveInfo(): LogLine[] {
    return this.logs.filter((l) => l.level > 30);
  }

  hasLog(pattern: RegExp): boolean {
    return this.logs.some((l) => pattern.test(l.msg ?? ''));
  }
}

/** Every process whose parent chain leads to `pid` (Linux /proc). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** The processes of process group `pgid` now (Linux /proc). */
export function groupMembers(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/** A process's command line, arguments joined by spaces ('' once it has ended). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Processes whose command line mentions `text` (e.g. a data directory). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // a zombie (exited, not yet reaped) is gone for our purposes
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until every pid is gone; returns the ones still alive after `timeoutMs`. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
