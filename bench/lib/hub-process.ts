import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformFileSync, type Options } from '@swc/core';
import { mintToken, type Scope } from '@hub/platform';
import { swcOptions } from '../../jest.config';

// The hub in a process of its own. Apart from ./hub.ts: the child runs hub.ts compiled under
// bench-out/hub-js, where this file's compiler and jest.config.ts are not.

export interface HubProcess {
  pid: number;
  url: string;
  token: (scopes: Scope[], institutionId?: string) => Promise<string>;
  /** The hub process's resident set now (VmRSS) and at its highest so far (VmHWM), in bytes. */
  rss: () => { now: number; peak: number };
  /** The hub process's `process.memoryUsage()`. */
  memory: () => Promise<NodeJS.MemoryUsage>;
  close: () => Promise<void>;
}

/**
 * The whole hub (`startHub`, as `npm start` builds it) in a child process of its own, as deployed:
 * the benchmark's client does not share its event loop, and its memory is the hub's alone (read
 * from /proc/<pid>/status). The child runs JavaScript compiled beforehand (`transpileHub`), so its
 * memory holds no TypeScript compiler, as a deployed `dist/` build would not.
 */
export async function startHubProcess(databaseUrl: string): Promise<HubProcess> {
  const secret = randomBytes(32).toString('hex');
  const auditKey = randomBytes(32).toString('hex');
  const out = transpileHub();
  const child = fork(join(out, relative(ROOT, __dirname), 'hub-child.js'), [databaseUrl, secret, auditKey], {
    execArgv: ['-r', 'tsconfig-paths/register'],
    env: { ...process.env, TS_NODE_BASEURL: out },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the hub process exited (${code}) before listening`)));
  });
  const pid = child.pid as number;
  const status = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : 0;
  };
  return {
    pid,
    url,
    token: (scopes, institutionId) =>
      mintToken({ secret, scopes, subject: 'bench', ...(institutionId ? { institutionId } : {}) }),
    rss: () => ({ now: status('VmRSS'), peak: status('VmHWM') }),
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (message: { memory: NodeJS.MemoryUsage }) => resolve(message.memory));
        child.send('memory');
      }),
    close: async () => {
      child.send('close');
      await exited;
    },
  };
}

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['apps/api/src', 'libs', 'bench/lib'];

/**
 * Compiles the hub's TypeScript (apps/api/src, libs, bench/lib; tests left out) to CommonJS under
 * bench-out/hub-js, the same layout, with @swc/core and the options jest uses (`swcOptions`):
 * what the hub process runs. The @hub/* paths resolve there through tsconfig-paths
 * (TS_NODE_BASEURL), the packages from the project's node_modules.
 */
export function transpileHub(): string {
  const out = join(ROOT, 'bench-out', 'hub-js');
  const compile = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'testing') compile(path);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name)) {
        const { code } = transformFileSync(join(ROOT, path), {
          ...(swcOptions as Options),
          swcrc: false,
          configFile: false,
        });
        mkdirSync(join(out, dir), { recursive: true });
        writeFileSync(join(out, path.replace(/\.ts$/, '.js')), code);
      }
    }
  };
  rmSync(out, { recursive: true, force: true });
  for (const dir of SOURCES) compile(dir);
  return out;
}
