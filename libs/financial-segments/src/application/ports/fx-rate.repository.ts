import type { FxRate } from '../../domain/money-held';

/** The bank's FX table: dated rates into a base currency. */
export abstract class FxRateRepository {
  /** Inserts or replaces each (currency, date) rate in one transaction; returns how many. */
  abstract upsert(baseCurrency: string, rates: readonly FxRate[]): Promise<number>;
  /** The latest rate of each currency dated on or before `date` (`YYYY-MM-DD`), by currency. */
  abstract inForce(baseCurrency: string, date: string): Promise<FxRate[]>;
}
