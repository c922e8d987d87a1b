/**
 * ISO 8601 calendar dates (`YYYY-MM-DD`), as `date` columns hold them: the date must exist
 * (no 2023-02-29). Compared as strings, which orders them correctly.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // The proleptic Gregorian calendar (JavaScript's and PostgreSQL's), without a Date per call.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Today's calendar date in UTC for an instant. */
export function utcCalendarDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * RFC 3339 date-time: `2026-01-31T09:30:00Z`, `2026-01-31T16:30:00.123+07:00`. Seconds 00-59 (a
 * leap second has no JavaScript Date), an offset or `Z` required, years 0001-9999.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * The hub's one rule for a point in time given by a client (query filters such as `from`, `to`,
 * `changedSince`): exactly a calendar date `YYYY-MM-DD` (midnight UTC) or an RFC 3339 date-time.
 * Anything else (`20260101`, `2026-W01`, `2026-01-01T10`, `2026-02-30`) is null. Every instant it
 * returns is one JavaScript and PostgreSQL both hold.
 */
export function parseDateOrDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  if (isCalendarDate(value)) return value.startsWith('0000') ? null : utcDate(value.slice(0, 10), 0, 0, 0, 0);
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isCalendarDate(date) || m[1] === '0000') return null;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return new Date(utcDate(date, hour, minute, second, millis).getTime() - offsetMinutes * 60_000);
}

export function isDateOrDateTime(value: unknown): value is string {
  return parseDateOrDateTime(value) !== null;
}

function utcDate(date: string, hour: number, minute: number, second: number, millis: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  d.setUTCFullYear(year);
  return d;
}
