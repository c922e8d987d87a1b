import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { Webhook, WebhookVerificationError };

/**
 * The body of the synchronize callback (`POST` to the `callbackUrl` given to
 * `/financial-segments/v1/users/{userId}/synchronize`), sent when the job has finished.
 */
export interface SynchronizationCompletedEvent {
  readonly type: 'SYNCHRONIZATION_COMPLETED';
  readonly jobId: string;
  readonly userId: string;
  /** null when the job failed */
  readonly caseId: string | null;
  /** The income report; null when the job failed */
  readonly reportId: string | null;
  readonly status: 'SUCCESSFUL' | 'FAILED';
}

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
    const flat = headersOf(headers);
    const payload = this.webhook.verify(body, flat);
    if (!isSynchronizationCompleted(payload))
      throw new WebhookVerificationError('Not a SYNCHRONIZATION_COMPLETED event');
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

function isSynchronizationCompleted(value: unknown): value is SynchronizationCompletedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const idOrNull = (x: unknown) => x === null || typeof x === 'string';
  return (
    v.type === 'SYNCHRONIZATION_COMPLETED' &&
    typeof v.jobId === 'string' &&
    typeof v.userId === 'string' &&
    idOrNull(v.caseId) &&
    idOrNull(v.reportId) &&
    (v.status === 'SUCCESSFUL' || v.status === 'FAILED')
  );
}
