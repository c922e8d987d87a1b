import { parseArgs } from 'node:util';
import { ALL_SCOPES, loadConfig, mintToken } from '@hub/platform';
import { loadEnvFile } from '../env-file';

const HELP = `Mints a bearer token (HS256) for trying the hub, signed with AUTH_JWT_SECRET (read from the
environment or .env; the development secret outside production).

Usage: npm run token -- [options]

  --scope "<scopes>"     space-separated scopes (default: every scope):
                          ${ALL_SCOPES.join(' ')}
  --institution <id>     institutionId claim, needed by card-registry routes (e.g. INST-DEMO)
  --sub <subject>        sub claim (default dev-user)
  --ttl <seconds>        lifetime in seconds (default 28800, 8 hours)
  -h, --help             this help

Example: npm run token -- --scope "crm:write crm:read" --institution INST-A
`;

/**
 * npm run token -- --scope "crm:write crm:read" [--institution INST-A] [--sub alice] [--ttl 3600]
 * Mints an HS256 token with AUTH_JWT_SECRET (or the development secret outside production).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      scope: { type: 'string', default: ALL_SCOPES.join(' ') },
      institution: { type: 'string' },
      sub: { type: 'string', default: 'dev-user' },
      ttl: { type: 'string', default: String(8 * 3600) },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  loadEnvFile();
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
  const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ? ' (see npm run token -- --help)'
    : '';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${usage}\n`);
  process.exit(1);
});
