// npm run test:e2e:remote: the e2e suites against a deployed hub (QA). Checks the variables, says
// what it will run, then runs it. The README's "QA: the e2e suites against any hub" lists them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const problems = [];

if (!env.E2E_BASE_URL) problems.push('E2E_BASE_URL is required: the hub to test, e.g. https://hub.test.bank');
else if (!/^https?:\/\/[^/]/.test(env.E2E_BASE_URL)) problems.push('E2E_BASE_URL must be an http(s) URL');
if (!env.E2E_JWT_SECRET && !env.AUTH_JWT_SECRET)
  problems.push(
    'E2E_JWT_SECRET is required: the HS256 secret the hub verifies tokens with (its AUTH_JWT_SECRET)',
  );
else if ((env.E2E_JWT_SECRET ?? env.AUTH_JWT_SECRET).length < 32)
  problems.push('E2E_JWT_SECRET must be at least 32 characters, like the hub’s AUTH_JWT_SECRET');
const listen = env.E2E_CALLBACK_LISTEN ?? '';
const listenPort = Number(listen.slice(listen.lastIndexOf(':') + 1) || 0);
if (listen && (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65535))
  problems.push('E2E_CALLBACK_LISTEN must be [host:]port, e.g. 0.0.0.0:8088');
if (env.E2E_CALLBACK_URL && !/^https?:\/\/[^/]/.test(env.E2E_CALLBACK_URL))
  problems.push(
    'E2E_CALLBACK_URL must be an http(s) URL the hub can reach, e.g. https://qa-runner.bank:8088',
  );

if (problems.length) {
  for (const p of problems) console.error(`test:e2e:remote: ${p}`);
  process.exit(2);
}

const files = readdirSync(join(root, 'test/e2e'))
  .filter((f) => f.endsWith('.e2e-spec.ts'))
  .sort();
// One fixed listening port cannot be shared by two jest workers: then the files run one at a time.
const workers = listenPort > 0 ? '1' : '2';
console.log(`hub:        ${env.E2E_BASE_URL}`);
console.log(
  `tokens:     HS256, signed with E2E_JWT_SECRET${env.E2E_JWT_SECRET ? '' : ' (from AUTH_JWT_SECRET)'}`,
);
if (env.E2E_CALLBACK_URL)
  console.log(
    `callbacks:  the hub calls ${env.E2E_CALLBACK_URL}, received on ${listen || '127.0.0.1:<ephemeral port>'}`,
  );
else console.log('callbacks:  no E2E_CALLBACK_URL: the callback tests are skipped');
console.log('data:       every suite creates its own, with keys unique to this run (no demo data needed)');
console.log('local-only: tests that need the hub’s database or process are skipped against a deployed hub');
console.log(`files (${files.length}, ${workers} worker${workers === '1' ? '' : 's'}):`);
for (const f of files) console.log(`  test/e2e/${f}`);

const r = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/jest/bin/jest.js'),
    '--selectProjects',
    'database',
    '--maxWorkers',
    workers,
    ...(workers === '1' ? ['--forceExit'] : []),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...env, JEST_TEST_REGEX: 'test/e2e/.*\\.e2e-spec\\.ts$' } },
);
process.exit(r.status ?? 1);
