import { AppConfig, ConfigError } from '@hub/platform';
import { DEFAULT_CRM_CONFIG, type CrmConfig } from '../../application/crm-config';

const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;
/** Five cron fields of digits, `*`, `/`, `,` and `-` (pg-boss checks the rest when it schedules). */
const CRON = /^[0-9*/,-]+( [0-9*/,-]+){4}$/;

/** The module's variables, validated once from the app's environment (a bad one stops the app, naming it). */
export function crmConfigFrom(app: AppConfig): CrmConfig {
  return loadCrmConfig(app.env);
}

export function loadCrmConfig(env: Readonly<Record<string, string | undefined>>): CrmConfig {
  const check = env.CRM_CLASSIFICATION_CHECK?.trim().toLowerCase() || 'enforce';
  if (check !== 'enforce' && check !== 'off') {
    throw new ConfigError('CRM_CLASSIFICATION_CHECK', `must be enforce or off (got "${check}")`);
  }
  const days = env.CRM_STALE_AFTER_DAYS?.trim() || String(DEFAULT_CRM_CONFIG.staleAfterDays);
  if (!/^\d{1,5}$/.test(days) || Number(days) > 36_500) {
    throw new ConfigError('CRM_STALE_AFTER_DAYS', `must be an integer from 0 (off) to 36500 (got "${days}")`);
  }
  const cron = env.CRM_STALE_CRON?.trim().replace(/\s+/g, ' ') || DEFAULT_CRM_CONFIG.staleCron;
  if (!CRON.test(cron))
    throw new ConfigError('CRM_STALE_CRON', `must be a five-field cron expression (got "${cron}")`);
  return {
    classificationCheck: check,
    staleAfterDays: Number(days),
    staleCron: cron,
    products: codes(env, 'CRM_PRODUCTS', DEFAULT_CRM_CONFIG.products),
    channels: codes(env, 'CRM_CHANNELS', DEFAULT_CRM_CONFIG.channels),
  };
}

function codes(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: readonly string[],
): readonly string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const list = raw.split(',').map((c) => c.trim());
  const bad = list.filter((c) => !CODE.test(c));
  if (bad.length) {
    throw new ConfigError(name, `must be comma-separated UPPER_SNAKE codes (not "${bad.join('", "')}")`);
  }
  if (new Set(list).size !== list.length) throw new ConfigError(name, 'lists a code twice');
  return list;
}
