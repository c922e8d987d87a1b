import { runPrefix, withAdmin } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  const template = process.env.HUB_TEST_TEMPLATE;
  if (globalThis.__HUB_TEST_PG__) {
    await globalThis.__HUB_TEST_PG__.stop();
    globalThis.__HUB_TEST_PG__ = undefined;
  } else if (adminUrl && template) {
    await withAdmin(adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)`,
        [template, runPrefix(template)],
      );
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    });
  }
}
