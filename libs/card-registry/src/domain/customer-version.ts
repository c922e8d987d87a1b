import { domainError, validationFailed, type ErrorEntry } from '@hub/shared-kernel';
import { CardRegistryErrors } from './card-registry.errors';
import {
  customerFieldsOf,
  validateCustomerFields,
  type Customer,
  type CustomerFields,
  type RawCustomerFields,
} from './customer';

/**
 * Optimistic concurrency for PATCH. The ETag of a customer is its version in double quotes
 * (`"3"`). `If-Match` holds `*`, or a list of entity tags; a strong tag equal to the current
 * version matches. Weak tags (`W/"3"`) and tags that are no version (`"abc"`) never match (If-Match
 * uses the strong comparison of RFC 9110 §13.1.1): 412. A bare number (`3`) is accepted as a
 * convenience for clients that drop the quotes. A header that is not a list of entity tags at all
 * (`garbage`, `"1" junk`) is a malformed request: 400 naming `If-Match`. No If-Match: the PATCH
 * applies to whatever version is current.
 */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly versions: readonly number[] };

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** An entity tag (RFC 9110 §8.8.3): optional `W/`, then an opaque tag of etagc characters in quotes. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const BARE_VERSION = /^\d{1,9}$/;

export function parseIfMatch(header: string | readonly string[] | undefined): IfMatch | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : (header as string);
  if (value.trim() === '') return null;
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 1 && parts[0] === '*') return { any: true };
  if (parts.length === 0) throw malformedIfMatch();
  const versions: number[] = [];
  for (const part of parts) {
    const tag = ENTITY_TAG.exec(part);
    if (tag) {
      if (!tag[1] && BARE_VERSION.test(tag[2])) versions.push(Number(tag[2]));
    } else if (BARE_VERSION.test(part)) {
      versions.push(Number(part));
    } else {
      throw malformedIfMatch();
    }
  }
  return { any: false, versions };
}

function malformedIfMatch() {
  return validationFailed([
    {
      field: 'If-Match',
      issues: ['format'],
      message: 'If-Match must be * or a list of entity tags such as "3" (the ETag of the version)',
    },
  ]);
}

/** Throws 412 VERSION_MISMATCH unless the If-Match (if any) names the current version. */
export function assertIfMatch(
  ifMatch: IfMatch | null,
  currentVersion: number,
  mismatch: ErrorEntry<'PRECONDITION_FAILED'> = CardRegistryErrors.VERSION_MISMATCH,
): void {
  if (ifMatch === null || ifMatch.any) return;
  if (!ifMatch.versions.includes(currentVersion)) throw domainError(mismatch, [{ currentVersion }]);
}

/** A PATCH body: any subset of the fields; `null` clears an optional field; `address` merges by key. */
export type CustomerPatch = { readonly [K in keyof CustomerFields]?: unknown };

/**
 * JSON merge-patch semantics (RFC 7396) over the customer's fields: a present key replaces the
 * value, `null` removes it (a required field removed fails re-validation), `address` is merged
 * key by key. The merged customer is validated as a whole, so a PATCH can never leave a customer
 * that a create would refuse (e.g. `type: CORPORATE` without a `name`).
 */
export function mergeCustomerPatch(current: CustomerFields, patch: CustomerPatch): RawCustomerFields {
  const merged: Record<string, unknown> = { ...customerFieldsOf(current) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'address' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const address: Record<string, unknown> = { ...current.address };
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) address[k] = v;
      }
      merged.address = address;
    } else {
      merged[key] = value;
    }
  }
  return merged as RawCustomerFields;
}

export interface Revision {
  readonly customer: Customer;
  /** False when the PATCH changes nothing: no new version is recorded. */
  readonly changed: boolean;
}

/**
 * Applies a PATCH: checks If-Match against the current version, merges, re-validates the whole
 * customer, and bumps the version when something changed.
 */
export function reviseCustomer(
  current: Customer,
  patch: CustomerPatch,
  ifMatch: IfMatch | null,
  now: Date,
  today: string,
): Revision {
  assertIfMatch(ifMatch, current.version);
  const fields = validateCustomerFields(mergeCustomerPatch(current, patch), today);
  if (sameFields(fields, current)) return { customer: current, changed: false };
  return {
    customer: { ...current, ...fields, version: current.version + 1, updatedAt: now },
    changed: true,
  };
}

export function sameFields(a: CustomerFields, b: CustomerFields): boolean {
  return JSON.stringify(customerFieldsOf(a)) === JSON.stringify(customerFieldsOf(b));
}
