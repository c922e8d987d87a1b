import { ConfigError, loadConfig } from '@hub/platform';
import { CustomerSummaryConfig } from './customer-summary.config';

const read = (env: Record<string, string>) =>
  CustomerSummaryConfig.fromAppConfig(loadConfig({ NODE_ENV: 'test', ...env }));

describe('CustomerSummaryConfig', () => {
  it('defaults to the stored ODS and a 24-hour freshness limit', () => {
    const config = read({});
    expect(config).toMatchObject({ mode: 'store', staleAfterHours: 24, http: null });
  });

  it('reads the live ODS settings with ODS_MODE=http', () => {
    const config = read({
      ODS_MODE: 'http',
      ODS_BASE_URL: 'https://ods.bank.example/api/',
      ODS_STALE_AFTER_HOURS: '6',
      ODS_TIMEOUT_MS: '500',
      ODS_BEARER_TOKEN: 'secret',
    });
    expect(config.mode).toBe('http');
    expect(config.staleAfterHours).toBe(6);
    expect(config.demoData).toBe(false); // demo data goes to the tables http mode does not read
    expect(config.http).toEqual({
      baseUrl: 'https://ods.bank.example/api',
      timeoutMs: 500,
      retries: 2,
      maxSockets: 32,
      breakerThreshold: 5,
      breakerCooldownMs: 10_000,
      bearerToken: 'secret',
    });
  });

  it.each([
    [{ ODS_MODE: 'live' }, 'ODS_MODE'],
    [{ ODS_MODE: 'http' }, 'ODS_BASE_URL'],
    [{ ODS_MODE: 'http', ODS_BASE_URL: 'ftp://ods' }, 'ODS_BASE_URL'],
    [{ ODS_MODE: 'http', ODS_BASE_URL: 'not a url' }, 'ODS_BASE_URL'],
    [{ ODS_MODE: 'http', ODS_BASE_URL: 'http://127.0.0.1:4010', ODS_TIMEOUT_MS: '0' }, 'ODS_TIMEOUT_MS'],
    [{ ODS_STALE_AFTER_HOURS: '0' }, 'ODS_STALE_AFTER_HOURS'],
    [{ ODS_STALE_AFTER_HOURS: 'a day' }, 'ODS_STALE_AFTER_HOURS'],
  ])('stops the start with a message naming the variable: %p', (env, variable) => {
    expect(() => read(env)).toThrow(ConfigError);
    expect(() => read(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
