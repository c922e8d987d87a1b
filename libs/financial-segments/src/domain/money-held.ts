import { dec, sum, toFixed, type Decimal } from '@hub/shared-kernel';
import { BALANCE_ACCOUNT_TYPES, type CaseAccount } from './income.types';

/** A rate in force: units of the base currency for one unit of `currency`, from `date` on. */
export interface FxRate {
  readonly currency: string;
  /** Decimal string, > 0. */
  readonly rate: string;
  /** `YYYY-MM-DD`: the rate applies from this day until a later one is given. */
  readonly date: string;
}

/** The bank's FX table as it stood when a report was built: the latest rate of each currency. */
export interface FxTable {
  readonly baseCurrency: string;
  readonly rates: readonly FxRate[];
}

export interface CurrencyBalance {
  readonly currency: string;
  /** Current, savings and term-deposit balances in this currency. */
  readonly balance: string;
  /** The rate used (`"1"` for the base currency); null when the table has none. */
  readonly rate: string | null;
  readonly rateDate: string | null;
  /** In the base currency (2 decimals, half-up); null without a rate. */
  readonly inBaseCurrency: string | null;
}

export interface MoneyHeld {
  readonly baseCurrency: string;
  /** Every currency the user holds money in, alphabetical. */
  readonly byCurrency: CurrencyBalance[];
  /** The sum of the converted balances, in the base currency. */
  readonly totalInBaseCurrency: string;
  /** Currencies left out of a total for want of a rate: named, never silently dropped. */
  readonly missingRates: string[];
}

/**
 * Money held (current, savings and term deposits) per currency, converted into the base
 * currency with the FX table, and `totalBalance` in the report currency: every balance converted
 * through the base currency (`balance * rate(c) / rate(report)`, 2 decimals half-up per
 * currency). A currency without a rate, or every other currency when the report currency has
 * none, is left out of the totals and listed in `missingRates`.
 */
export function moneyHeld(
  accounts: readonly CaseAccount[],
  reportCurrency: string,
  fx: FxTable,
): { moneyHeld: MoneyHeld; totalBalance: string } {
  const perCurrency = new Map<string, Decimal>();
  for (const a of accounts) {
    if (!BALANCE_ACCOUNT_TYPES.includes(a.type)) continue;
    perCurrency.set(a.currency, (perCurrency.get(a.currency) ?? dec(0)).plus(a.balance));
  }
  const rateOf = (currency: string): FxRate | null =>
    currency === fx.baseCurrency
      ? { currency, rate: '1', date: '' }
      : (fx.rates.find((r) => r.currency === currency) ?? null);

  const missing = new Set<string>();
  const byCurrency: CurrencyBalance[] = [...perCurrency.keys()].sort().map((currency) => {
    const balance = perCurrency.get(currency) as Decimal;
    const rate = rateOf(currency);
    if (rate === null) missing.add(currency);
    return {
      currency,
      balance: toFixed(balance),
      rate: rate?.rate ?? null,
      rateDate: rate === null || currency === fx.baseCurrency ? null : rate.date,
      inBaseCurrency: rate === null ? null : toFixed(balance.times(rate.rate)),
    };
  });

  const reportRate = rateOf(reportCurrency);
  const inReportCurrency: Decimal[] = [];
  for (const [currency, balance] of perCurrency) {
    if (currency === reportCurrency) {
      inReportCurrency.push(balance);
      continue;
    }
    const rate = rateOf(currency);
    if (rate === null || reportRate === null) {
      missing.add(rate === null ? currency : reportCurrency);
      continue;
    }
    inReportCurrency.push(dec(toFixed(balance.times(rate.rate).dividedBy(reportRate.rate))));
  }
  return {
    moneyHeld: {
      baseCurrency: fx.baseCurrency,
      byCurrency,
      totalInBaseCurrency: toFixed(
        sum(byCurrency.flatMap((b) => (b.inBaseCurrency ? [b.inBaseCurrency] : []))),
      ),
      missingRates: [...missing].sort(),
    },
    totalBalance: toFixed(sum(inReportCurrency)),
  };
}
