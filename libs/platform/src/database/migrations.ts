import type { DataSource } from 'typeorm';

/** The advisory lock key every instance (and the CLI jobs) takes to migrate. */
const MIGRATION_LOCK = 'platform:migrations';

/**
 * Runs the pending migrations once however many instances start together. TypeORM takes no lock of
 * its own: two instances on an empty database would both find every migration pending and the
 * second would fail half way. Each instance first takes a session advisory lock on the primary
 * (waiting as long as the other instance migrates, beyond `statement_timeout`), then asks TypeORM
 * what is pending: the first applies them, the others find nothing left. Returns the names applied.
 */
export async function runMigrationsOnce(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
      await runner.query('RESET statement_timeout');
    }
  } finally {
    await runner.release();
  }
}
