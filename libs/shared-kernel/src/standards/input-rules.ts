import { validationFailed, type FieldIssue } from '../errors/validation-failed';

/**
 * The hub's input rules that are not a value object of their own, written once: DTO decorators
 * (`@hub/platform`), use cases and feed parsers all call these. Dates and date-times are in
 * `iso-date.ts`, countries in `country-code.ts`, e-mail addresses in `email-address.ts`.
 */

const CURRENCY_CODE = /^[A-Z]{3}$/;
let currencies: ReadonlySet<string> | undefined;

/** An ISO 4217 currency code as ICU knows it (`VND`, `USD`; not `ABC`, not `vnd`). */
export function isIso4217Currency(value: unknown): value is string {
  if (typeof value !== 'string' || !CURRENCY_CODE.test(value)) return false;
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(value);
}

/** Which white space a text may hold besides the space. */
export type AllowedWhitespace = 'none' | 'tab' | 'lineBreaks';

const CONTROL: Record<AllowedWhitespace, RegExp> = {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  none: /[\u0000-\u001f\u007f]/,
  // eslint-disable-next-line no-control-regex
  tab: /[\u0000-\u0008\u000a-\u001f\u007f]/,
  // eslint-disable-next-line no-control-regex
  lineBreaks: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/,
};
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text PostgreSQL can store and a person could have typed: no control character (except the
 * white space allowed: identifiers and names none, free text tabs and line breaks) and no unpaired
 * UTF-16 surrogate (JSON can carry both; `\u0000` cannot be stored, a lone surrogate is garbled).
 */
export function isStorableText(value: unknown, allow: AllowedWhitespace = 'none'): value is string {
  return typeof value === 'string' && !CONTROL[allow].test(value) && !LONE_SURROGATE.test(value);
}

/**
 * Collects the per-field issues of one input and throws them together as 400 VALIDATION_FAILED
 * (one detail per field), the shape the HTTP layer's validation pipe gives.
 */
export class FieldIssues {
  private readonly issues: FieldIssue[] = [];

  add(field: string, issue: string, message: string): this {
    this.issues.push({ field, issues: [issue], message });
    return this;
  }

  get list(): readonly FieldIssue[] {
    return this.issues;
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }

  /** Throws 400 VALIDATION_FAILED when any issue was added. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw validationFailed(this.issues);
  }
}
