import { DemoSeeding } from './demo-seeding';

/** A promise resolved (or rejected) from outside. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('DemoSeeding', () => {
  it('starts independent seeders together and a dependent one only once its dependency has finished', async () => {
    const seeding = new DemoSeeding();
    const ods = deferred();
    const cards = deferred();
    const started: string[] = [];
    seeding.register({
      name: 'crm',
      after: ['ods'],
      seed: async () => {
        started.push('crm');
      },
    });
    seeding.register({
      name: 'ods',
      seed: () => {
        started.push('ods');
        return ods.promise;
      },
    });
    seeding.register({
      name: 'cards',
      seed: () => {
        started.push('cards');
        return cards.promise;
      },
    });
    let done = false;
    const all = seeding.onApplicationBootstrap().then(() => (done = true));
    await flush();
    // ods and cards run side by side; crm waits for ods.
    expect(started.sort()).toEqual(['cards', 'ods']);
    cards.resolve();
    await flush();
    expect(started).not.toContain('crm');
    expect(done).toBe(false);
    ods.resolve();
    await all;
    expect(started).toContain('crm');
    expect(done).toBe(true);
  });

  it('runs a seeder whose dependency is not registered (that module loads no demo data)', async () => {
    const seeding = new DemoSeeding();
    const seed = jest.fn(async () => undefined);
    seeding.register({ name: 'crm', after: ['ods'], seed });
    await seeding.runAll();
    expect(seed).toHaveBeenCalledTimes(1);
  });

  it('fails with the first failure once the other seeders have finished, and skips those waiting on it', async () => {
    const seeding = new DemoSeeding();
    const slow = deferred();
    let slowFinished = false;
    const dependent = jest.fn(async () => undefined);
    seeding.register({
      name: 'ods',
      seed: async () => {
        throw new Error('ods broke');
      },
    });
    seeding.register({ name: 'crm', after: ['ods'], seed: dependent });
    seeding.register({
      name: 'cards',
      seed: () => slow.promise.then(() => void (slowFinished = true)),
    });
    const all = seeding.runAll();
    let settled = false;
    void all.catch(() => undefined).then(() => (settled = true));
    await flush();
    expect(settled).toBe(false); // cards still runs
    slow.resolve();
    await expect(all).rejects.toThrow('ods broke');
    expect(slowFinished).toBe(true);
    expect(dependent).not.toHaveBeenCalled();
  });

  it('refuses a name registered twice and seeders waiting for each other', async () => {
    const seeding = new DemoSeeding();
    seeding.register({ name: 'a', after: ['b'], seed: async () => undefined });
    expect(() => seeding.register({ name: 'a', seed: async () => undefined })).toThrow('registered twice');
    seeding.register({ name: 'b', after: ['a'], seed: async () => undefined });
    await expect(seeding.runAll()).rejects.toThrow('demo seeders wait for each other: a -> b -> a');
  });
});
