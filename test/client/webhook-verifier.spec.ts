import { randomUUID } from 'node:crypto';
import { parseWebhookSecret, signWebhook } from '@hub/financial-segments';
import {
  HubWebhookVerifier,
  WebhookVerificationError,
  type HubWebhookPayload,
  type ProcessCompletedEvent,
  type SynchronizationCompletedEvent,
} from '../../packages/client/src';

/**
 * @hub/client's verifier (the official standardwebhooks package) against the hub's own signer: what
 * the hub sends verifies, what it did not send does not.
 */
const SECRET = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
const KEY = parseWebhookSecret(SECRET);
const now = () => Math.floor(Date.now() / 1000);
// Typed by the contract's generated `webhooks` section: a field the contract drops or renames fails
// `npm run typecheck` here.
const event: SynchronizationCompletedEvent = {
  type: 'SYNCHRONIZATION_COMPLETED',
  jobId: randomUUID(),
  userId: randomUUID(),
  caseId: null,
  reportId: null,
  status: 'FAILED',
};
const processEvent: HubWebhookPayload<'processCompleted'> = {
  type: 'process.completed',
  processId: randomUUID(),
  userId: randomUUID(),
  status: 'COMPLETED',
  dataSourceIds: [randomUUID(), randomUUID()],
};

describe('HubWebhookVerifier', () => {
  const verifier = new HubWebhookVerifier(SECRET);

  it('accepts the hub-signed event from Node headers, array values or a Fetch Headers', () => {
    const body = JSON.stringify(event);
    const headers = signWebhook(KEY, 'msg_1', now(), body);
    expect(verifier.verifySynchronizeCallback(body, headers)).toEqual({ ...event, webhookId: 'msg_1' });
    const arrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    expect(verifier.verifySynchronizeCallback(Buffer.from(body), arrays).jobId).toBe(event.jobId);
    expect(verifier.verifySynchronizeCallback(body, new Headers(headers)).status).toBe('FAILED');
  });

  it('accepts any one matching signature of several (a rotated secret)', () => {
    const body = JSON.stringify(event);
    const headers = signWebhook(KEY, 'msg_2', now(), body);
    const rotated = {
      ...headers,
      'webhook-signature': `v1,${'A'.repeat(44)} ${headers['webhook-signature']}`,
    };
    expect(verifier.verifySynchronizeCallback(body, rotated).webhookId).toBe('msg_2');
  });

  it.each([
    [
      'a stale timestamp',
      (body: string) => signWebhook(KEY, 'msg_3', now() - 600, body),
      JSON.stringify(event),
    ],
    [
      'another secret',
      (body: string) =>
        signWebhook(parseWebhookSecret(`whsec_${Buffer.alloc(24, 1).toString('base64')}`), 'm', now(), body),
      JSON.stringify(event),
    ],
    [
      'no signature',
      () => ({ 'webhook-id': 'msg_4', 'webhook-timestamp': String(now()) }),
      JSON.stringify(event),
    ],
    [
      'a signed body that is not a synchronize event',
      (body: string) => signWebhook(KEY, 'msg_5', now(), body),
      JSON.stringify({ ...event, type: 'SOMETHING_ELSE' }),
    ],
    [
      'a signed event with a bad status',
      (body: string) => signWebhook(KEY, 'msg_6', now(), body),
      JSON.stringify({ ...event, status: 'DONE' }),
    ],
  ])('refuses %s', (_, sign, body) => {
    expect(() => verifier.verifySynchronizeCallback(body, sign(body))).toThrow(WebhookVerificationError);
  });

  it('verifies the web-form callback, and tells the two events apart', () => {
    const body = JSON.stringify(processEvent);
    const headers = signWebhook(KEY, 'msg_8', now(), body);
    const verified: ProcessCompletedEvent & { webhookId: string } = verifier.verifyProcessCallback(
      body,
      headers,
    );
    expect(verified).toEqual({ ...processEvent, webhookId: 'msg_8' });
    expect(() => verifier.verifySynchronizeCallback(body, headers)).toThrow(WebhookVerificationError);
    const sync = JSON.stringify(event);
    expect(() => verifier.verifyProcessCallback(sync, signWebhook(KEY, 'msg_9', now(), sync))).toThrow(
      WebhookVerificationError,
    );
    const badIds = JSON.stringify({ ...processEvent, dataSourceIds: [1] });
    expect(() => verifier.verifyProcessCallback(badIds, signWebhook(KEY, 'msg_10', now(), badIds))).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses a body changed after signing', () => {
    const body = JSON.stringify(event);
    const headers = signWebhook(KEY, 'msg_7', now(), body);
    expect(() => verifier.verifySynchronizeCallback(body.replace('FAILED', 'SUCCESSFUL'), headers)).toThrow(
      WebhookVerificationError,
    );
  });
});
