import { ConfigError } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { databaseSettings } from './database-settings';

describe('databaseSettings', () => {
  it('reads replicas and the pool size, with defaults', () => {
    expect(databaseSettings({})).toEqual({ replicaUrls: [], poolSize: 10 });
    expect(
      databaseSettings({
        DATABASE_REPLICA_URLS: ' postgres://hub@r1:5432/hub , postgresql://hub@r2/hub',
        DB_POOL_SIZE: '25',
      }),
    ).toEqual({ replicaUrls: ['postgres://hub@r1:5432/hub', 'postgresql://hub@r2/hub'], poolSize: 25 });
  });

  it.each([
    ['DATABASE_REPLICA_URLS', 'mysql://r1/hub'],
    ['DATABASE_REPLICA_URLS', 'postgres://r1/hub,,postgres://r2/hub'],
    ['DB_POOL_SIZE', '0'],
    ['DB_POOL_SIZE', '201'],
    ['DB_POOL_SIZE', 'ten'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => databaseSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => databaseSettings({ [name]: value })).toThrow(name);
  });
});

describe('buildDataSourceOptions with replicas', () => {
  it('makes the URL the master and keeps every query there unless it asks for a replica', () => {
    const options = buildDataSourceOptions('postgres://p/hub', { replicaUrls: ['postgres://r1/hub'] }) as {
      url?: string;
      replication?: { master: { url: string }; slaves: { url: string }[]; defaultMode: string };
    };
    expect(options.url).toBeUndefined();
    expect(options.replication).toEqual({
      master: { url: 'postgres://p/hub' },
      slaves: [{ url: 'postgres://r1/hub' }],
      defaultMode: 'master',
    });
    expect((buildDataSourceOptions('postgres://p/hub') as { url?: string }).url).toBe('postgres://p/hub');
  });
});
