import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from '@hub/platform';
import { isIso4217Currency } from '@hub/shared-kernel';
import { parseCidr } from '../application/callback-url-policy';
import { SegmentsConfig } from '../application/segments-config';
import { parseWebhookSecret, WebhookSecretError } from '../domain/webhooks/standard-webhooks';
import { DEFAULT_MAX_DELAY_MS } from '../domain/webhooks/retry-schedule';

/** The module's variables, validated once from the app's environment (a bad one stops the app, naming it). */
export function segmentsConfigFrom(app: AppConfig): SegmentsConfig {
  const config = loadSegmentsConfig(
    app.env,
    app.nodeEnv,
    () => `whsec_${randomBytes(32).toString('base64')}`,
  );
  if (config.allowedCallbackCidrs.length > 0) {
    new Logger('FinancialSegments').log(
      `Callbacks may also reach these internal networks (WEBHOOK_ALLOWED_CIDRS): ${config.allowedCallbackCidrs.join(', ')}`,
    );
  }
  return config;
}

export function loadSegmentsConfig(
  env: Readonly<Record<string, string | undefined>>,
  nodeEnv: string,
  generateSecret: () => string,
): SegmentsConfig {
  const rawSecret = env.WEBHOOK_SECRET?.trim() || null;
  if (rawSecret === null && nodeEnv === 'production') throw new ConfigError('WEBHOOK_SECRET', 'is missing');
  let webhookKey: Buffer;
  try {
    webhookKey = parseWebhookSecret(rawSecret ?? generateSecret());
  } catch (error) {
    if (error instanceof WebhookSecretError) throw new ConfigError('WEBHOOK_SECRET', error.message);
    throw error;
  }
  const allowPrivateCallbacks = boolean(env, 'WEBHOOK_ALLOW_PRIVATE', false);
  if (allowPrivateCallbacks && nodeEnv === 'production') {
    throw new ConfigError(
      'WEBHOOK_ALLOW_PRIVATE',
      'must not be true in production: name internal callback receivers in WEBHOOK_ALLOWED_CIDRS instead',
    );
  }
  const allowedCallbackCidrs = (env.WEBHOOK_ALLOWED_CIDRS ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const cidr of allowedCallbackCidrs) {
    if (!parseCidr(cidr)) {
      throw new ConfigError(
        'WEBHOOK_ALLOWED_CIDRS',
        `must be comma-separated CIDRs such as 10.20.0.0/16 (got "${cidr}")`,
      );
    }
  }
  return {
    webhookKey,
    webhookSecretGenerated: rawSecret === null,
    retry: {
      baseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 1, 86_400_000),
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
      maxDelayMs: DEFAULT_MAX_DELAY_MS,
    },
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    allowPrivateCallbacks,
    allowedCallbackCidrs,
    workersEnabled: boolean(env, 'SEGMENTS_WORKERS', true),
    jobExpireSeconds: integer(env, 'SEGMENTS_JOB_EXPIRE_SECONDS', 900, 1, 86_400),
    pollingIntervalSeconds: seconds(env, 'SEGMENTS_POLLING_INTERVAL_SECONDS', 2, 0.5, 60),
    baseCurrency: currency(env, 'SEGMENTS_BASE_CURRENCY', 'VND'),
    processTokenTtlMs: duration(env, 'PROCESS_TOKEN_TTL', 30 * 60, 60, 7 * 86_400) * 1000,
    webFormBaseUrl: origin(env, 'SEGMENTS_WEB_FORM_BASE_URL'),
    webFormMaxUploadBytes: integer(
      env,
      'SEGMENTS_WEB_FORM_MAX_UPLOAD_BYTES',
      768 * 1024,
      1024,
      100 * 1_048_576,
    ),
  };
}

function integer(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function seconds(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a number of seconds from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function currency(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!isIso4217Currency(raw))
    throw new ConfigError(name, `must be an ISO 4217 code like VND (got "${raw}")`);
  return raw;
}

function boolean(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: boolean,
): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false (got "${raw}")`);
  return raw === 'true';
}

/** Seconds, or a number with a unit: `1800`, `90s`, `30m`, `2h`, `1d`. */
function duration(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallbackSeconds: number,
  minSeconds: number,
  maxSeconds: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackSeconds;
  const m = /^(\d{1,7})([smhd]?)$/.exec(raw);
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m?.[2] ?? ''] ?? 1;
  const value = m ? Number(m[1]) * factor : NaN;
  if (!m || value < minSeconds || value > maxSeconds) {
    throw new ConfigError(
      name,
      `must be a duration like 1800, 30m, 2h or 1d from ${minSeconds} s to ${maxSeconds / 86_400} days (got "${raw}")`,
    );
  }
  return value;
}

function origin(env: Readonly<Record<string, string | undefined>>, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL like https://hub.bank.example (got "${raw}")`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new ConfigError(name, `must be an http(s) URL like https://hub.bank.example (got "${raw}")`);
  }
  return url.origin + url.pathname.replace(/\/$/, '');
}
