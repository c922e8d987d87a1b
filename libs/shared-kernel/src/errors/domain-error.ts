/**
 * The kernel's error family. Each module declares its errors once, in a code-keyed catalogue
 * (`errorCatalogue({...})` in its `*.errors.ts`): the code, the kind (which the API maps to an
 * HTTP status) and the message in English and Vietnamese. Code throws `domainError(entry, details)`
 * and writes no text; the API's one global filter picks the message of the caller's language from
 * the error's catalogue entry, and `@ApiErrors(...)` documents a route's codes from the same entries.
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

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** One error of a catalogue: its code, kind and message (`{name}` placeholders filled from params). */
export interface ErrorEntry<
  K extends ErrorKind = ErrorKind,
  C extends string = string,
> extends LocalizedText {
  readonly code: C;
  readonly kind: K;
  /** The `details` of a typical answer, for the API documentation's example. */
  readonly example?: readonly ErrorDetail[];
  /** Placeholder values of the documentation's example. */
  readonly exampleParams?: MessageParams;
}

interface EntrySpec extends LocalizedText {
  readonly kind: ErrorKind;
  /** The wire code when it differs from the key (one code, several messages: VALIDATION_FAILED). */
  readonly code?: string;
  readonly example?: readonly ErrorDetail[];
  readonly exampleParams?: MessageParams;
}

type CodeOf<S, K> = S extends { readonly code: infer C extends string } ? C : K & string;

export type ErrorCatalogue<T extends Record<string, EntrySpec>> = {
  readonly [K in keyof T]: ErrorEntry<T[K]['kind'], CodeOf<T[K], K>>;
};

/** The codes a catalogue can answer with: an exhaustive union, for `switch` and `Record<Code, …>`. */
export type ErrorCodeOf<T extends Readonly<Record<string, ErrorEntry>>> = T[keyof T]['code'];

/** Declares a module's errors once: the key is the code unless the entry names another. */
export function errorCatalogue<const T extends Record<string, EntrySpec>>(spec: T): ErrorCatalogue<T> {
  const out: Record<string, ErrorEntry> = {};
  for (const [key, entry] of Object.entries(spec))
    out[key] = Object.freeze({ ...entry, code: entry.code ?? key });
  return Object.freeze(out) as ErrorCatalogue<T>;
}

/** The message of an entry in a language, its placeholders filled. */
export function localise(
  entry: LocalizedText,
  language: keyof LocalizedText,
  params: MessageParams = {},
): string {
  return entry[language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export interface ErrorOptions {
  readonly params?: MessageParams;
  /** Seconds for `Retry-After` (429 and 503). */
  readonly retryAfterSeconds?: number;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;
  readonly params: MessageParams;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly entry: ErrorEntry,
    readonly details: readonly ErrorDetail[] = [],
    options: ErrorOptions = {},
  ) {
    super(localise(entry, 'en', options.params));
    this.name = new.target.name;
    this.code = entry.code;
    this.params = options.params ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The message in a language. */
  messageIn(language: keyof LocalizedText): string {
    return localise(this.entry, language, this.params);
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
}

/** A dependency is down: 503, with `Retry-After` when `retryAfterSeconds` is given. */
export class UnavailableError extends DomainError {
  readonly kind = 'UNAVAILABLE' as const;
}

const CLASS_OF_KIND = {
  VALIDATION: ValidationError,
  UNAUTHENTICATED: AuthenticationError,
  FORBIDDEN: PermissionError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  PRECONDITION_FAILED: PreconditionFailedError,
  BUSINESS_RULE: BusinessRuleError,
  TOO_MANY_REQUESTS: TooManyRequestsError,
  UNAVAILABLE: UnavailableError,
} as const;

export type ErrorOfKind<K extends ErrorKind> = InstanceType<(typeof CLASS_OF_KIND)[K]>;

/** The one way to make an error: `throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId }])`. */
export function domainError<K extends ErrorKind>(
  entry: ErrorEntry<K>,
  details: readonly ErrorDetail[] = [],
  options: ErrorOptions = {},
): ErrorOfKind<K> {
  return new CLASS_OF_KIND[entry.kind](entry, details, options) as ErrorOfKind<K>;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Whether an error was made from this catalogue entry. */
export function isErrorOf(error: unknown, entry: ErrorEntry): error is DomainError {
  return error instanceof DomainError && error.entry === entry;
}
