import { loadSegmentsConfig } from './segments-config.loader';

const SECRET = 'whsec_' + Buffer.alloc(32, 9).toString('base64');

describe('loadSegmentsConfig', () => {
  it('reads the webhook settings with their defaults', () => {
    const c = loadSegmentsConfig({ WEBHOOK_SECRET: SECRET }, 'production', () => '');
    expect(c.retry).toMatchObject({ baseMs: 5000, maxAttempts: 8 });
    expect(c.allowPrivateCallbacks).toBe(false);
    expect(c.baseCurrency).toBe('VND');
    expect(loadSegmentsConfig({ SEGMENTS_BASE_CURRENCY: 'USD' }, 'test', () => SECRET).baseCurrency).toBe(
      'USD',
    );
  });

  it.each([
    [{}, 'production', 'WEBHOOK_SECRET is missing'],
    [{ WEBHOOK_SECRET: 'plain' }, 'test', 'WEBHOOK_SECRET must start with whsec_'],
    [
      { WEBHOOK_SECRET: SECRET, WEBHOOK_MAX_ATTEMPTS: '0' },
      'test',
      'WEBHOOK_MAX_ATTEMPTS must be an integer',
    ],
    [
      { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOW_PRIVATE: 'yes' },
      'test',
      'WEBHOOK_ALLOW_PRIVATE must be true or false',
    ],
    [{ SEGMENTS_BASE_CURRENCY: 'usd' }, 'test', 'SEGMENTS_BASE_CURRENCY must be an ISO 4217 code'],
  ])('stops on %p (%s) naming the variable', (env, nodeEnv, message) => {
    expect(() => loadSegmentsConfig(env, nodeEnv, () => SECRET)).toThrow(message);
  });

  it('makes a secret up outside production', () => {
    expect(loadSegmentsConfig({}, 'development', () => SECRET).webhookSecretGenerated).toBe(true);
  });
});
