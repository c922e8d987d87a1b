import { FixedClock } from '@hub/shared-kernel/testing';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { loadSegmentsConfig } from '../adapters/segments-config.loader';
import { verifyWebhook } from '../domain/webhooks/standard-webhooks';
import { InMemoryWebhookDeliveryRepository } from '../testing/in-memory-webhook-delivery.repository';
import { ScriptedWebhookSender } from '../testing/scripted-webhook-sender';

const SECRET = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
const config = loadSegmentsConfig(
  { WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '3' },
  'test',
  () => '',
);
const BODY = '{"type":"SYNCHRONIZATION_COMPLETED","jobId":"j1"}';

function setup(script: ConstructorParameters<typeof ScriptedWebhookSender>[0]) {
  const repo = new InMemoryWebhookDeliveryRepository();
  repo.add({ id: 'msg_1', url: 'https://hooks.example/cb', body: BODY });
  const sender = new ScriptedWebhookSender(script);
  const clock = new FixedClock('2026-11-21T10:00:00Z');
  return { repo, sender, clock, service: new WebhookDeliveryService(repo, sender, config, clock) };
}

describe('WebhookDeliveryService', () => {
  it('signs each attempt with the same id and a verifiable signature, and retries after a 500', async () => {
    const { repo, sender, clock, service } = setup([
      { statusCode: 500, error: null },
      { statusCode: 204, error: null },
    ]);
    const times = [new Date('2026-11-21T10:00:00Z'), new Date('2026-11-21T10:00:03Z')];
    clock.set(times[0]);
    expect(await service.attempt('msg_1', {}, () => 0)).toBe('PENDING');
    expect(repo.scheduled).toEqual([{ deliveryId: 'msg_1', delayMs: 500 }]);
    clock.set(times[1]);
    expect(await service.attempt('msg_1')).toBe('DELIVERED');

    expect(sender.requests.map((r) => r.headers['webhook-id'])).toEqual(['msg_1', 'msg_1']);
    expect(sender.requests.map((r) => r.headers['webhook-timestamp'])).toEqual(['1795255200', '1795255203']);
    sender.requests.forEach((r, i) => {
      expect(r.body).toBe(BODY);
      expect(() =>
        verifyWebhook(config.webhookKey, r.headers, r.body, Math.floor(times[i].getTime() / 1000)),
      ).not.toThrow();
    });
    const detail = await repo.getWithLog('msg_1');
    expect(detail?.log.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 204],
    ]);
    expect(detail?.status).toBe('DELIVERED');
  });

  it('gives up after the last attempt and lists the delivery as FAILED', async () => {
    const { repo, service } = setup([{ statusCode: null, error: 'timeout after 10000 ms' }]);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await service.attempt('msg_1', {}, () => 0));
    expect(results).toEqual(['PENDING', 'PENDING', 'FAILED']);
    expect(repo.scheduled.map((s) => s.delayMs)).toEqual([500, 1000]);
    expect((await service.list('FAILED', 1, 10)).items.map((d) => [d.id, d.attempts, d.lastError])).toEqual([
      ['msg_1', 3, 'timeout after 10000 ms'],
    ]);
    expect(await service.attempt('msg_1')).toBe('FAILED');
  });

  it('passes the per-attempt time-out and the private-address policy to the sender', async () => {
    const { sender, service } = setup([{ statusCode: 200, error: null }]);
    await service.attempt('msg_1');
    expect(sender.requests[0]).toMatchObject({ timeoutMs: 10_000, allowPrivate: false });
  });

  it('treats a 3xx as a failure (redirects are not followed)', async () => {
    const { service } = setup([{ statusCode: 302, error: null }]);
    expect(await service.attempt('msg_1', {}, () => 0)).toBe('PENDING');
  });

  it('redelivers a given-up delivery once, with the same webhook-id; a failed redelivery is FAILED again', async () => {
    const { repo, sender, service } = setup([
      { statusCode: 500, error: null },
      { statusCode: 500, error: null },
      { statusCode: 500, error: null },
      { statusCode: 503, error: null },
      { statusCode: 204, error: null },
    ]);
    for (let i = 0; i < 3; i++) await service.attempt('msg_1', {}, () => 0);
    expect((await repo.get('msg_1'))?.status).toBe('FAILED');

    expect(await service.redeliver('msg_1')).toMatchObject({ id: 'msg_1', status: 'PENDING' });
    expect(repo.scheduled.at(-1)).toEqual({ deliveryId: 'msg_1', delayMs: 0, redelivery: true });
    await expect(service.redeliver('msg_1')).rejects.toMatchObject({ code: 'WEBHOOK_DELIVERY_PENDING' });
    expect(await service.attempt('msg_1', { singleAttempt: true })).toBe('FAILED');

    await service.redeliver('msg_1');
    expect(await service.attempt('msg_1', { singleAttempt: true })).toBe('DELIVERED');
    expect(sender.requests.map((r) => r.headers['webhook-id'])).toEqual(Array(5).fill('msg_1'));
    expect((await repo.getWithLog('msg_1'))?.log.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
    await expect(service.redeliver('msg_unknown')).rejects.toMatchObject({
      code: 'WEBHOOK_DELIVERY_NOT_FOUND',
    });
  });
});
