import { domainError, type UnavailableError } from '@hub/shared-kernel';
import { PlatformErrors } from '../errors/platform.errors';

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): UnavailableError {
  return domainError(PlatformErrors.DATABASE_UNAVAILABLE, [], {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

/** Socket errors of a connection that cannot be made or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that mean "the database cannot serve now", not "this request is wrong": connection
 * exceptions (class 08), shut-down or starting servers, a dropped database, too many connections,
 * a statement cancelled by `statement_timeout`, an idle transaction ended by its time-out.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '3D000', '53300', '57014', '25P03']);

/** Messages of `pg` and `pg-pool` for a connection that failed, timed out or went away. */
const DRIVER_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /is not queryable$/,
  /^Client was closed/,
  /^Connection is not established/,
  // The driver's own query_timeout: the server did not answer in time (it hangs, or the network does).
  /^Query read timeout$/,
];

/**
 * True when an error (or the driver error or cause it wraps) says the database is unreachable,
 * timed out or shutting down: the caller gets 503 DATABASE_UNAVAILABLE with Retry-After instead of
 * a 500. Nothing else is matched, so a real bug is still a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let hops = 0; hops < 5 && current && typeof current === 'object'; hops++) {
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string') {
      if (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))
        return true;
    }
    if (typeof e.message === 'string' && DRIVER_MESSAGES.some((re) => re.test(e.message as string)))
      return true;
    current = e.driverError ?? e.cause;
  }
  return false;
}
