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

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Formats with a fixed number of decimals, half-up. */
export function toFixed(value: DecimalString | Decimal, scale = 2): DecimalString {
  // A decimal string that needs no rounding is padded as text (a feed normalises millions of
  // amounts): the same result as Decimal's, leading zeros and the sign of zero dropped.
  if (typeof value === 'string') {
    const m = PLAIN_DECIMAL.exec(value);
    if (m && (m[3] ?? '').length <= scale) {
      const integer = m[2].replace(/^0+(?=\d)/, '');
      const fraction = (m[3] ?? '').padEnd(scale, '0');
      const zero = integer === '0' && !/[1-9]/.test(fraction);
      return `${zero ? '' : m[1]}${integer}${scale > 0 ? `.${fraction}` : ''}`;
    }
  }
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
