import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix
 * seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed
 * by the bytes of a `whsec_<base64>` secret.
 */
export const SECRET_PREFIX = 'whsec_';

export interface WebhookHeaders extends Readonly<Record<string, string>> {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export class WebhookSecretError extends Error {}

export class WebhookVerificationError extends Error {}

/** The key bytes of a `whsec_<base64>` secret (at least 16 bytes). */
export function parseWebhookSecret(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new WebhookSecretError(`must start with ${SECRET_PREFIX}`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded))
    throw new WebhookSecretError('must be base64 after the prefix');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) throw new WebhookSecretError('must hold at least 16 bytes of key');
  return key;
}

export function signatureOf(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

/** The three headers for one delivery attempt; `timestamp` is the attempt's time in Unix seconds. */
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureOf(key, id, timestamp, body),
  };
}

/**
 * Checks a received webhook as a receiver should: one of the space-separated `v1,` signatures
 * matches (compared in constant time) and the timestamp is within `toleranceSeconds` of `now`.
 * Throws WebhookVerificationError otherwise.
 */
export function verifyWebhook(
  key: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): { id: string; timestamp: number } {
  const id = single(headers['webhook-id']);
  const rawTimestamp = single(headers['webhook-timestamp']);
  const signatures = single(headers['webhook-signature']);
  if (!id || !rawTimestamp || !signatures) throw new WebhookVerificationError('missing webhook headers');
  if (!/^\d+$/.test(rawTimestamp)) throw new WebhookVerificationError('bad timestamp');
  const timestamp = Number(rawTimestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    throw new WebhookVerificationError('timestamp outside tolerance');
  const expected = Buffer.from(signatureOf(key, id, timestamp, body).slice(3), 'base64');
  const match = signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!match) throw new WebhookVerificationError('no matching signature');
  return { id, timestamp };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
