import { AppConfig, ConfigError, readEnv, type Environment } from '@hub/platform';
import { DEFAULT_CRM_CONFIG, type CrmConfig } from '../../application/crm-config';

const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;
/** Five cron fields of digits, `*`, `/`, `,` and `-` (pg-boss checks the rest when it schedules). */
const CRON = /^[0-9*/,-]+( [0-9*/,-]+){4}$/;

/** The module's variables, validated once from the app's environment (a bad one stops the app, naming it). */
export function crmConfigFrom(app: AppConfig): CrmConfig {
  return loadCrmConfig(app.env);
}

export function loadCrmConfig(env: Environment): CrmConfig {
  const read = readEnv(env);
  const classificationCheck = read.oneOf('CRM_CLASSIFICATION_CHECK', ['enforce', 'off'] as const, 'enforce', {
    ignoreCase: true,
  });
  // 0 turns the stale-record job off.
  const staleAfterDays = read.integer('CRM_STALE_AFTER_DAYS', DEFAULT_CRM_CONFIG.staleAfterDays, 0, 36_500);
  const cron = read.text('CRM_STALE_CRON')?.replace(/\s+/g, ' ') ?? DEFAULT_CRM_CONFIG.staleCron;
  if (!CRON.test(cron)) throw read.invalid('CRM_STALE_CRON', 'must be a five-field cron expression', cron);
  return {
    classificationCheck,
    staleAfterDays,
    staleCron: cron,
    products: codes(env, 'CRM_PRODUCTS', DEFAULT_CRM_CONFIG.products),
    channels: codes(env, 'CRM_CHANNELS', DEFAULT_CRM_CONFIG.channels),
  };
}

function codes(env: Environment, name: string, fallback: readonly string[]): readonly string[] {
  const raw = readEnv(env).text(name);
  if (raw === null) return fallback;
  const list = raw.split(',').map((c) => c.trim());
  const bad = list.filter((c) => !CODE.test(c));
  if (bad.length) {
    throw new ConfigError(name, `must be comma-separated UPPER_SNAKE codes (not "${bad.join('", "')}")`);
  }
  if (new Set(list).size !== list.length) throw new ConfigError(name, 'lists a code twice');
  return list;
}
