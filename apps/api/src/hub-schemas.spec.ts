import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PLATFORM_SCHEMA } from '@hub/platform';
import { HUB_SCHEMAS } from './hub-schemas';

const ROOT = join(__dirname, '..', '..', '..');
const MIGRATION_FILE = /^\d{13}-[A-Za-z0-9]+\.ts$/;

/** Every file under `dir` (recursively) whose name matches. */
function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The directory a schema's glob lists files of (`.../migrations/*.{ts,js}` -> `.../migrations`). */
const globDir = (glob: unknown) => dirname(String(glob));

describe('the hub schema: each module carries its own', () => {
  const schemas = [PLATFORM_SCHEMA, ...HUB_SCHEMAS];

  it('every migration of the repository sits in the migrations directory of a registered schema', () => {
    const registered = new Set(schemas.flatMap((s) => s.migrations.map(globDir)));
    const files = [
      ...filesUnder(join(ROOT, 'libs'), MIGRATION_FILE),
      ...filesUnder(join(ROOT, 'apps'), MIGRATION_FILE),
    ];
    const stray = files.filter((f) => !registered.has(dirname(f))).map((f) => f.slice(ROOT.length + 1));
    // A migration elsewhere (the old apps/api/migrations) would never run: move it beside its module's entities.
    expect(stray).toEqual([]);
    expect(existsSync(join(ROOT, 'apps', 'api', 'migrations'))).toBe(false);
  });

  it('every entity file of a lib is loaded by the schema of that lib', () => {
    const entityDirs = new Set(schemas.flatMap((s) => s.entities.map(globDir)));
    const entities = filesUnder(join(ROOT, 'libs'), /\.orm-entity\.ts$/);
    expect(entities.length).toBeGreaterThan(0);
    const platformEntityDir = join(ROOT, 'libs', 'platform', 'src');
    const unloaded = entities.filter((f) => {
      const dir = dirname(f);
      if (dir.startsWith(platformEntityDir + '/')) {
        // The platform's glob names its entity folders in braces: `src/{audit,idempotency,…}/*.orm-entity.*`.
        const folders = PLATFORM_SCHEMA.entities.flatMap(
          (g) => /\{([^}]+)\}/.exec(String(g))?.[1].split(',') ?? [],
        );
        return !folders.includes(basename(dir));
      }
      return !entityDirs.has(dir);
    });
    expect(unloaded.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('module names are unique and every glob stays inside its own lib', () => {
    expect(new Set(schemas.map((s) => s.name)).size).toBe(schemas.length);
    for (const schema of schemas) {
      const libDir = join(ROOT, 'libs', schema.name) + '/';
      for (const glob of [...schema.entities, ...schema.migrations])
        expect(String(glob)).toMatch(new RegExp(`^${libDir}`));
    }
  });
});
