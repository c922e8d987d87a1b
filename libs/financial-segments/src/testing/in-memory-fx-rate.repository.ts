import type { FxRate } from '../domain/money-held';
import { FxRateRepository } from '../application/ports/fx-rate.repository';

/** The FX table in an array. */
export class InMemoryFxRateRepository extends FxRateRepository {
  readonly rows: (FxRate & { baseCurrency: string })[] = [];

  async upsert(baseCurrency: string, rates: readonly FxRate[]): Promise<number> {
    for (const r of rates) {
      const i = this.rows.findIndex(
        (x) => x.baseCurrency === baseCurrency && x.currency === r.currency && x.date === r.date,
      );
      if (i >= 0) this.rows.splice(i, 1);
      this.rows.push({ baseCurrency, ...r });
    }
    return rates.length;
  }

  async inForce(baseCurrency: string, date: string): Promise<FxRate[]> {
    const latest = new Map<string, FxRate>();
    for (const r of this.rows) {
      if (r.baseCurrency !== baseCurrency || r.date > date) continue;
      const seen = latest.get(r.currency);
      if (!seen || seen.date < r.date)
        latest.set(r.currency, { currency: r.currency, rate: r.rate, date: r.date });
    }
    return [...latest.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  }
}
