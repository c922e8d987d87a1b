import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  embeddedSharedBuffersMb,
  PASSWORD_FILE,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from './embedded-postgres';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  let dir: string;
  const handles: EmbeddedPostgresHandle[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-embedded-test-'));
    await chmod(dir, 0o755); // as root the server runs as `postgres`, which must reach the directory
  });

  afterAll(async () => {
    for (const h of handles.reverse()) await h.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const dataDir = () => join(dir, 'pg');

  it('keeps the data across a restart on the same directory', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(first);
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$one$$)');
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(second);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'one' }]);
  });

  it('sizes shared_buffers to the machine: an eighth of its memory, from 128 MB to 1 GB', async () => {
    const GB = 1024 ** 3;
    expect([0.5, 2, 4, 16, 64].map((gb) => embeddedSharedBuffersMb(gb * GB))).toEqual([
      128, 256, 512, 1024, 1024,
    ]);
    const server = await startEmbeddedPostgres({ dataDir: 'memory', fast: true });
    handles.push(server);
    const [{ mb }] = await query<{ mb: number }>(
      server.url,
      `SELECT (setting::bigint * 8192 / 1048576)::int AS mb FROM pg_settings WHERE name = 'shared_buffers'`,
    );
    expect(mb).toBe(embeddedSharedBuffersMb());
  });

  it('recovers when a killed run left its server running', async () => {
    // The previous test's server is still running on the directory, as after a SIGKILL of the hub.
    const next = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(next);
    expect(await query(next.url, 'SELECT v FROM kept')).toEqual([{ v: 'one' }]);
    await next.stop();
  });

  it('removes a stale postmaster.pid whose process is gone', async () => {
    writeFileSync(join(dataDir(), 'postmaster.pid'), `999999\n${dataDir()}\n`);
    const next = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(next);
    expect(await query(next.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
    await next.stop();
  });

  it('gives the data directory its own random password, kept in it with mode 0600', async () => {
    const next = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(next);
    const file = join(dataDir(), PASSWORD_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(decodeURIComponent(new URL(next.url).password)).toBe(password);
    await expect(
      query(`postgres://postgres:postgres@127.0.0.1:${next.port}/postgres`, 'SELECT 1'),
    ).rejects.toThrow(/password authentication failed/);
    await next.stop();
  });

  it('gives a directory made with the old default password its own, and says so', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dataDir(), fast: true });
    handles.push(first);
    await query(first.url, `ALTER ROLE postgres PASSWORD 'postgres'`);
    await first.stop();
    unlinkSync(join(dataDir(), PASSWORD_FILE)); // as an older version left it
    const notices: string[] = [];
    const next = await startEmbeddedPostgres({
      dataDir: dataDir(),
      fast: true,
      notice: (m) => notices.push(m),
    });
    handles.push(next);
    expect(notices).toEqual([expect.stringContaining('had the default password; it now has its own')]);
    expect(await query(next.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
    await expect(
      query(`postgres://postgres:postgres@127.0.0.1:${next.port}/postgres`, 'SELECT 1'),
    ).rejects.toThrow(/password authentication failed/);
    await next.stop();
  });

  it('DATA_DIR=memory starts empty and leaves nothing behind', async () => {
    const mem = await startEmbeddedPostgres({ dataDir: 'memory', fast: true });
    handles.push(mem);
    expect(await query(mem.url, `SELECT to_regclass('kept') AS t`)).toEqual([{ t: null }]);
    await mem.stop();
    expect(existsSync(mem.dataDir)).toBe(false);
  });
});
