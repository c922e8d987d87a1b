import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Loads `.env` from the working directory (or ENV_FILE) into process.env when the file exists,
 * with Node's own parser (`util.parseEnv`, the format of `node --env-file`): a variable already set
 * in the environment wins over the file.
 * Returns the file loaded, or null.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = resolve(env.ENV_FILE?.trim() || '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE?.trim()) throw new Error(`ENV_FILE: ${file} does not exist`);
    return null;
  }
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
  return file;
}
