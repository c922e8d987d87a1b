import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase } from '../../../../../test/setup/test-database';

describe('financial-segments schema', () => {
  it('the migrations leave no diff against the seg_ entities', async () => {
    const db = await cloneTemplateDatabase();
    const ds = new DataSource(buildDataSourceOptions(db.url));
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      const ours = sql.upQueries.map((q) => q.query).filter((q) => /seg_/.test(q));
      expect(ours).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
