import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { DatabaseServer } from './database-server';
import { startEmbeddedDatabaseEarly, takeEarlyEmbeddedDatabase } from './early-database';

describe('the embedded server started before the modules load (main.ts)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-early-test-'));
    await chmod(dir, 0o755); // as root the server runs as `postgres`, which must reach the directory
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the server DatabaseServer.start gives for its directory, taken once', async () => {
    const env = { NODE_ENV: 'test', DATA_DIR: join(dir, 'pg') };
    startEmbeddedDatabaseEarly(env);
    const server = await DatabaseServer.start(loadConfig(env));
    try {
      // Taken: a second start of the directory would start (and find) a server of its own.
      expect(takeEarlyEmbeddedDatabase(env.DATA_DIR)).toBeNull();
      expect(server.embedded).toBe(true);
      const client = new Client({ connectionString: server.url });
      await client.connect();
      try {
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    expect(server.embeddedRunning).toBe(false);
  });

  it('starts nothing when DATABASE_URL names a server, nor for another directory', () => {
    startEmbeddedDatabaseEarly({ DATABASE_URL: 'postgres://hub@db.example:5432/hub' });
    expect(takeEarlyEmbeddedDatabase('./.data/pg')).toBeNull();
    expect(takeEarlyEmbeddedDatabase(join(dir, 'other'))).toBeNull();
  });
});
