import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { markStartup } from '../lifecycle/startup-timing';

/** A module's demo-data seeder (its `seed` goes through `seedOnce`, so it runs once per database). */
export interface DemoSeeder {
  /** Its `seedOnce` name, e.g. `customer-summary:ods-demo`. */
  readonly name: string;
  /** Seeders that must finish first, when they are registered (the CRM's demo uses the ODS's CIFs). */
  readonly after?: readonly string[];
  readonly seed: () => Promise<unknown>;
}

/**
 * Runs the modules' demo-data seeders side by side at start-up, each after those it names in
 * `after`, instead of one module after another as Nest's lifecycle hooks would. The modules
 * register their seeders in `onModuleInit`; the seeders run in this service's
 * `onApplicationBootstrap`, once every module is initialised (the job queue's queues exist), and
 * the application's `init()` (so `listen`, and readiness) waits for all of them. A seeder that
 * fails fails the start, once the others have finished.
 */
@Injectable()
export class DemoSeeding implements OnApplicationBootstrap {
  private readonly seeders = new Map<string, DemoSeeder>();

  register(seeder: DemoSeeder): void {
    if (this.seeders.has(seeder.name)) throw new Error(`demo seeder ${seeder.name} registered twice`);
    this.seeders.set(seeder.name, seeder);
  }

  async onApplicationBootstrap(): Promise<void> {
    markStartup('modules initialised');
    await this.runAll();
  }

  /** Runs every registered seeder (each once), as early as its `after` allows. */
  async runAll(): Promise<void> {
    const runs = new Map<string, Promise<void>>();
    const start = (seeder: DemoSeeder, path: readonly string[]): Promise<void> => {
      if (path.includes(seeder.name)) {
        throw new Error(`demo seeders wait for each other: ${[...path, seeder.name].join(' -> ')}`);
      }
      let run = runs.get(seeder.name);
      if (!run) {
        const first = (seeder.after ?? [])
          .map((name) => this.seeders.get(name))
          .filter((s): s is DemoSeeder => s !== undefined)
          .map((s) => start(s, [...path, seeder.name]));
        run = Promise.all(first).then(async () => {
          await seeder.seed();
        });
        runs.set(seeder.name, run);
      }
      return run;
    };
    const all = [...this.seeders.values()].map((seeder) => start(seeder, []));
    const failed = (await Promise.allSettled(all)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
