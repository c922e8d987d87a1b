import { ValidateBy, type ValidationOptions } from 'class-validator';
import {
  isCalendarDate,
  isIso4217Currency,
  isStorableText,
  type AllowedWhitespace,
} from '@hub/shared-kernel';

/**
 * The kernel's input rules as class-validator decorators: a DTO and a use case call the same
 * function (`@hub/shared-kernel` standards), so a rule is written once.
 */

/** An ISO 4217 currency code (`VND`), as ICU knows it. */
export function IsIso4217Currency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIso4217Currency',
      validator: {
        validate: (value) => isIso4217Currency(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO 4217 code`,
      },
    },
    options,
  );
}

/** Text PostgreSQL can store: no control character (but the white space allowed), no lone surrogate. */
export function IsStorableText(
  allow: AllowedWhitespace = 'none',
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value) => isStorableText(value, allow),
        defaultMessage: (args) => `${args?.property ?? 'value'} must not contain control characters`,
      },
    },
    options,
  );
}

/** A calendar date `YYYY-MM-DD` that exists, optionally with its year in a range. */
export function IsCalendarDate(
  years: { readonly min: number; readonly max: number } = { min: 1, max: 9999 },
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) =>
          isCalendarDate(value) &&
          Number(value.slice(0, 4)) >= years.min &&
          Number(value.slice(0, 4)) <= years.max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD that exists`,
      },
    },
    options,
  );
}
