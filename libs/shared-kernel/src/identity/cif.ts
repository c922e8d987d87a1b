/**
 * A CIF (the core bank's customer number) as the hub accepts it: 1-20 letters or digits, white
 * space around it ignored. Compared and stored trimmed and upper-cased. The one rule for the CRM's
 * DTOs (the `IsCif` decorator) and use cases. `CIF_FORM` is the form itself, untrimmed, for readers
 * that take a CIF exactly as written (the ODS snapshot and ODS service answers).
 */
export const CIF_FORM = /^[A-Za-z0-9]{1,20}$/;

/** What a refused CIF's 400 detail says. */
export const CIF_FORM_MESSAGE = 'cif must be 1-20 letters or digits';

/** The normalised CIF (trimmed, upper-cased), or null when `raw` is not one. */
export function normaliseCif(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  return CIF_FORM.test(value) ? value.toUpperCase() : null;
}

/** Whether `raw` is a CIF (white space around it allowed, as `normaliseCif` reads it). */
export function isCif(raw: unknown): raw is string {
  return normaliseCif(raw) !== null;
}
