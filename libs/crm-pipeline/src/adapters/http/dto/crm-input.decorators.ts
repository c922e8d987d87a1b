import { ValidateBy, type ValidationOptions } from 'class-validator';
import { CIF_FORM_MESSAGE, isCif } from '@hub/shared-kernel';
import { isOwnerId, OWNER_ID_FORM_MESSAGE } from '../../../domain/owner-id';

/**
 * The CRM's input rules as class-validator decorators: the DTOs and the use cases call the same
 * functions (the kernel's `isCif`, the CRM domain's `isOwnerId`), as the platform's decorators do
 * for the kernel's standards. The constraint keeps the name `matches`, the issue these fields have
 * always answered with in a 400's `details[].issues`.
 */

/** A CIF: 1-20 letters or digits, white space around it allowed (the use case trims it). */
export function IsCif(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'matches',
      validator: { validate: (value) => isCif(value), defaultMessage: () => CIF_FORM_MESSAGE },
    },
    options,
  );
}

/** A relationship manager's id: 1-64 letters, digits, dots, dashes or underscores. */
export function IsOwnerId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'matches',
      validator: { validate: (value) => isOwnerId(value), defaultMessage: () => OWNER_ID_FORM_MESSAGE },
    },
    options,
  );
}
