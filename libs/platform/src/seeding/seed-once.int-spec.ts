import { DataSource } from 'typeorm';
import { cloneTemplateDatabase, createEmptyDatabase } from '@hub/test-database';
import { buildDataSourceOptions } from '../database/data-source-options';
import { runMigrationsOnce } from '../database/migrations';
import { seedOnce } from './seed-once';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('seedOnce and runMigrationsOnce (real PostgreSQL, several data sources as instances)', () => {
  it('three instances seeding together on one database run the seeder once', async () => {
    const db = await cloneTemplateDatabase();
    const instances = await Promise.all(
      [1, 2, 3].map(() => new DataSource(buildDataSourceOptions(db.url, { poolSize: 3 })).initialize()),
    );
    try {
      await instances[0].query(`CREATE TABLE demo_rows (n int)`);
      let runs = 0;
      // The seeder checks its table, then writes on another connection, slowly: without the lock,
      // every instance would find the table empty.
      const seeder = (ds: DataSource) => async () => {
        const [{ empty }] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM demo_rows) AS empty`);
        if (!empty) return false;
        runs++;
        await sleep(300);
        await ds.query(`INSERT INTO demo_rows SELECT generate_series(1, 10)`);
        return true;
      };
      const outcomes = await Promise.all(instances.map((ds) => seedOnce(ds, 'test:demo', seeder(ds))));
      expect(outcomes.sort()).toEqual(['done-before', 'done-before', 'loaded']);
      expect(runs).toBe(1);
      expect(await instances[1].query(`SELECT count(*)::int AS n FROM demo_rows`)).toEqual([{ n: 10 }]);
      expect(await instances[2].query(`SELECT name, loaded FROM platform_seed_runs`)).toEqual([
        { name: 'test:demo', loaded: true },
      ]);
      // A later start does not seed again, even into an emptied table.
      await instances[0].query(`DELETE FROM demo_rows`);
      expect(await seedOnce(instances[0], 'test:demo', seeder(instances[0]))).toBe('done-before');
      expect(runs).toBe(1);
    } finally {
      await Promise.all(instances.map((ds) => ds.destroy()));
      await db.drop();
    }
  });

  it('a seeder that fails leaves no run behind, so the next start tries again', async () => {
    const db = await cloneTemplateDatabase();
    const ds = await new DataSource(buildDataSourceOptions(db.url, { poolSize: 2 })).initialize();
    try {
      await expect(
        seedOnce(ds, 'test:failing', async () => {
          throw new Error('seeder broke');
        }),
      ).rejects.toThrow('seeder broke');
      expect(await ds.query(`SELECT count(*)::int AS n FROM platform_seed_runs`)).toEqual([{ n: 0 }]);
      expect(await seedOnce(ds, 'test:failing', async () => false)).toBe('skipped');
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('three instances migrating an empty database together apply each migration once', async () => {
    const db = await createEmptyDatabase();
    const instances = await Promise.all(
      [1, 2, 3].map(() => new DataSource(buildDataSourceOptions(db.url, { poolSize: 2 })).initialize()),
    );
    try {
      const applied = await Promise.all(instances.map((ds) => runMigrationsOnce(ds)));
      const counts = applied.map((names) => names.length).sort((a, b) => a - b);
      // One instance applied them all, the two others found none pending.
      expect(counts[0]).toBe(0);
      expect(counts[1]).toBe(0);
      expect(counts[2]).toBe(instances[0].migrations.length);
      const [{ rows, distinct }] = await instances[0].query(
        `SELECT count(*)::int AS rows, count(DISTINCT name)::int AS distinct FROM platform_migrations`,
      );
      expect(rows).toBe(instances[0].migrations.length);
      expect(distinct).toBe(rows);
      expect(await instances[1].showMigrations()).toBe(false);
    } finally {
      await Promise.all(instances.map((ds) => ds.destroy()));
      await db.drop();
    }
  });
});
