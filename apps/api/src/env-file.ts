import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads `.env` from the working directory (or ENV_FILE) into process.env when the file exists,
 * with Node's own loader: a variable already set in the environment wins over the file.
 * Returns the file loaded, or null.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = resolve(env.ENV_FILE?.trim() || '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE?.trim()) throw new Error(`ENV_FILE: ${file} does not exist`);
    return null;
  }
  process.loadEnvFile(file);
  return file;
}
