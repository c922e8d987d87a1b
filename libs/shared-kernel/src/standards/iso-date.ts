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
  const probe = new Date(Date.UTC(year, month - 1, day));
  probe.setUTCFullYear(year);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Today's calendar date in UTC for an instant. */
export function utcCalendarDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
