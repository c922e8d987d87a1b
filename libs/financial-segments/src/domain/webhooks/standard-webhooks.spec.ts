import { createHmac } from 'node:crypto';
import {
  parseWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookSecretError,
  WebhookVerificationError,
} from './standard-webhooks';

// The Standard Webhooks reference test vector.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('Standard Webhooks signer', () => {
  const key = parseWebhookSecret(SECRET);

  it('matches the reference signature', () => {
    expect(signWebhook(key, ID, TIMESTAMP, BODY)).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': String(TIMESTAMP),
      'webhook-signature': EXPECTED,
    });
  });

  it('is the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed by the decoded secret', () => {
    const raw = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', raw).update(`${ID}.${TIMESTAMP}.${BODY}`).digest('base64');
    expect(signWebhook(key, ID, TIMESTAMP, BODY)['webhook-signature']).toBe(`v1,${mac}`);
  });

  it.each(['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_not base64!', 'whsec_c2hvcnQ='])(
    'refuses the secret %p',
    (secret) => {
      expect(() => parseWebhookSecret(secret)).toThrow(WebhookSecretError);
    },
  );
});

describe('Standard Webhooks verifier', () => {
  const key = parseWebhookSecret(SECRET);
  const headers = signWebhook(key, ID, TIMESTAMP, BODY);

  it('accepts a genuine webhook within the tolerance', () => {
    expect(verifyWebhook(key, headers, BODY, TIMESTAMP + 299)).toEqual({ id: ID, timestamp: TIMESTAMP });
  });

  it('accepts when one of several signatures matches (key rotation)', () => {
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(() => verifyWebhook(key, rotated, BODY, TIMESTAMP)).not.toThrow();
  });

  it.each([
    ['a changed body', headers, '{"test": 2432232315}', TIMESTAMP],
    ['a changed id', { ...headers, 'webhook-id': 'msg_other' }, BODY, TIMESTAMP],
    ['a changed timestamp', { ...headers, 'webhook-timestamp': String(TIMESTAMP + 1) }, BODY, TIMESTAMP],
    ['an old timestamp', headers, BODY, TIMESTAMP + 301],
    [
      'another key',
      signWebhook(parseWebhookSecret('whsec_' + Buffer.alloc(32, 7).toString('base64')), ID, TIMESTAMP, BODY),
      BODY,
      TIMESTAMP,
    ],
    ['missing headers', { 'webhook-id': ID }, BODY, TIMESTAMP],
    [
      'an unknown version',
      { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') },
      BODY,
      TIMESTAMP,
    ],
  ] as const)('refuses %s', (_label, h, body, now) => {
    expect(() => verifyWebhook(key, h as Record<string, string>, body, now)).toThrow(
      WebhookVerificationError,
    );
  });
});
