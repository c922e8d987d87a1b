import { domainError, type ValidationError } from './domain-error';
import { KernelErrors } from './kernel.errors';

/** One invalid field of a request: its path (`address.city`), the rules it broke, a message. */
export interface FieldIssue {
  readonly field: string;
  readonly issues: readonly string[];
  readonly message: string;
}

/**
 * 400 `VALIDATION_FAILED` with one detail per field: the shape the HTTP layer's validation pipe
 * produces, for the checks that only a use case can make.
 */
export function validationFailed(fields: readonly FieldIssue[]): ValidationError {
  return domainError(
    KernelErrors.VALIDATION_FAILED,
    fields.map((f) => ({ field: f.field, issues: [...f.issues], message: f.message })),
  );
}
