import { DEFAULT_CRM_CONFIG } from '../../application/crm-config';
import { loadCrmConfig } from './crm-config.loader';

describe('loadCrmConfig', () => {
  it('defaults: enforce, 90 days, the default catalogue', () => {
    expect(loadCrmConfig({})).toEqual(DEFAULT_CRM_CONFIG);
  });

  it('reads the bank catalogue and the settings', () => {
    expect(
      loadCrmConfig({
        CRM_CLASSIFICATION_CHECK: 'OFF',
        CRM_STALE_AFTER_DAYS: '0',
        CRM_STALE_CRON: '30  1 * * *',
        CRM_PRODUCTS: ' CASA , GOLD_CARD ',
        CRM_CHANNELS: 'BRANCH',
      }),
    ).toEqual({
      classificationCheck: 'off',
      staleAfterDays: 0,
      staleCron: '30 1 * * *',
      products: ['CASA', 'GOLD_CARD'],
      channels: ['BRANCH'],
    });
  });

  it.each([
    ['CRM_CLASSIFICATION_CHECK', 'warn'],
    ['CRM_STALE_AFTER_DAYS', '-1'],
    ['CRM_STALE_AFTER_DAYS', '1.5'],
    ['CRM_STALE_CRON', 'daily'],
    ['CRM_PRODUCTS', 'CASA,credit card'],
    ['CRM_PRODUCTS', 'CASA,,MORTGAGE'],
    ['CRM_CHANNELS', 'WEB,WEB'],
  ])('stops the app on %s=%p, naming the variable', (name, value) => {
    expect(() => loadCrmConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });
});
