/** The module's queues on the platform's job queue (pg-boss). */
export const SYNCHRONIZE_QUEUE = 'seg-synchronize';
export const WEBHOOK_QUEUE = 'seg-webhook-delivery';

export interface SynchronizeJobData {
  readonly jobId: string;
}

export interface WebhookJobData {
  readonly deliveryId: string;
  /** A redelivery asked for by the bank: one attempt, no automatic retries. */
  readonly redelivery?: boolean;
}

/** The schema the platform's job queue keeps its tables in (pg-boss's `job` and `archive`). */
export const JOB_QUEUE_SCHEMA = 'pgboss';
