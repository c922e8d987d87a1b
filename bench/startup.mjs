// npm run bench:startup [-- --rounds 3] [--only fresh,existing] [--compare <other checkout>]
//
// `npm start` to `GET /health/ready` 200, as a developer meets it: the build is done first (once,
// `npm start` builds when a source changed), then each run spawns `npm start` in a process group of
// its own with PORT=<free port>, DATA_DIR=<a directory under a fresh temporary one>, LOG_FORMAT=json,
// demo data on (the embedded database's default), polls /health/ready every 50 ms, records the
// time, then sends SIGINT to the whole group, waits for it to exit, and checks that nothing of it
// (the hub, its embedded PostgreSQL, the watchdog) is left. `fresh`: a new data directory each run
// (initdb, migrations, demo seeding); `existing`: the directory a first (unmeasured) run made.
// The phases are the hub's own "start-up: ..." log line (seconds since the hub's process started,
// so npm and scripts/start.mjs come before them). Asserts nothing about time.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const rounds = Number(value('--rounds') ?? 3);
const only = (value('--only') ?? 'fresh,existing').split(',');
const out = (line) => process.stdout.write(`${line}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function ready(port) {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/health/ready', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Processes whose command line names `dir` (the embedded server and its watchdog). */
function leftovers(dir) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) found.push(Number(pid));
    } catch {
      // gone
    }
  }
  return found;
}

/** One `npm start` to ready; returns the time in ms and the phases seen. */
async function run(root, dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group: SIGINT to -pid reaches npm, start.mjs and the hub
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      NODE_ENV: 'development',
    },
  });
  let timeline = null;
  let text = '';
  const onLine = (line) => {
    text += `${line}\n`;
    try {
      const found = /^start-up: (.*)$/.exec(JSON.parse(line).msg ?? '');
      if (found) timeline = found[1];
    } catch {
      // not a log line
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      rest += chunk.toString('utf8');
      const lines = rest.split('\n');
      rest = lines.pop();
      lines.forEach(onLine);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  let readyMs = null;
  while (!exitedEarly && performance.now() - started < 120_000) {
    if (await ready(port)) {
      readyMs = performance.now() - started;
      break;
    }
    await sleep(50);
  }
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
  // The embedded server runs in a session of its own and is stopped by the hub (or its watchdog).
  for (let i = 0; i < 50 && leftovers(dataDir).length > 0; i++) await sleep(100);
  const left = leftovers(dataDir);
  if (left.length > 0) {
    for (const pid of left) process.kill(pid, 'SIGKILL');
    throw new Error(`processes left running on ${dataDir}: ${left.join(', ')}`);
  }
  if (readyMs === null) throw new Error(`the hub never answered ready:\n${text.slice(-4000)}`);
  return { readyMs, timeline };
}

function show(kind, i, { readyMs, timeline }) {
  out(`${kind} ${i + 1}: ready in ${(readyMs / 1000).toFixed(2)} s`);
  // Seconds since the hub's process started (npm and scripts/start.mjs come before it).
  if (timeline) out(`    hub: ${timeline}`);
}

const loadLine = () =>
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

async function main() {
  // --compare <dir>: another checkout of the hub (its own dist/ built, node_modules installed or
  // linked), measured in the same rounds, the order alternating, so both see the same load.
  const roots = [{ name: 'this', dir: ROOT }];
  if (value('--compare')) roots.push({ name: 'compare', dir: value('--compare') });
  out(loadLine());
  // The build, if any, happens here and is not measured (a --compare checkout is built by hand).
  const build = spawnSync('node', ['scripts/start.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, HUB_BUILD_ONLY: '1' },
  });
  if (build.status !== 0) throw new Error('the build failed');
  const base = mkdtempSync(join(tmpdir(), 'hub-startup-'));
  chmodSync(base, 0o755); // as root the server runs as the postgres user, which must reach the directory
  const results = new Map();
  const record = (key, ms) => results.set(key, [...(results.get(key) ?? []), ms]);
  try {
    // Interleaved: each case and checkout one after the other in each round, so all see the same load.
    const existingDirs = new Map();
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? roots : [...roots].reverse();
      for (const kind of ['fresh', 'existing'].filter((k) => only.includes(k))) {
        for (const root of order) {
          const label = roots.length > 1 ? `${kind} (${root.name})` : kind;
          let dir;
          if (kind === 'fresh') {
            dir = join(base, `fresh-${root.name}-${round}`);
          } else {
            dir = existingDirs.get(root.name);
            if (!dir) {
              dir = join(base, `existing-${root.name}`);
              await run(root.dir, dir); // made (and seeded) once, not measured
              existingDirs.set(root.name, dir);
            }
          }
          const r = await run(root.dir, dir);
          show(label, round, r);
          record(label, r.readyMs);
          if (kind === 'fresh') rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  out(loadLine());
  for (const [label, times] of results) {
    const sorted = [...times].sort((a, b) => a - b);
    const s = (ms) => (ms / 1000).toFixed(2);
    out(
      `${label}: min / median / max ${s(sorted[0])} / ${s(sorted[Math.floor(sorted.length / 2)])} / ${s(sorted.at(-1))} s`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
