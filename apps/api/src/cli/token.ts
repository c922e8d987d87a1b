import { parseArgs } from 'node:util';
import { ALL_SCOPES, loadConfig, mintToken } from '@hub/platform';

/**
 * npm run token -- --scope "crm:write crm:read" [--institution INST-A] [--sub alice] [--ttl 3600]
 * Mints an HS256 token with AUTH_JWT_SECRET (or the development secret outside production).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', default: ALL_SCOPES.join(' ') },
      institution: { type: 'string' },
      sub: { type: 'string', default: 'dev-user' },
      ttl: { type: 'string', default: String(8 * 3600) },
    },
  });
  const config = loadConfig();
  if (!config.auth.jwtSecret)
    throw new Error('AUTH_JWT_SECRET is not set: this hub verifies tokens with a public key only');
  const scopes = (values.scope ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`Unknown scope(s): ${unknown.join(', ')}. Known: ${ALL_SCOPES.join(' ')}`);
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('--ttl must be a positive number of seconds');
  const token = await mintToken({
    secret: config.auth.jwtSecret,
    subject: values.sub,
    scopes,
    institutionId: values.institution,
    expiresInSeconds: ttl,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
