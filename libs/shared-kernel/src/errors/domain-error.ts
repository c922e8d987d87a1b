/**
 * The kernel's error family. Domain and application code throw these; the API's one global
 * filter maps `kind` to an HTTP status and picks the message in the caller's language.
 * Codes are stable UPPER_SNAKE strings that clients may branch on; messages are for people.
 */
export interface LocalizedText {
  readonly en: string;
  readonly vi: string;
}

export type ErrorDetail = Readonly<Record<string, unknown>>;

export type ErrorKind =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'BUSINESS_RULE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: string,
    readonly text: LocalizedText,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule of form: 400. */
export class ValidationError extends DomainError {
  readonly kind = 'VALIDATION' as const;
}

/** No or bad credentials: 401. */
export class AuthenticationError extends DomainError {
  readonly kind = 'UNAUTHENTICATED' as const;
}

/** Authenticated but not allowed: 403. */
export class PermissionError extends DomainError {
  readonly kind = 'FORBIDDEN' as const;
}

/** The thing does not exist (or is not the caller's to see): 404. */
export class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND' as const;
}

/** The request clashes with the current state: 409. */
export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT' as const;
}

/** A precondition the client stated (If-Match) does not hold: 412. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'PRECONDITION_FAILED' as const;
}

/** Well-formed but refused by a business rule: 422. */
export class BusinessRuleError extends DomainError {
  readonly kind = 'BUSINESS_RULE' as const;
}

/** The caller used up its request budget: 429, with `Retry-After` (seconds until the next window). */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'TOO_MANY_REQUESTS' as const;

  constructor(
    code: string,
    text: LocalizedText,
    details: readonly ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(code, text, details);
  }
}

/** A dependency is down: 503, with `Retry-After` when `retryAfterSeconds` is given. */
export class UnavailableError extends DomainError {
  readonly kind = 'UNAVAILABLE' as const;

  constructor(
    code: string,
    text: LocalizedText,
    details: readonly ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(code, text, details);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
