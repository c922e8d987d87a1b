import {
  type WebhookRequest,
  type WebhookResponse,
  WebhookSender,
} from '../application/ports/webhook-sender';

/** Answers from a script (the last answer repeats) and remembers every request. */
export class ScriptedWebhookSender extends WebhookSender {
  readonly requests: WebhookRequest[] = [];

  constructor(private readonly script: WebhookResponse[]) {
    super();
  }

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    this.requests.push(request);
    return this.script[Math.min(this.requests.length - 1, this.script.length - 1)];
  }
}
