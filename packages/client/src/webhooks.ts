import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { webhooks } from './schema';

export { Webhook, WebhookVerificationError };

/** The name of each callback the hub posts: the keys of the contract's `webhooks` section. */
export type HubWebhookName = keyof webhooks;

/**
 * The JSON body of a callback the hub posts, read from the generated types of the contract's
 * `webhooks` section (openapi.json), so it changes when the contract does: `HubWebhookPayload<'processCompleted'>`.
 */
export type HubWebhookPayload<Name extends HubWebhookName> = webhooks[Name]['post'] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/**
 * The body of the synchronize callback (`POST` to the `callbackUrl` given to
 * `/financial-segments/v1/users/{userId}/synchronize`), sent when the job has finished;
 * `caseId` and `reportId` are null when the job failed.
 */
export type SynchronizationCompletedEvent = HubWebhookPayload<'synchronizationCompleted'>;

/**
 * The body of the web-form callback (`POST` to the process's `callbackUrl`), sent when the user
 * confirms the import.
 */
export type ProcessCompletedEvent = HubWebhookPayload<'processCompleted'>;

/** The received request's headers, as Node's http module or a Fetch `Headers` gives them. */
export type ReceivedHeaders =
  Readonly<Record<string, string | readonly string[] | undefined>> | { get(name: string): string | null };

type WebhookHeaderName = 'webhook-id' | 'webhook-timestamp' | 'webhook-signature';

/**
 * Checks the hub's callbacks as Standard Webhooks (https://www.standardwebhooks.com) prescribe,
 * with the official `standardwebhooks` package: the `webhook-signature` (HMAC-SHA256 of
 * `{webhook-id}.{webhook-timestamp}.{body}`, keyed by the hub's `WEBHOOK_SECRET`, `whsec_...`)
 * must match, and `webhook-timestamp` must be within five minutes of now.
 */
export class HubWebhookVerifier {
  private readonly webhook: Webhook;

  /** `secret`: the hub's WEBHOOK_SECRET (`whsec_<base64>`). */
  constructor(secret: string) {
    this.webhook = new Webhook(secret);
  }

  /**
   * The verified synchronize event. `body` must be the raw body as received (not re-serialized
   * JSON). Throws WebhookVerificationError for a missing or wrong signature, a stale timestamp, or
   * a body that is not a synchronize event. `webhook-id` is the same on every retry of a delivery:
   * use it to process each event once.
   */
  verifySynchronizeCallback(
    body: string | Buffer,
    headers: ReceivedHeaders,
  ): SynchronizationCompletedEvent & { readonly webhookId: string } {
    return this.verify(body, headers, isSynchronizationCompleted, 'SYNCHRONIZATION_COMPLETED');
  }

  /**
   * The verified web-form event (`process.completed`), checked as `verifySynchronizeCallback`
   * checks its own.
   */
  verifyProcessCallback(
    body: string | Buffer,
    headers: ReceivedHeaders,
  ): ProcessCompletedEvent & { readonly webhookId: string } {
    return this.verify(body, headers, isProcessCompleted, 'process.completed');
  }

  private verify<T>(
    body: string | Buffer,
    headers: ReceivedHeaders,
    is: (value: unknown) => value is T,
    type: string,
  ): T & { readonly webhookId: string } {
    const flat = headersOf(headers);
    const payload = this.webhook.verify(body, flat);
    if (!is(payload)) throw new WebhookVerificationError(`Not a ${type} event`);
    return { ...payload, webhookId: flat['webhook-id'] };
  }
}

function headersOf(headers: ReceivedHeaders): Record<WebhookHeaderName, string> {
  const read = (name: WebhookHeaderName): string => {
    if (typeof headers.get === 'function') return (headers.get as (n: string) => string | null)(name) ?? '';
    const value = (headers as Readonly<Record<string, string | readonly string[] | undefined>>)[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  return {
    'webhook-id': read('webhook-id'),
    'webhook-timestamp': read('webhook-timestamp'),
    'webhook-signature': read('webhook-signature'),
  };
}

const isUuidOrNull = (x: unknown): boolean => x === null || typeof x === 'string';

function isSynchronizationCompleted(value: unknown): value is SynchronizationCompletedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.type === 'SYNCHRONIZATION_COMPLETED' &&
    typeof v.jobId === 'string' &&
    typeof v.userId === 'string' &&
    isUuidOrNull(v.caseId) &&
    isUuidOrNull(v.reportId) &&
    (v.status === 'SUCCESSFUL' || v.status === 'FAILED')
  );
}

function isProcessCompleted(value: unknown): value is ProcessCompletedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.type === 'process.completed' &&
    typeof v.processId === 'string' &&
    typeof v.userId === 'string' &&
    v.status === 'COMPLETED' &&
    Array.isArray(v.dataSourceIds) &&
    v.dataSourceIds.every((id) => typeof id === 'string')
  );
}
