export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** False: refuse to connect to a non-public address, whatever DNS says at connection time. */
  readonly allowPrivate: boolean;
  /** Internal networks that are allowed anyway (WEBHOOK_ALLOWED_CIDRS). */
  readonly allowedCidrs?: readonly string[];
}

/** What one attempt came to: an HTTP status, or no answer (`error`: time-out, refused, ...). */
export interface WebhookResponse {
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** Outbound HTTP for callbacks. */
export abstract class WebhookSender {
  abstract post(request: WebhookRequest): Promise<WebhookResponse>;
}
