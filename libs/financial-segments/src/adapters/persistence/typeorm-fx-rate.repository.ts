import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@hub/platform';
import type { FxRate } from '../../domain/money-held';
import { FxRateRepository } from '../../application/ports/fx-rate.repository';
import { execute } from './sql';

@Injectable()
export class TypeormFxRateRepository extends FxRateRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async upsert(baseCurrency: string, rates: readonly FxRate[]): Promise<number> {
    if (rates.length === 0) return 0;
    return inTransaction(this.dataSource, async (m) => {
      const { affected } = await execute(
        m,
        `INSERT INTO seg_fx_rates (base_currency, currency, rate_date, rate)
         SELECT $1, r.currency, r.rate_date, r.rate
         FROM unnest($2::text[], $3::date[], $4::numeric[]) AS r(currency, rate_date, rate)
         ORDER BY r.currency, r.rate_date
         ON CONFLICT (base_currency, currency, rate_date) DO UPDATE SET rate = EXCLUDED.rate, updated_at = now()`,
        [baseCurrency, rates.map((r) => r.currency), rates.map((r) => r.date), rates.map((r) => r.rate)],
      );
      return affected;
    });
  }

  async inForce(baseCurrency: string, date: string): Promise<FxRate[]> {
    const rows: { currency: string; rate: string; rate_date: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (currency) currency, rate::text AS rate, to_char(rate_date, 'YYYY-MM-DD') AS rate_date
       FROM seg_fx_rates WHERE base_currency = $1 AND rate_date <= $2::date
       ORDER BY currency, rate_date DESC`,
      [baseCurrency, date],
    );
    return rows.map((r) => ({ currency: r.currency, rate: normalizeRate(r.rate), date: r.rate_date }));
  }
}

/** `25400.0000000000` -> `25400`, `0.0000393700` -> `0.00003937`. */
function normalizeRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}
