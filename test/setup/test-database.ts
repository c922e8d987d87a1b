import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory';

/** Connection URL of `database` on the server `url` points at. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function requireTestName(database: string): void {
  if (!/test/i.test(database)) {
    throw new Error(`Refusing to use database "${database}" for tests: its name must contain "test"`);
  }
}

export async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The prefix of this run's databases, `hub_test_<global setup's pid>_`: the global teardown drops
 * this run's leftovers only, never those of another run on the same server (a developer's run
 * beside CI's dropped CI's databases under its running tests).
 */
export function runPrefix(template = process.env.HUB_TEST_TEMPLATE): string {
  const run = /^hub_test_template_(\d+)$/.exec(template ?? '')?.[1];
  if (!run) throw new Error('The jest global setup did not run (HUB_TEST_TEMPLATE is unset)');
  return `hub_test_${run}_`;
}

/** A fresh database for one test file, cloned from the migrated template (fast: a file copy). */
export async function cloneTemplateDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (!adminUrl || !template)
    throw new Error('The jest global setup did not run (HUB_TEST_ADMIN_URL is unset)');
  const name = `${runPrefix()}w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  requireTestName(name);
  await withAdmin(adminUrl, async (client) => {
    // CREATE DATABASE ... TEMPLATE needs the template to have no other sessions; clones run one at a time per server.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt < 20 && /being accessed by other users/.test(String((error as Error).message))) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  });
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withAdmin(
        adminUrl,
        async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      ),
  };
}

/** An empty database (no migrations run), for tests of what a program migrates on its own. */
export async function createEmptyDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('The jest global setup did not run (HUB_TEST_ADMIN_URL is unset)');
  const name = `${runPrefix()}empty_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  requireTestName(name);
  await withAdmin(adminUrl, async (client) => void (await client.query(`CREATE DATABASE "${name}"`)));
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withAdmin(
        adminUrl,
        async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      ),
  };
}

/**
 * The SQL that would bring the database to the entities (empty when the migrations match them).
 * TypeORM's schema reader (`getTables`) looks up column types with several queries at once on its
 * one connection, which the pg driver deprecates ("client.query() when the client is already
 * executing a query"); here the reader's queries run one at a time, with the same answers.
 */
export async function schemaDifference(dataSource: DataSource): Promise<SqlInMemory> {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    let last: Promise<unknown> = Promise.resolve();
    runner.query = ((...queryArgs: Parameters<QueryRunner['query']>) => {
      const next = last.then(
        () => query(...queryArgs),
        () => query(...queryArgs),
      );
      last = next.catch(() => undefined);
      return next;
    }) as QueryRunner['query'];
    return runner;
  };
  try {
    return await dataSource.driver.createSchemaBuilder().log();
  } finally {
    dataSource.createQueryRunner = create;
  }
}
