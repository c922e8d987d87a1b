import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from './openapi-document';

describe('openapi.json', () => {
  let generated: Record<string, any>;

  beforeAll(async () => {
    generated = JSON.parse(await generateOpenApiJson());
  });

  it('is the document the app generates (run `npm run swagger:metadata && npm run openapi` after an API change)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'));
    expect(generated).toEqual(committed);
  });

  it('documents the bearer scheme, and the scopes and error answers of every protected route', () => {
    expect(generated.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operations = Object.entries(generated.paths as Record<string, Record<string, any>>).flatMap(
      ([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(1);
    for (const { path, method, op } of operations) {
      if (path === '/health' || path.startsWith('/health/')) continue; // public probes
      // A public route names the credential it takes instead of a bearer token (the web form's process token).
      if (op['x-credential']) {
        expect({ path, method, security: op.security }).toEqual({ path, method, security: undefined });
        continue;
      }
      expect({ path, method, security: op.security }).toEqual({ path, method, security: [{ bearer: [] }] });
      expect({ path, method, scopes: Array.isArray(op['x-required-scopes']) }).toEqual({
        path,
        method,
        scopes: true,
      });
      expect({ path, method, has401: Boolean(op.responses['401']) }).toEqual({ path, method, has401: true });
      expect(op.operationId).toEqual(expect.any(String));
    }
  });
});
