import { isAbsolute, resolve } from 'node:path';
import { AppConfig, ConfigError, readEnv, type Environment } from '@hub/platform';
import { CardExportConfig } from '../application/card-export-config';
import { EXPORT_FORMATS, type ExportFormat } from '../domain/customer-views';

/** The module's variables, validated once from the app's environment (a bad one stops the app, naming it). */
export function cardExportConfigFrom(app: AppConfig): CardExportConfig {
  return loadCardExportConfig(app.env);
}

const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;

export function loadCardExportConfig(env: Environment): CardExportConfig {
  const read = readEnv(env);
  const rawCron = read.text('CARD_EXPORT_CRON');
  const cron = rawCron === null || rawCron.toLowerCase() === 'off' ? null : rawCron;
  if (cron !== null) {
    const fields = cron.split(/\s+/);
    if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw new ConfigError(
        'CARD_EXPORT_CRON',
        `must be a cron expression such as "15 0 * * *" or off (got "${cron}")`,
      );
    }
  }
  const rawDir = read.text('CARD_EXPORT_DIR');
  const directory = rawDir === null ? null : isAbsolute(rawDir) ? rawDir : resolve(rawDir);
  if (cron !== null && directory === null) {
    throw new ConfigError('CARD_EXPORT_DIR', 'is required when CARD_EXPORT_CRON is set');
  }
  const format = read.oneOf<ExportFormat>('CARD_EXPORT_FORMAT', EXPORT_FORMATS, 'csv');
  const catchUpDays = read.integer('CARD_EXPORT_CATCH_UP_DAYS', 31, 1, 366);
  return { cron, directory, format, catchUpDays };
}
