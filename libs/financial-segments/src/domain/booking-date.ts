import { isCalendarDate } from '@hub/shared-kernel';

/**
 * Booking dates a report can hold: a report lists every month from the earliest to the latest
 * transaction, so a stray 0001-01-01 would make it thousands of months long.
 */
export const BOOKING_YEARS = { min: 1970, max: 2099 } as const;

/** A booking date: the kernel's calendar date `YYYY-MM-DD` (one that exists), its year in BOOKING_YEARS. */
export function isBookingDate(value: unknown): value is string {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= BOOKING_YEARS.min && year <= BOOKING_YEARS.max;
}
