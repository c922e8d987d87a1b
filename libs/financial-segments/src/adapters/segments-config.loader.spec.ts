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
      { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOW_PRIVATE: 'maybe' },
      'test',
      'WEBHOOK_ALLOW_PRIVATE must be on or off (or true/false, yes/no, 1/0)',
    ],
    [{ SEGMENTS_BASE_CURRENCY: 'usd' }, 'test', 'SEGMENTS_BASE_CURRENCY must be an ISO 4217 code'],
    [{ SEGMENTS_BASE_CURRENCY: 'ABC' }, 'test', 'SEGMENTS_BASE_CURRENCY must be an ISO 4217 code'],
    [{ PROCESS_TOKEN_TTL: '30 minutes' }, 'test', 'PROCESS_TOKEN_TTL must be a duration like 1800, 30m'],
    [{ PROCESS_TOKEN_TTL: '59' }, 'test', 'PROCESS_TOKEN_TTL must be a duration'],
    [{ SEGMENTS_WEB_FORM_BASE_URL: 'ftp://x' }, 'test', 'SEGMENTS_WEB_FORM_BASE_URL must be an http(s) URL'],
  ])('stops on %p (%s) naming the variable', (env, nodeEnv, message) => {
    expect(() => loadSegmentsConfig(env, nodeEnv, () => SECRET)).toThrow(message);
  });

  it('reads the process token TTL in seconds or with a unit (default 30 minutes), and the web form URL', () => {
    const ttl = (value?: string) =>
      loadSegmentsConfig(value === undefined ? {} : { PROCESS_TOKEN_TTL: value }, 'test', () => SECRET)
        .processTokenTtlMs;
    expect(ttl()).toBe(30 * 60_000);
    expect(ttl('30m')).toBe(30 * 60_000);
    expect(ttl('900')).toBe(900_000);
    expect(ttl('90s')).toBe(90_000);
    expect(ttl('2h')).toBe(7_200_000);
    expect(ttl('1d')).toBe(86_400_000);
    const base = (value: string) =>
      loadSegmentsConfig({ SEGMENTS_WEB_FORM_BASE_URL: value }, 'test', () => SECRET).webFormBaseUrl;
    expect(base('https://hub.bank.example/')).toBe('https://hub.bank.example');
    expect(base('https://bank.example/hub/')).toBe('https://bank.example/hub');
    expect(loadSegmentsConfig({}, 'test', () => SECRET).webFormBaseUrl).toBeNull();
  });

  it('makes a secret up outside production', () => {
    expect(loadSegmentsConfig({}, 'development', () => SECRET).webhookSecretGenerated).toBe(true);
  });
});
