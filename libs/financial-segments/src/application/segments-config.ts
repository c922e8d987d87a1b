import { parseWebhookSecret, WebhookSecretError } from '../domain/webhooks/standard-webhooks';
import { DEFAULT_MAX_DELAY_MS, type RetryPolicy } from '../domain/webhooks/retry-schedule';

/** The module's settings, read once from the environment. Also the DI token. */
export abstract class SegmentsConfig {
  abstract readonly webhookKey: Buffer;
  /** True when WEBHOOK_SECRET was missing and a random one was made up (not in production). */
  abstract readonly webhookSecretGenerated: boolean;
  abstract readonly retry: RetryPolicy;
  abstract readonly webhookTimeoutMs: number;
  abstract readonly allowPrivateCallbacks: boolean;
  /** Whether this instance runs the job workers (every instance may; they share the queue). */
  abstract readonly workersEnabled: boolean;
  /** A job running longer than this is taken to have died with its instance and is run again. */
  abstract readonly jobExpireSeconds: number;
  /** How often an idle worker looks for new jobs. */
  abstract readonly pollingIntervalSeconds: number;
}

export class SegmentsConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export function loadSegmentsConfig(env: NodeJS.ProcessEnv, nodeEnv: string, generateSecret: () => string): SegmentsConfig {
  const rawSecret = env.WEBHOOK_SECRET?.trim() || null;
  if (rawSecret === null && nodeEnv === 'production') throw new SegmentsConfigError('WEBHOOK_SECRET', 'is missing');
  let webhookKey: Buffer;
  try {
    webhookKey = parseWebhookSecret(rawSecret ?? generateSecret());
  } catch (error) {
    if (error instanceof WebhookSecretError) throw new SegmentsConfigError('WEBHOOK_SECRET', error.message);
    throw error;
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
    allowPrivateCallbacks: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    workersEnabled: boolean(env, 'SEGMENTS_WORKERS', true),
    jobExpireSeconds: integer(env, 'SEGMENTS_JOB_EXPIRE_SECONDS', 900, 1, 86_400),
    pollingIntervalSeconds: integer(env, 'SEGMENTS_POLLING_INTERVAL_SECONDS', 2, 1, 60),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new SegmentsConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new SegmentsConfigError(name, `must be true or false (got "${raw}")`);
  return raw === 'true';
}
