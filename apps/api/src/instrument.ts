/**
 * The first module `main.ts` loads, before any other: `.env` into the environment (before the
 * configuration reads it), then tracing (before `http`, `fastify` and `pg` are loaded, so that they
 * are instrumented). See tracing.ts.
 */
import { loadEnvFile } from './env-file';
import { startTracing } from './tracing';

export const envFile = loadEnvFile();
export const tracing = startTracing();
