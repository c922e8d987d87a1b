// `npm start`: builds the hub only when a source changed since the last build, then runs it.
//
// `nest start` compiles the whole tree with tsc on every start (seconds on 2 cores). Here the build
// is skipped when dist/ is newer than every file and directory it is built from (a directory's
// time changes when a file in it is added, removed or renamed). Signals reach the hub, and its
// exit code is this script's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const INPUTS = [
  'apps',
  'libs',
  'ormconfig.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package.json',
  'package-lock.json',
];
const SKIPPED = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts)$/;

/** The newest modification time under `path` (files the build reads, and the directories holding them). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return SKIPPED.test(path) ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'testing') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

// The hub's build never links against the libraries' packaged output (libs/*/dist, from
// `npm run build:libs`): nest's path rewriting keeps an @hub/* import that resolves through the
// workspace link, which would make dist/ load libs/*/dist. What `tsc -b tsconfig.libs.json --clean`
// did here before (a second of npm and tsc on every start) is this: remove those directories.
for (const lib of readdirSync(join(ROOT, 'libs'))) {
  const out = join(ROOT, 'libs', lib, 'dist');
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
}

const built = existsSync(MAIN) && existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const sources = Math.max(...INPUTS.map((input) => newest(join(ROOT, input))));
if (sources >= built) {
  process.stdout.write('Building the hub (sources changed since the last build)...\n');
  const startedAt = new Date(); // a file saved during the build is newer than the stamp: rebuilt next time
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'nest'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
}
// HUB_BUILD_ONLY=1: build if needed, do not run (bench/startup.mjs builds before it measures).
if (process.env.HUB_BUILD_ONLY === '1') process.exit(0);

const hub = spawn(process.execPath, [...process.execArgv, MAIN, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
// A signal sent to this process alone (`kill <pid>`) is passed on. A terminal's Ctrl-C reaches the
// whole process group, the hub included, so the hub gets it twice within a moment: it takes a
// signal repeated within a second for the same one (a second Ctrl-C later exits at once).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => hub.kill(signal));
// The hub's exit code, or 128 + the number of the signal that ended it, as a shell reports it.
hub.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
