import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isDateOrDateTime, parseDateOrDateTime } from '@hub/shared-kernel';

/**
 * The hub's one rule for a point in time in a query or body: a calendar date `YYYY-MM-DD` (midnight
 * UTC) or an RFC 3339 date-time (`2026-01-31T09:30:00Z`, `...+07:00`). Anything else is 400
 * VALIDATION_FAILED naming the field. A valid value reaches the handler normalised to
 * `toISOString()` form (`2026-01-31T02:30:00.000Z`), which `new Date()` and PostgreSQL both read.
 */
export function IsDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  const normalise = Transform(({ value }) => parseDateOrDateTime(value)?.toISOString() ?? value);
  const validate = ValidateBy(
    {
      name: 'isDateOrDateTime',
      validator: {
        validate: (value) => isDateOrDateTime(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date YYYY-MM-DD or an RFC 3339 date-time such as 2026-01-31T09:30:00Z`,
      },
    },
    options,
  );
  return (target, property) => {
    normalise(target, property);
    validate(target, property);
  };
}
