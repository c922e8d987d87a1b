import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { HUB_SCHEMAS } from './hub-schemas';
import { cloneTemplateDatabase, schemaDifference } from '@hub/test-database';

describe('database schema', () => {
  it('the migrations leave no difference against the entities', async () => {
    const db = await cloneTemplateDatabase();
    const dataSource = new DataSource(buildDataSourceOptions(db.url, { poolSize: 1, schemas: HUB_SCHEMAS }));
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false); // every migration is applied
      const pending = await schemaDifference(dataSource);
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
