import { randomBytes } from 'node:crypto';
import { ConfigError } from './config-error';
import { readEnv } from './env-reader';

/**
 * The hub's configuration, read from the environment once at start-up. A bad or missing value
 * stops the app with a message naming the variable (see `ConfigError`).
 */
/** Also the DI token: inject `AppConfig` to read it. */
export abstract class AppConfig {
  abstract readonly nodeEnv: 'development' | 'test' | 'production';
  abstract readonly port: number;
  /** Set: use that PostgreSQL server. Unset: start the embedded one. */
  abstract readonly databaseUrl: string | null;
  /** Embedded database directory, or 'memory' for a throwaway one. */
  abstract readonly dataDir: string;
  abstract readonly demoData: boolean;
  abstract readonly migrationsRun: boolean;
  abstract readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  abstract readonly auth: AuthConfig;
  abstract readonly database: DatabaseConfig;
  abstract readonly security: SecurityConfig;
  abstract readonly bodyLimitBytes: number;
  /** Key of the HMAC that hashes identifiers in audit records. */
  abstract readonly auditHashKey: string;
  /** The environment the configuration was read from: modules validate their own variables from it. */
  abstract readonly env: Readonly<Record<string, string | undefined>>;
}

export interface DatabaseConfig {
  /** DB_CONNECT_TIMEOUT_MS: longest wait for a connection (new, or a free one from the pool). */
  readonly connectTimeoutMs: number;
  /** DB_STATEMENT_TIMEOUT_MS: PostgreSQL `statement_timeout` of the app's sessions. */
  readonly statementTimeoutMs: number;
}

export interface SecurityConfig {
  /** RATE_LIMIT_PER_MINUTE: requests per principal (or client IP) per minute; 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** LOOKUP_RATE_LIMIT_PER_MINUTE: customer-summary lookups per principal per minute; 0 = no limit. */
  readonly lookupRateLimitPerMinute: number;
  /** HSTS=on: Strict-Transport-Security on every response (behind TLS only). */
  readonly hsts: boolean;
}

export interface AuthConfig {
  /** HS256 shared secret (development and tests, or a bank that signs with a secret). */
  readonly jwtSecret: string | null;
  /** True when no secret was configured and a development one was made up. */
  readonly jwtSecretGenerated: boolean;
  /** PEM public key for RS256/ES256 tokens. */
  readonly jwtPublicKey: string | null;
  /** JWKS endpoint for RS256/ES256 tokens. */
  readonly jwksUrl: string | null;
  readonly issuer: string | null;
  readonly audience: string | null;
}

export { ConfigError } from './config-error';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;

/** A fixed development secret so tokens minted by `npm run token` keep working across restarts. */
export const DEVELOPMENT_JWT_SECRET = 'hub-development-secret-do-not-use-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const read = readEnv(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const databaseUrl = read.text('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  const dataDir = embeddedDataDir(env);
  const demoData = read.boolean('DEMO_DATA', databaseUrl === null);
  const migrationsRun = read.boolean('MIGRATIONS_RUN', true);
  const port = read.integer('PORT', 3000, 0, 65535);
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info');
  const bodyLimitBytes = read.integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576);

  const jwtPublicKey = read.text('AUTH_JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n') ?? null;
  const jwksUrl = read.text('AUTH_JWKS_URL');
  if (jwksUrl !== null && !/^https?:\/\//.test(jwksUrl)) {
    throw new ConfigError('AUTH_JWKS_URL', 'must be an http(s) URL');
  }
  let jwtSecret = read.text('AUTH_JWT_SECRET');
  let jwtSecretGenerated = false;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  }
  if (jwtSecret === null && jwtPublicKey === null && jwksUrl === null) {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        'AUTH_JWT_SECRET',
        'is missing: production needs AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL',
      );
    }
    jwtSecret = nodeEnv === 'test' ? randomBytes(32).toString('hex') : DEVELOPMENT_JWT_SECRET;
    jwtSecretGenerated = true;
  }

  const database: DatabaseConfig = {
    connectTimeoutMs: read.integer('DB_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
    statementTimeoutMs: read.integer('DB_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
  };
  const security: SecurityConfig = {
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
    lookupRateLimitPerMinute: read.integer('LOOKUP_RATE_LIMIT_PER_MINUTE', 300, 0, 1_000_000),
    hsts: read.boolean('HSTS', false),
  };

  const auditHashKey = read.text('AUDIT_HASH_KEY');
  if (auditHashKey === null && nodeEnv === 'production') {
    throw new ConfigError(
      'AUDIT_HASH_KEY',
      'is missing: production needs a secret key for audit identifier hashes',
    );
  }
  if (auditHashKey !== null && auditHashKey.length < 32) {
    throw new ConfigError('AUDIT_HASH_KEY', 'must be at least 32 characters');
  }

  return {
    nodeEnv,
    env: { ...env },
    auditHashKey: auditHashKey ?? 'hub-development-audit-key-not-for-production',
    port,
    databaseUrl,
    dataDir,
    demoData,
    migrationsRun,
    logLevel,
    bodyLimitBytes,
    database,
    security,
    auth: {
      jwtSecret,
      jwtSecretGenerated,
      jwtPublicKey,
      jwksUrl,
      issuer: read.text('AUTH_JWT_ISSUER'),
      audience: read.text('AUTH_JWT_AUDIENCE'),
    },
  };
}

/** DATA_DIR: where the embedded server keeps its data (`memory`: a throwaway directory). */
export function embeddedDataDir(env: NodeJS.ProcessEnv): string {
  return readEnv(env).text('DATA_DIR') ?? './.data/pg';
}
