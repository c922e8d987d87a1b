import { resolve } from 'node:path';
import { ConfigError } from '@hub/platform';
import { loadCardExportConfig } from './card-export-config.loader';

describe('card export settings', () => {
  it('defaults: no schedule, no directory, CSV, 31 days of catch-up', () => {
    expect(loadCardExportConfig({})).toEqual({ cron: null, directory: null, format: 'csv', catchUpDays: 31 });
    expect(loadCardExportConfig({ CARD_EXPORT_CRON: 'off' }).cron).toBeNull();
  });

  it('reads a schedule with its directory (made absolute), the format and the window', () => {
    expect(
      loadCardExportConfig({
        CARD_EXPORT_CRON: '15 0 * * *',
        CARD_EXPORT_DIR: 'exports',
        CARD_EXPORT_FORMAT: 'ndjson',
        CARD_EXPORT_CATCH_UP_DAYS: '7',
      }),
    ).toEqual({ cron: '15 0 * * *', directory: resolve('exports'), format: 'ndjson', catchUpDays: 7 });
  });

  it.each([
    [{ CARD_EXPORT_CRON: '15 0 * * *' }, 'CARD_EXPORT_DIR'],
    [{ CARD_EXPORT_CRON: 'daily', CARD_EXPORT_DIR: '/x' }, 'CARD_EXPORT_CRON'],
    [{ CARD_EXPORT_CRON: '1 2 3', CARD_EXPORT_DIR: '/x' }, 'CARD_EXPORT_CRON'],
    [{ CARD_EXPORT_FORMAT: 'xlsx' }, 'CARD_EXPORT_FORMAT'],
    [{ CARD_EXPORT_CATCH_UP_DAYS: '0' }, 'CARD_EXPORT_CATCH_UP_DAYS'],
    [{ CARD_EXPORT_CATCH_UP_DAYS: 'many' }, 'CARD_EXPORT_CATCH_UP_DAYS'],
  ])('refuses %p, naming %s', (env, variable) => {
    expect(() => loadCardExportConfig(env)).toThrow(ConfigError);
    expect(() => loadCardExportConfig(env)).toThrow(variable);
  });
});
