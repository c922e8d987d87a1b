import { isAbsolute, resolve } from 'node:path';
import { AppConfig, ConfigError } from '@hub/platform';
import { CardExportConfig } from '../application/card-export-config';
import { EXPORT_FORMATS, type ExportFormat } from '../domain/customer-record';

/** The module's variables, validated once from the app's environment (a bad one stops the app, naming it). */
export function cardExportConfigFrom(app: AppConfig): CardExportConfig {
  return loadCardExportConfig(app.env);
}

const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;

export function loadCardExportConfig(env: Readonly<Record<string, string | undefined>>): CardExportConfig {
  const rawCron = env.CARD_EXPORT_CRON?.trim() ?? '';
  const cron = rawCron === '' || rawCron.toLowerCase() === 'off' ? null : rawCron;
  if (cron !== null) {
    const fields = cron.split(/\s+/);
    if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw new ConfigError(
        'CARD_EXPORT_CRON',
        `must be a cron expression such as "15 0 * * *" or off (got "${cron}")`,
      );
    }
  }
  const rawDir = env.CARD_EXPORT_DIR?.trim() ?? '';
  const directory = rawDir === '' ? null : isAbsolute(rawDir) ? rawDir : resolve(rawDir);
  if (cron !== null && directory === null) {
    throw new ConfigError('CARD_EXPORT_DIR', 'is required when CARD_EXPORT_CRON is set');
  }
  const format = (env.CARD_EXPORT_FORMAT?.trim() || 'csv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ConfigError('CARD_EXPORT_FORMAT', `must be csv or ndjson (got "${format}")`);
  }
  const rawDays = env.CARD_EXPORT_CATCH_UP_DAYS?.trim() || '31';
  if (!/^\d+$/.test(rawDays) || Number(rawDays) < 1 || Number(rawDays) > 366) {
    throw new ConfigError('CARD_EXPORT_CATCH_UP_DAYS', `must be an integer from 1 to 366 (got "${rawDays}")`);
  }
  return { cron, directory, format, catchUpDays: Number(rawDays) };
}
