// npm run test:conformance: the e2e suites through Stoplight Prism's validating proxy, in front of
// the built hub, on the committed openapi.json. See scripts/conformance/README.md.
/* global fetch, setTimeout, Buffer */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize, printSummary } from './summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const prismDir = join(root, 'scripts/conformance/prism');
const prismBin = join(prismDir, 'node_modules/.bin/prism');
const runs = Number(process.env.CONFORMANCE_RUNS ?? 2);
// The e2e files that run against a deployed hub; jest arguments after `--` narrow them further.
const jestArgs = process.argv.slice(2);

const children = [];
let stopping = false;
const work = mkdtempSync(join(tmpdir(), 'hub-conformance-'));
function cleanup() {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitFor(url, what, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} in time`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function start(what, command, args, env, logFile) {
  const out = logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit';
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(command, args, { cwd: root, env: merged, stdio: out });
  if (logFile) {
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.dump = () => Buffer.concat(chunks).toString('utf8');
  }
  children.push(child);
  console.log(`== ${what} started (pid ${child.pid})`);
  return child;
}

// 1. Prism, pinned in scripts/conformance/prism/package-lock.json, installed there on first use.
if (!existsSync(prismBin)) {
  console.log('== installing Stoplight Prism (scripts/conformance/prism, first run only)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', prismDir], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const main = join(root, 'dist/apps/api/src/main.js');
if (!existsSync(main)) {
  console.error('dist/apps/api/src/main.js is missing: run npm run build first');
  process.exit(1);
}

// 2. The built hub on a throwaway embedded database, no demo data.
const hubPort = await freePort();
const prismPort = await freePort();
const secret = randomBytes(32).toString('hex');
const hub = start(
  'hub',
  process.execPath,
  [main],
  {
    NODE_ENV: 'development',
    PORT: String(hubPort),
    DATA_DIR: 'memory',
    DEMO_DATA: 'off',
    AUTH_JWT_SECRET: secret,
    AUDIT_HASH_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    // The suites' receivers listen on this machine's loopback.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_BASE_MS: '200',
    WEBHOOK_TIMEOUT_MS: '1000',
    SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
    // One hub serves every suite of two workers at once, on a shared CI machine: generous database
    // time-outs, so a slow moment is not a 503 (the local app gives each file a database of its own).
    DB_CONNECT_TIMEOUT_MS: '15000',
    DB_STATEMENT_TIMEOUT_MS: '30000',
    RATE_LIMIT_PER_MINUTE: '0',
    LOOKUP_RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: undefined,
  },
  true,
);
const hubUrl = `http://127.0.0.1:${hubPort}`;
const prismUrl = `http://127.0.0.1:${prismPort}`;
try {
  await waitFor(`${hubUrl}/health`, 'the hub', hub);
} catch (error) {
  console.error(hub.dump());
  throw error;
}

// 3. Prism's validating proxy in front of it, on the committed document.
const prism = start(
  'prism',
  prismBin,
  [
    'proxy',
    join(root, 'openapi.json'),
    hubUrl,
    '--host',
    '127.0.0.1',
    '--port',
    String(prismPort),
    '--errors',
    'false',
  ],
  {},
  true,
);
// Prism falling over would fail every later request with ECONNREFUSED: say so, with its last words.
prism.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`== prism exited (${code ?? signal}) during the run; its last output:`);
  console.error(prism.dump().split('\n').slice(-40).join('\n'));
});
try {
  await waitFor(`${prismUrl}/health`, 'prism', prism);
} catch (error) {
  console.error(prism.dump());
  throw error;
}

// 4. The e2e suites through the proxy, `runs` times against the same hub.
const trafficLog = join(work, 'traffic.jsonl');
const env = {
  E2E_BASE_URL: prismUrl,
  E2E_DIRECT_URL: hubUrl,
  E2E_JWT_SECRET: secret,
  E2E_CALLBACK_URL: 'http://127.0.0.1:{port}',
  E2E_TRAFFIC_LOG: trafficLog,
  JEST_TEST_REGEX: 'test/e2e/.*\\.e2e-spec\\.ts$',
};
let failed = false;
for (let run = 1; run <= runs; run++) {
  console.log(`== e2e suites through Prism, run ${run} of ${runs}`);
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/jest/bin/jest.js'),
      '--selectProjects',
      'database',
      '--maxWorkers',
      '2',
      ...jestArgs,
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.error(`== run ${run}: the e2e suites failed (exit ${r.status})`);
    failed = true;
  }
}

// 5. Prism's verdicts, as the test support recorded them (the sl-violations header).
const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
const records = existsSync(trafficLog)
  ? readFileSync(trafficLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const summary = summarize(records, document);
printSummary(summary);
cleanup();
rmSync(work, { recursive: true, force: true });
if (records.length === 0) {
  console.error('== no request went through Prism');
  failed = true;
}
if (summary.failing > 0) {
  console.error(`== ${summary.failing} violation(s) of openapi.json (see the table above)`);
  failed = true;
}
console.log(failed ? '== conformance: FAILED' : '== conformance: passed');
process.exit(failed ? 1 : 0);
