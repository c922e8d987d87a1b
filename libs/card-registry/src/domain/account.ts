import {
  isDecimalString,
  toFixed,
  type FieldIssue,
  validationFailed,
  isIso4217Currency,
} from '@hub/shared-kernel';

/** An account: its owner customer is liable for the debt on it. */
export interface Account {
  readonly id: string;
  readonly institutionId: string;
  readonly ownerCustomerId: string;
  /** ISO 4217. */
  readonly currency: string;
  /** Decimal string with 2 decimals, or null for no credit line. */
  readonly creditLimit: string | null;
  readonly createdAt: Date;
}

export interface AccountTerms {
  readonly currency: string;
  readonly creditLimit: string | null;
}

/** Validates currency (ISO 4217, as ICU knows it) and the optional credit limit (>= 0, 2 decimals). */
export function validateAccountTerms(raw: { currency?: unknown; creditLimit?: unknown }): AccountTerms {
  const issues: FieldIssue[] = [];
  let currency: string | null = null;
  if (typeof raw.currency !== 'string' || raw.currency.trim() === '') {
    issues.push({ field: 'currency', issues: ['required'], message: 'currency is required' });
  } else if (!isIso4217Currency(raw.currency)) {
    issues.push({
      field: 'currency',
      issues: ['isISO4217CurrencyCode'],
      message: 'currency must be an ISO 4217 code such as VND',
    });
  } else currency = raw.currency;

  let creditLimit: string | null = null;
  if (raw.creditLimit !== undefined && raw.creditLimit !== null) {
    if (!isDecimalString(raw.creditLimit, 2) || raw.creditLimit.startsWith('-')) {
      issues.push({
        field: 'creditLimit',
        issues: ['isDecimal'],
        message:
          'creditLimit must be a non-negative decimal string with at most 2 decimals, such as "50000000.00"',
      });
    } else creditLimit = toFixed(raw.creditLimit, 2);
  }
  if (issues.length > 0) throw validationFailed(issues);
  return { currency: currency!, creditLimit };
}
