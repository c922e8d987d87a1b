import fc from 'fast-check';
import { isDateOrDateTime, parseDateOrDateTime } from './iso-date';

describe('parseDateOrDateTime: YYYY-MM-DD or RFC 3339 date-time, nothing else', () => {
  it.each([
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01t10:00:00z', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T10:00:00.5Z', '2026-01-01T10:00:00.500Z'],
    ['2026-01-01T10:00:00.123456789Z', '2026-01-01T10:00:00.123Z'],
    ['2026-01-01T17:00:00+07:00', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T00:30:00-23:59', '2026-01-02T00:29:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0099-03-01', '0099-03-01T00:00:00.000Z'],
  ])('%s is %s', (input, iso) => {
    expect(parseDateOrDateTime(input)?.toISOString()).toBe(iso);
  });

  it.each([
    '20260101',
    '2026-W01',
    '2026-W01-1',
    '2026-001',
    '2026-01-01T10',
    '2026-01-01T10:00',
    '2026-01-01T10:00:00',
    '2026-01-01 10:00:00Z',
    '2026-02-30',
    '2023-02-29',
    '0000-01-01',
    '2026-13-01',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00+0700',
    '+002026-01-01',
    ' 2026-01-01',
    '',
    42,
    null,
  ])('refuses %p', (input) => {
    expect(parseDateOrDateTime(input)).toBeNull();
    expect(isDateOrDateTime(input)).toBe(false);
  });

  it('round-trips every instant of years 1 to 9999 written as toISOString()', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(parseDateOrDateTime(d.toISOString())?.getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});
