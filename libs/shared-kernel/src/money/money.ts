import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for amounts. Amounts travel as decimal strings ("15000000.00"),
 * are stored as numeric(20,2), and are never JavaScript floats.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export type DecimalString = string;

const DECIMAL_PATTERN = /^-?\d{1,18}(\.\d{1,4})?$/;

export function isDecimalString(value: unknown, maxScale = 4): value is DecimalString {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) return false;
  const dot = value.indexOf('.');
  return dot === -1 || value.length - dot - 1 <= maxScale;
}

export function dec(value: DecimalString | number | Decimal): Decimal {
  return new D(value);
}

export function sum(values: Iterable<DecimalString | Decimal>): Decimal {
  let total = new D(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** Formats with a fixed number of decimals, half-up. */
export function toFixed(value: DecimalString | Decimal, scale = 2): DecimalString {
  return new D(value).toFixed(scale, Decimal.ROUND_HALF_UP);
}

export function mean(values: readonly (DecimalString | Decimal)[], scale = 2): DecimalString | null {
  if (values.length === 0) return null;
  return toFixed(sum(values).dividedBy(values.length), scale);
}

export function compare(a: DecimalString | Decimal, b: DecimalString | Decimal): -1 | 0 | 1 {
  return new D(a).comparedTo(b) as -1 | 0 | 1;
}

export type { Decimal };
