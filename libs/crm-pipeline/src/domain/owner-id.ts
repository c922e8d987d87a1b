/**
 * The relationship manager who owns a lead or an opportunity: 1-64 letters, digits, dots, dashes
 * or underscores. The one rule for the CRM's DTOs (the `IsOwnerId` decorator) and use cases.
 */
const OWNER_FORM = /^[A-Za-z0-9._-]{1,64}$/;

/** What a refused owner's 400 detail says. */
export const OWNER_ID_FORM_MESSAGE = 'ownerId must be 1-64 letters, digits, dots, dashes or underscores';

export function isOwnerId(value: unknown): value is string {
  return typeof value === 'string' && OWNER_FORM.test(value);
}
