import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError, readEnv, type EnvReader } from '@hub/platform';
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
  const read = readEnv(env);
  const rawSecret = read.text('WEBHOOK_SECRET');
  if (rawSecret === null && nodeEnv === 'production') throw new ConfigError('WEBHOOK_SECRET', 'is missing');
  let webhookKey: Buffer;
  try {
    webhookKey = parseWebhookSecret(rawSecret ?? generateSecret());
  } catch (error) {
    if (error instanceof WebhookSecretError) throw new ConfigError('WEBHOOK_SECRET', error.message);
    throw error;
  }
  const allowPrivateCallbacks = read.boolean('WEBHOOK_ALLOW_PRIVATE', false);
  if (allowPrivateCallbacks && nodeEnv === 'production') {
    throw new ConfigError(
      'WEBHOOK_ALLOW_PRIVATE',
      'must not be true in production: name internal callback receivers in WEBHOOK_ALLOWED_CIDRS instead',
    );
  }
  const allowedCallbackCidrs = read.list('WEBHOOK_ALLOWED_CIDRS');
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
      baseMs: read.integer('WEBHOOK_RETRY_BASE_MS', 5000, 1, 86_400_000),
      maxAttempts: read.integer('WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
      maxDelayMs: DEFAULT_MAX_DELAY_MS,
    },
    webhookTimeoutMs: read.integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    allowPrivateCallbacks,
    allowedCallbackCidrs,
    workersEnabled: read.boolean('SEGMENTS_WORKERS', true),
    jobExpireSeconds: read.integer('SEGMENTS_JOB_EXPIRE_SECONDS', 900, 1, 86_400),
    pollingIntervalSeconds: read.decimal(
      'SEGMENTS_POLLING_INTERVAL_SECONDS',
      2,
      0.5,
      60,
      'number of seconds',
    ),
    baseCurrency: currency(read, 'SEGMENTS_BASE_CURRENCY', 'VND'),
    processTokenTtlMs: read.durationSeconds('PROCESS_TOKEN_TTL', 30 * 60, 60, 7 * 86_400) * 1000,
    webFormBaseUrl: origin(read, 'SEGMENTS_WEB_FORM_BASE_URL'),
    webFormMaxUploadBytes: read.integer(
      'SEGMENTS_WEB_FORM_MAX_UPLOAD_BYTES',
      768 * 1024,
      1024,
      100 * 1_048_576,
    ),
  };
}

function currency(read: EnvReader, name: string, fallback: string): string {
  const raw = read.text(name);
  if (raw === null) return fallback;
  if (!isIso4217Currency(raw)) throw read.invalid(name, 'must be an ISO 4217 code like VND', raw);
  return raw;
}

function origin(read: EnvReader, name: string): string | null {
  const url = read.httpUrl(name);
  if (url === null) return null;
  if (url.search || url.hash || url.username) {
    throw read.invalid(name, 'must be an http(s) URL like https://hub.bank.example');
  }
  return url.origin + url.pathname.replace(/\/$/, '');
}
