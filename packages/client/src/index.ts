export {
  createHubClient,
  idempotencyKey,
  withIdempotencyKey,
  type HubClient,
  type HubClientOptions,
  type HubError,
  type Schemas,
  type TokenSource,
} from './client';
export {
  HubWebhookVerifier,
  Webhook,
  WebhookVerificationError,
  type HubWebhookName,
  type HubWebhookPayload,
  type ProcessCompletedEvent,
  type ReceivedHeaders,
  type SynchronizationCompletedEvent,
} from './webhooks';
export type { components, operations, paths, webhooks } from './schema';
