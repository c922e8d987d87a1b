import type { RetryPolicy } from '../domain/webhooks/retry-schedule';

/** The module's settings, read once from the environment. Also the DI token. */
export abstract class SegmentsConfig {
  abstract readonly webhookKey: Buffer;
  /** True when WEBHOOK_SECRET was missing and a random one was made up (not in production). */
  abstract readonly webhookSecretGenerated: boolean;
  abstract readonly retry: RetryPolicy;
  abstract readonly webhookTimeoutMs: number;
  abstract readonly allowPrivateCallbacks: boolean;
  /** WEBHOOK_ALLOWED_CIDRS: internal networks callbacks may reach besides public addresses. */
  abstract readonly allowedCallbackCidrs: readonly string[];
  /** Whether this instance runs the job workers (every instance may; they share the queue). */
  abstract readonly workersEnabled: boolean;
  /** A job running longer than this is taken to have died with its instance and is run again. */
  abstract readonly jobExpireSeconds: number;
  /** How often an idle worker looks for new jobs. */
  abstract readonly pollingIntervalSeconds: number;
  /** The currency the FX table converts into (SEGMENTS_BASE_CURRENCY, default VND). */
  abstract readonly baseCurrency: string;
}
