import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { validationFailed, type FieldIssue } from '@hub/shared-kernel';

/** One detail per invalid field (nested fields as dotted paths: `address.city`, `accounts.0.currency`). */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const error of errors) {
    const field =
      error.property === undefined || error.property === ''
        ? parent || '(body)'
        : parent
          ? `${parent}.${error.property}`
          : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      out.push({
        field,
        issues: Object.keys(error.constraints),
        message: Object.values(error.constraints).join('; '),
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The global pipe: unknown fields refused, values transformed to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
