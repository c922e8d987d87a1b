// npm run openapi:check — the document the BUILT app serves at /docs-json is the committed
// openapi.json (keys compared in a stable order). Builds with `nest build` (the Swagger CLI plugin
// applied, as in production), starts dist on 127.0.0.1 with a free port (DATABASE_URL when set,
// else the embedded PostgreSQL in a temporary directory), fetches the document and lists every
// field that differs. Exit 1 on any difference. `--no-build` reuses dist/.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

const root = join(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['nest', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Objects with their keys sorted, recursively: the stable order both sides are compared in. */
const canonical = (v) =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]),
        )
      : v;

function differences(a, b, at = '', out = []) {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    out.push(
      `${at || '/'}: served ${JSON.stringify(a)?.slice(0, 120)} | committed ${JSON.stringify(b)?.slice(0, 120)}`,
    );
    return out;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], `${at}/${k}`, out);
  return out;
}

const dataDir = mkdtempSync(join(tmpdir(), 'hub-openapi-check-'));
// Run as root, the embedded server drops to the `postgres` user, which must reach its directory.
chmodSync(dataDir, 0o777);
const app = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(dataDir, 'pg'),
    DEMO_DATA: 'off',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let exitCode = 1;
try {
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the built app did not start within 120 s')), 120_000);
    app.stdout.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    app.on('exit', (code) => reject(new Error(`the built app exited (${code}) before listening`)));
  });
  const response = await globalThis.fetch(`${base}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const served = canonical(await response.json());
  const committed = canonical(JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')));
  const diff = differences(served, committed);
  if (diff.length === 0) {
    process.stdout.write(`openapi:check: ${base}/docs-json equals openapi.json\n`);
    exitCode = 0;
  } else {
    process.stdout.write(
      `openapi:check: the built app serves a different document (${diff.length} fields); run npm run swagger:metadata && npm run openapi\n${diff.join('\n')}\n`,
    );
  }
} catch (error) {
  process.stderr.write(`openapi:check: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  app.kill('SIGTERM');
  await new Promise((resolve) => (app.exitCode !== null ? resolve() : app.once('exit', resolve)));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
