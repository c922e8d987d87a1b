import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { lockKey } from '../database/transaction';
import { markStartup } from '../lifecycle/startup-timing';

/** What `seedOnce` did. */
export type SeedOutcome = 'loaded' | 'skipped' | 'done-before';

/**
 * Runs a demo-data seeder once per database, however many instances start together. The seeder
 * holds a transaction-scoped advisory lock on its name (on the primary) for as long as it runs; the
 * others wait on it, then find its row in `platform_seed_runs` and do nothing. The row is written in
 * the same transaction as the lock, after `seed` has finished, so a seeder that fails (or an
 * instance killed half way) leaves no row and the next start tries again.
 *
 * `seed` does its writes through the module's own use cases (their own transactions and
 * connections: the lock's connection holds nothing they need). It returns false when it found its
 * tables already holding data (a database seeded before `platform_seed_runs` existed, or real data)
 * and loaded nothing; the run is recorded all the same.
 */
export async function seedOnce(
  dataSource: DataSource,
  name: string,
  seed: () => Promise<boolean>,
): Promise<SeedOutcome> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.startTransaction();
    // Waiting for another instance's seeding is not a slow statement.
    await runner.query('SET LOCAL statement_timeout = 0');
    await lockKey(runner.manager, 'seed', name);
    const done = (await runner.query('SELECT 1 FROM platform_seed_runs WHERE name = $1', [
      name,
    ])) as unknown[];
    if (done.length > 0) {
      await runner.commitTransaction();
      return 'done-before';
    }
    const loaded = await seed();
    await runner.query('INSERT INTO platform_seed_runs (name, seeded_by, loaded) VALUES ($1, $2, $3)', [
      name,
      `${hostname()}:${process.pid}`,
      loaded,
    ]);
    await runner.commitTransaction();
    markStartup(`seed ${name}`);
    return loaded ? 'loaded' : 'skipped';
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
