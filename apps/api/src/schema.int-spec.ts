import { DataSource, type QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase } from '@hub/test-database';

/**
 * TypeORM's schema reader (`getTables`) looks up column types with several queries at once on its
 * one connection, which the pg driver deprecates ("client.query() when the client is already
 * executing a query"). The runners of this data source queue their queries instead, one at a time,
 * exactly as the driver would but without the warning.
 */
function oneQueryAtATime(dataSource: DataSource): void {
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
}

describe('database schema', () => {
  it('the migrations leave no difference against the entities', async () => {
    const db = await cloneTemplateDatabase();
    const dataSource = new DataSource(buildDataSourceOptions(db.url, { poolSize: 1 }));
    await dataSource.initialize();
    oneQueryAtATime(dataSource);
    try {
      expect(await dataSource.showMigrations()).toBe(false); // every migration is applied
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
