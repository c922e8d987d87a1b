import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from '../openapi-document';

/** npm run openapi: writes openapi.json at the repository root (a test keeps it in step). */
async function main(): Promise<void> {
  const json = await generateOpenApiJson();
  const file = join(__dirname, '..', '..', '..', '..', 'openapi.json');
  writeFileSync(file, json);
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
