/** The bank's default catalogue: what combo-create accepts as `product` and `channel`. */
export const DEFAULT_PRODUCTS = [
  'CASA',
  'CREDIT_CARD',
  'DEBIT_CARD',
  'UNSECURED_LOAN',
  'SECURED_LOAN',
  'MORTGAGE',
  'OVERDRAFT',
  'TERM_DEPOSIT',
  'INSURANCE',
  'INVESTMENT',
] as const;

export const DEFAULT_CHANNELS = ['MOBILE_APP', 'WEB', 'BRANCH', 'CALL_CENTER', 'PARTNER'] as const;

/** The CRM module's settings, read once from the environment (see the config loader). Also the DI token. */
export abstract class CrmConfig {
  /** `enforce`: combo-create checks NTB/ETB against the ODS; `off`: it trusts the caller. */
  abstract readonly classificationCheck: 'enforce' | 'off';
  /** Open records untouched this many days are closed EXPIRED by the daily job; 0 = never. */
  abstract readonly staleAfterDays: number;
  /** When the stale-record job runs (cron, UTC). */
  abstract readonly staleCron: string;
  abstract readonly products: readonly string[];
  abstract readonly channels: readonly string[];
}

/** The defaults, for tests that build the service by hand. */
export const DEFAULT_CRM_CONFIG: CrmConfig = {
  classificationCheck: 'enforce',
  staleAfterDays: 90,
  staleCron: '0 2 * * *',
  products: DEFAULT_PRODUCTS,
  channels: DEFAULT_CHANNELS,
};
