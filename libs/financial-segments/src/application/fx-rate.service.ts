import { Injectable } from '@nestjs/common';
import { Clock, validationFailed, type FieldIssue } from '@hub/shared-kernel';
import type { FxRate } from '../domain/money-held';
import { FxRateRepository } from './ports/fx-rate.repository';
import { SegmentsConfig } from './segments-config';

/** The FX table the bank maintains: rates into SEGMENTS_BASE_CURRENCY, dated. */
@Injectable()
export class FxRateService {
  constructor(
    private readonly rates: FxRateRepository,
    private readonly config: SegmentsConfig,
    private readonly clock: Clock,
  ) {}

  get baseCurrency(): string {
    return this.config.baseCurrency;
  }

  /** Upserts by (currency, date). A rate for the base currency itself or a repeated pair is refused. */
  async put(rates: readonly FxRate[]): Promise<{ baseCurrency: string; rates: number }> {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    rates.forEach((r, i) => {
      if (r.currency === this.baseCurrency) {
        issues.push({
          field: `rates.${i}.currency`,
          issues: ['notBaseCurrency'],
          message: `currency must not be the base currency ${this.baseCurrency} (its rate is 1)`,
        });
      }
      const key = `${r.currency}|${r.date}`;
      if (seen.has(key)) {
        issues.push({
          field: `rates.${i}`,
          issues: ['unique'],
          message: `a rate for ${r.currency} on ${r.date} is given twice`,
        });
      }
      seen.add(key);
    });
    if (issues.length > 0) throw validationFailed(issues);
    return { baseCurrency: this.baseCurrency, rates: await this.rates.upsert(this.baseCurrency, rates) };
  }

  /** The rates in force on `date` (YYYY-MM-DD), by default today (UTC) by the kernel's clock. */
  async inForce(date?: string): Promise<{ baseCurrency: string; date: string; rates: FxRate[] }> {
    date ??= this.clock.now().toISOString().slice(0, 10);
    return {
      baseCurrency: this.baseCurrency,
      date,
      rates: await this.rates.inForce(this.baseCurrency, date),
    };
  }
}
