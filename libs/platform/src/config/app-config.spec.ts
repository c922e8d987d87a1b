import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults for a newcomer: embedded database, demo data, development secret', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: './.data/pg',
      demoData: true,
      migrationsRun: true,
      nodeEnv: 'development',
    });
    expect(c.auth).toMatchObject({ jwtSecret: DEVELOPMENT_JWT_SECRET, jwtSecretGenerated: true });
  });

  it('turns demo data off by default on a server database, and on request', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(false);
    expect(loadConfig({ DEMO_DATA: 'off' }).demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MIGRATIONS_RUN: 'nope' }, 'MIGRATIONS_RUN'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ NODE_ENV: 'production', AUDIT_HASH_KEY: 'k'.repeat(40) }, 'AUTH_JWT_SECRET'],
    [{ NODE_ENV: 'production', AUTH_JWT_SECRET: 's'.repeat(40) }, 'AUDIT_HASH_KEY'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('%p stops the app naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('accepts a production setup with a public key instead of a secret', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUDIT_HASH_KEY: 'k'.repeat(40),
    });
    expect(c.auth).toMatchObject({
      jwtSecret: null,
      jwksUrl: 'https://idp.example/jwks',
      jwtSecretGenerated: false,
    });
  });
});
