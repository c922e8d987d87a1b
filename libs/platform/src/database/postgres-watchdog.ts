import { spawn } from 'node:child_process';
import { readFile, unlink } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';

/** The note a watchdog leaves in the data directory after stopping the server of a dead owner. */
export const WATCHDOG_MARKER = 'hub-watchdog.json';

/**
 * The watchdog: a tiny Node.js process in a session of its own, holding the read end of a pipe
 * whose write end only the owner holds. The kernel closes that pipe when the owner ends, however it
 * ends (SIGKILL included), so the watchdog sees end-of-file at once, with no polling and no pid
 * reuse to fear. It then stops the server: SIGINT (fast shutdown), SIGQUIT (immediate) after 6 s,
 * SIGKILL of the server's process group after 8 s; writes its note (persistent directories) or
 * removes the throwaway directory, and exits. It also exits on its own once the server is gone.
 * Plain JavaScript, so that it runs the same from the sources, `dist` and jest.
 */
const SCRIPT = `
const fs = require('fs');
const path = require('path');
const [pidText, dir, remove, ownerText, marker] = process.argv.slice(1);
const pid = Number(pidText);
const hasProc = fs.existsSync('/proc/self/cmdline');
function alive() {
  try { process.kill(pid, 0); } catch (e) { if (e.code !== 'EPERM') return false; }
  if (!hasProc) return true;
  try { return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').includes('postgres'); } catch (e) { return false; }
}
let ending = false;
function finish(how) {
  if (how && remove !== '1') {
    try {
      fs.writeFileSync(path.join(dir, marker), JSON.stringify({ ownerPid: Number(ownerText), stoppedAt: new Date().toISOString(), how }));
    } catch (e) {}
  }
  if (remove === '1') { try { fs.rmSync(dir, { recursive: true, force: true }); } catch (e) {} }
  process.exit(0);
}
function send(signal, target) { try { process.kill(target, signal); } catch (e) {} }
function ownerGone() {
  if (ending) return;
  ending = true;
  if (!alive()) return finish(null);
  const started = Date.now();
  let how = 'fast';
  send('SIGINT', pid);
  setInterval(() => {
    if (!alive()) return finish(how);
    const waited = Date.now() - started;
    if (how === 'fast' && waited > 6000) { how = 'immediate'; send('SIGQUIT', pid); }
    if (how === 'immediate' && waited > 8000) { how = 'killed'; send('SIGKILL', -pid); }
  }, 100);
}
process.stdin.on('end', ownerGone);
process.stdin.on('close', ownerGone);
process.stdin.on('error', ownerGone);
process.stdin.resume();
setInterval(() => { if (!ending && !alive()) process.exit(0); }, 1000);
`;

export interface PostgresWatchdog {
  readonly pid: number | undefined;
  /** The server has been stopped by its owner: the watchdog may go. */
  release(): void;
}

export function startPostgresWatchdog(options: {
  readonly serverPid: number;
  readonly dataDir: string;
  /** Remove the data directory once the server has stopped (a throwaway cluster). */
  readonly removeDataDir: boolean;
}): PostgresWatchdog {
  const child = spawn(
    process.execPath,
    [
      '-e',
      SCRIPT,
      String(options.serverPid),
      options.dataDir,
      options.removeDataDir ? '1' : '0',
      String(process.pid),
      WATCHDOG_MARKER,
    ],
    {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // Not the app's NODE_OPTIONS (ts-node, inspectors): a bare Node.js.
      env: { PATH: process.env.PATH ?? '' },
    },
  );
  child.once('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return {
    pid: child.pid,
    release() {
      child.stdin?.destroy();
    },
  };
}

/** Reads and removes the note of a watchdog that stopped the server of a dead owner. */
export async function readWatchdogNote(dataDir: string): Promise<string | null> {
  const file = join(dataDir, WATCHDOG_MARKER);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  await unlink(file).catch(() => undefined);
  let note: { ownerPid?: number; stoppedAt?: string; how?: string } = {};
  try {
    note = JSON.parse(text) as typeof note;
  } catch {
    // a note cut short: what it says is still true
  }
  const how =
    note.how === 'killed'
      ? 'had to kill the server (PostgreSQL recovers from its write-ahead log)'
      : note.how === 'immediate'
        ? 'stopped the server with an immediate shutdown (PostgreSQL recovers from its write-ahead log)'
        : 'shut the server down cleanly';
  return `the previous run (pid ${note.ownerPid ?? '?'}) ended without stopping its server; its watchdog ${how} at ${note.stoppedAt ?? '?'}`;
}
