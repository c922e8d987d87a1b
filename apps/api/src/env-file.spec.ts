import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from './env-file';

describe('loadEnvFile', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-env-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads ENV_FILE into process.env; a variable already set wins over the file', () => {
    const file = join(dir, 'hub.env');
    writeFileSync(file, '# comment\nHUB_ENV_TEST_A=from-file\nHUB_ENV_TEST_B="quoted value"\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: file, HUB_ENV_TEST_A: 'from-environment' };
    expect(loadEnvFile(env)).toBe(file);
    expect(env.HUB_ENV_TEST_A).toBe('from-environment');
    expect(env.HUB_ENV_TEST_B).toBe('quoted value');
  });

  it('no .env: nothing loaded, no error; a named ENV_FILE that is missing is an error', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadEnvFile({})).toBeNull();
    } finally {
      process.chdir(cwd);
    }
    expect(() => loadEnvFile({ ENV_FILE: join(dir, 'missing.env') })).toThrow(
      /ENV_FILE: .*missing\.env does not exist/,
    );
  });
});
