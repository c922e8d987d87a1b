// npm run test:e2e:remote: the e2e suites against a deployed hub (QA). Checks the variables, says
// what it will run, then runs it. The README's "QA: the e2e suites against any hub" lists them.
/* global fetch, AbortSignal, URL */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { isIP } from 'node:net';
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

// The receiver's own https (E2E_CALLBACK_TLS_CERT, E2E_CALLBACK_TLS_KEY): both or neither, a key
// that belongs to the certificate, a certificate valid now and for the host of E2E_CALLBACK_URL
// (the hub checks it against that name, or address, when it connects).
const tlsCertPath = env.E2E_CALLBACK_TLS_CERT ?? '';
const tlsKeyPath = env.E2E_CALLBACK_TLS_KEY ?? '';
let tls = null;
if (Boolean(tlsCertPath) !== Boolean(tlsKeyPath))
  problems.push(
    'E2E_CALLBACK_TLS_CERT and E2E_CALLBACK_TLS_KEY go together: the receiver’s PEM certificate and key',
  );
else if (tlsCertPath) {
  try {
    const cert = new X509Certificate(readFileSync(tlsCertPath));
    const key = createPrivateKey(readFileSync(tlsKeyPath));
    tls = { cert };
    if (!cert.checkPrivateKey(key))
      problems.push('E2E_CALLBACK_TLS_KEY is not the key of the certificate in E2E_CALLBACK_TLS_CERT');
    const now = Date.now();
    if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))
      problems.push(`E2E_CALLBACK_TLS_CERT is not valid now (${cert.validFrom} to ${cert.validTo})`);
  } catch (error) {
    problems.push(
      `E2E_CALLBACK_TLS_CERT / E2E_CALLBACK_TLS_KEY: cannot read a PEM certificate and key (${error.message})`,
    );
  }
  if (!env.E2E_CALLBACK_URL)
    problems.push(
      'E2E_CALLBACK_TLS_CERT needs E2E_CALLBACK_URL: the https address the hub reaches the receiver on',
    );
  else if (!env.E2E_CALLBACK_URL.startsWith('https://'))
    problems.push('E2E_CALLBACK_URL must be https when the receiver serves TLS (E2E_CALLBACK_TLS_CERT)');
}
let callbackHost = '';
if (env.E2E_CALLBACK_URL) {
  try {
    callbackHost = new URL(env.E2E_CALLBACK_URL.replace('{port}', '1')).hostname.replace(/^\[|\]$/g, '');
  } catch {
    problems.push('E2E_CALLBACK_URL is not a URL');
  }
}
if (tls?.cert && callbackHost) {
  const matches = isIP(callbackHost) ? tls.cert.checkIP(callbackHost) : tls.cert.checkHost(callbackHost);
  if (!matches)
    problems.push(
      `E2E_CALLBACK_TLS_CERT is not for ${callbackHost} (the host of E2E_CALLBACK_URL): the hub would refuse it; subject alternative names: ${tls.cert.subjectAltName ?? 'none'}`,
    );
}

if (problems.length === 0) {
  // The hub answers before anything runs: a wrong address fails here, not in 500 tests.
  const ready = new URL('/health/ready', env.E2E_BASE_URL);
  try {
    const res = await fetch(ready, { signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) problems.push(`${ready} answers ${res.status}: the hub is not ready`);
  } catch (error) {
    problems.push(`${ready} does not answer (${error.cause?.code ?? error.message}): is E2E_BASE_URL right?`);
  }
}

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
if (env.E2E_CALLBACK_URL) {
  const scheme = tls ? 'https' : 'http';
  console.log(
    `callbacks:  the hub calls ${env.E2E_CALLBACK_URL}, received over ${scheme} on ${listen || '127.0.0.1:<ephemeral port>'}`,
  );
  if (tls)
    console.log(
      `            TLS: ${tlsCertPath} (${tls.cert.subjectAltName ?? tls.cert.subject}, until ${tls.cert.validTo}): the hub must trust it, e.g. NODE_EXTRA_CA_CERTS=<that file> in its environment`,
    );
  else if (env.E2E_CALLBACK_URL.startsWith('https://'))
    console.log('            TLS: terminated in front of the receiver (no E2E_CALLBACK_TLS_CERT)');
  else
    console.log(
      '            http: only a hub with WEBHOOK_ALLOW_PRIVATE=true accepts it; a production hub answers the synchronize calls 400 CALLBACK_URL_NOT_ALLOWED (see E2E_CALLBACK_TLS_CERT)',
    );
  if (callbackHost)
    console.log(
      `            a production hub calls ${callbackHost} only if it is public or inside the hub's WEBHOOK_ALLOWED_CIDRS`,
    );
} else console.log('callbacks:  no E2E_CALLBACK_URL: the callback tests are skipped');
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
