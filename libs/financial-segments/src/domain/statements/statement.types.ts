import { createHash } from 'node:crypto';
import { isBookingDate } from '../booking-date';

/** One transaction found in a statement file: amount signed (credit > 0), exact decimal string. */
export interface StatementTransaction {
  readonly id: string;
  readonly bookingDate: string;
  readonly amount: string;
  readonly currency: string;
  readonly purpose: string;
  readonly counterpartName: string;
  readonly counterpartAccount: string | null;
}

/** One account found in a statement file, with its closing balance. */
export interface StatementAccount {
  readonly bankName: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly balance: string;
  readonly transactions: StatementTransaction[];
}

/** Where a file is wrong: a line (CSV, MT940) or an element path (CAMT.053). */
export interface StatementProblem {
  readonly line: number | null;
  readonly element: string | null;
  readonly message: string;
}

export type StatementFormat = 'CSV' | 'CAMT053' | 'MT940';

export interface ParsedStatement {
  readonly format: StatementFormat;
  readonly accounts: StatementAccount[];
  /** Empty when the file is good; a file with any problem is refused as a whole. */
  readonly problems: StatementProblem[];
}

/** The bank name of accounts whose file names no bank (no BIC, no bank column). */
export const UNNAMED_BANK = 'STATEMENT_IMPORT';

/** A file stops collecting problems after this many (the first ones are enough to fix it). */
export const MAX_PROBLEMS = 50;

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

/** `1234.5` -> `1234.5`; null when not an unsigned decimal with at most 18 digits and 2 decimals. */
export function unsignedAmount(raw: string): string | null {
  return AMOUNT.test(raw) ? raw : null;
}

/** A booking date from its parts, as YYYY-MM-DD; null when it does not exist or lies outside 1970-2099. */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isBookingDate(date) ? date : null;
}

/** `2026-03-31` -> the same when it is a booking date (exists, 1970-2099), null otherwise. */
export function checkIsoDate(raw: string): string | null {
  return isBookingDate(raw) ? raw : null;
}

/**
 * A stable id for a transaction the file gives no reference for: the hash of what it is plus its
 * ordinal among identical ones, so a re-import of the same statement adds nothing twice.
 */
export function derivedTransactionId(parts: readonly string[], ordinal: number): string {
  return `H-${createHash('sha256')
    .update(JSON.stringify([...parts, ordinal]))
    .digest('hex')
    .slice(0, 32)}`;
}

/** Assigns derived ids, counting identical transactions so that each gets its own. */
export class DerivedIds {
  private readonly seen = new Map<string, number>();

  next(parts: readonly string[]): string {
    const key = JSON.stringify(parts);
    const ordinal = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, ordinal);
    return derivedTransactionId(parts, ordinal);
  }
}

export function negate(amount: string): string {
  return /^0+(\.0+)?$/.test(amount) ? amount : `-${amount}`;
}
