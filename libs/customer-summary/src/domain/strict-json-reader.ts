import {
  isCalendarDate,
  isDecimalString,
  isStorableText,
  parseDateOrDateTime,
  toFixed,
} from '@hub/shared-kernel';

/**
 * A strict reader of decoded JSON: each method reads one field of an object, checks its JSON type
 * and the kernel's rule for it (storable text, decimal strings, calendar dates, RFC 3339
 * instants), and records an issue with the field's JSON path (never its value, which may be
 * personal data) instead of throwing. Objects refuse unknown fields.
 */
export interface SnapshotIssue {
  readonly path: string;
  readonly issue: string;
}

/** The longest text a field holds unless it says otherwise, and the most items an array holds. */
export const MAX_TEXT = 255;
export const MAX_ITEMS = 500;

export type Json = Record<string, unknown>;

const MINUS = 0x2d;
const ZERO = 0x30;

export class StrictJsonReader {
  readonly issues: SnapshotIssue[] = [];

  fail(path: string, issue: string): null {
    this.issues.push({ path, issue });
    return null;
  }

  object(value: unknown, path: string, allowed: readonly string[]): Json | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.fail(path || '$', 'must be an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(join(path, key), 'unknown field');
    }
    return value as Json;
  }

  present(o: Json, key: string): boolean {
    return o[key] !== undefined && o[key] !== null;
  }

  // Each method below reads its field once and builds the field's path only for an issue: a feed
  // reads millions of fields, nearly all of them valid.

  text(o: Json, key: string, path: string, required: boolean, max = MAX_TEXT): string | null {
    const v = o[key];
    if (v === undefined || v === null) return required ? this.fail(join(path, key), 'is required') : null;
    if (typeof v !== 'string') return this.fail(join(path, key), 'must be a string');
    // Control characters (tab aside) and unpaired surrogates: JSON carries them, PostgreSQL cannot.
    if (!isStorableText(v, 'tab'))
      return this.fail(join(path, key), 'must not contain control characters or invalid Unicode');
    const trimmed = v.trim();
    if (trimmed === '') return required ? this.fail(join(path, key), 'must not be empty') : null;
    if (trimmed.length > max) return this.fail(join(path, key), `must be at most ${max} characters`);
    return trimmed;
  }

  pattern(
    o: Json,
    key: string,
    path: string,
    required: boolean,
    rule: RegExp | ((value: string) => boolean),
    what: string,
  ): string | null {
    const v = this.text(o, key, path, required);
    if (v === null) return null;
    const ok = typeof rule === 'function' ? rule(v) : rule.test(v);
    return ok ? v : this.fail(join(path, key), `must be ${what}`);
  }

  oneOf<T extends string>(
    o: Json,
    key: string,
    path: string,
    required: boolean,
    values: readonly T[],
  ): T | null {
    const v = o[key];
    if (v === undefined || v === null) return required ? this.fail(join(path, key), 'is required') : null;
    return typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : this.fail(join(path, key), `must be one of ${values.join(', ')}`);
  }

  /** A decimal string, normalised to `scale` decimals; amounts refuse a sign unless `signed`. */
  decimal(
    o: Json,
    key: string,
    path: string,
    required: boolean,
    scale: number,
    signed = false,
  ): string | null {
    const v = o[key];
    if (v === undefined || v === null) return required ? this.fail(join(path, key), 'is required') : null;
    if (typeof v !== 'string')
      return this.fail(join(path, key), 'must be a decimal string such as "1500000.00"');
    if (!isDecimalString(v, scale))
      return this.fail(join(path, key), `must be a decimal string with at most ${scale} decimals`);
    // The pattern allows a minus sign in front only.
    const negative = v.charCodeAt(0) === MINUS;
    if (!signed && negative) return this.fail(join(path, key), 'must not be negative');
    // numeric(20, scale) holds 20 - scale integer digits.
    const dot = v.indexOf('.');
    if ((dot === -1 ? v.length : dot) - (negative ? 1 : 0) > 20 - scale)
      return this.fail(join(path, key), 'is too large');
    // Already in normal form (the usual case: exactly `scale` decimals, no sign, no leading zero):
    // toFixed would return it unchanged.
    if (!negative && dot !== -1 && v.length - dot - 1 === scale && (dot === 1 || v.charCodeAt(0) !== ZERO))
      return v;
    return toFixed(v, scale);
  }

  integer(o: Json, key: string, path: string, required: boolean, min: number, max: number): number | null {
    const v = o[key];
    if (v === undefined || v === null) return required ? this.fail(join(path, key), 'is required') : null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.fail(join(path, key), `must be an integer from ${min} to ${max}`);
    }
    return v;
  }

  date(o: Json, key: string, path: string, required: boolean): string | null {
    const v = this.text(o, key, path, required, 10);
    if (v === null) return null;
    return isCalendarDate(v) ? v : this.fail(join(path, key), 'must be a date YYYY-MM-DD');
  }

  /** An RFC 3339 date-time with a time zone, normalised to an ISO 8601 UTC instant (milliseconds). */
  instant(o: Json, key: string, path: string, required: boolean): string | null {
    const v = this.text(o, key, path, required, 40);
    if (v === null) return null;
    // The kernel's one rule for a point in time, a date-time only (a bare date is no instant).
    const instant = isCalendarDate(v) ? null : parseDateOrDateTime(v);
    if (!instant)
      return this.fail(join(path, key), 'must be an RFC 3339 date-time such as 2026-10-31T18:00:00Z');
    return instant.toISOString();
  }

  array(o: Json, key: string, path: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(join(path, key), 'must be an array');
      return [];
    }
    if (v.length > MAX_ITEMS) {
      this.fail(join(path, key), `must hold at most ${MAX_ITEMS} items`);
      return [];
    }
    return v;
  }

  unique(values: readonly (string | null)[], path: string, field: string): void {
    const seen = new Set<string>();
    values.forEach((value, i) => {
      if (value === null) return;
      if (seen.has(value)) this.fail(`${path}[${i}].${field}`, 'is a duplicate within the snapshot');
      seen.add(value);
    });
  }
}

/** The JSON path of `key` in the object at `path`. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
