import { Prng } from './prng';
import { Context, randomCustomer, type SyntheticSnapshot } from './random-customers';
import { showcaseCustomers } from './showcase-customers';

export { Prng } from './prng';
export { SHOWCASE } from './showcase';
export type { SyntheticSnapshot } from './random-customers';

/**
 * A deterministic generator of realistic synthetic ODS customers (NDJSON snapshots in the wire
 * format of docs/contracts/customer-summary.md), for demo data, tests and load tests. The same seed gives the same
 * customers, byte for byte. Memory is constant whatever the number of customers (a generator
 * function with a small ring buffer of recent identifiers for the shared-mobile and
 * reopened-CIF cases).
 *
 * The first five customers are fixed scenarios that the module README's Swagger examples use
 * (see SHOWCASE); their identifiers are never produced for any other customer.
 */
export interface SyntheticCustomerOptions {
  readonly customers: number;
  readonly seed: string | number;
  /** The "today" of the data: payment history and payroll end in this month. */
  readonly asOf?: string;
  /**
   * The `extractedAt` of every snapshot (RFC 3339); default: the as-of day at 17:00 UTC
   * (midnight in Vietnam).
   */
  readonly extractedAt?: string;
  /** Start with the five showcase customers (default true). */
  readonly showcase?: boolean;
}

const DEFAULT_AS_OF = '2026-10-31';

/** Yields `customers` snapshots in wire format (ready for JSON.stringify, one per NDJSON line). */
export function* generateSyntheticCustomers(options: SyntheticCustomerOptions): Generator<SyntheticSnapshot> {
  const rng = new Prng(options.seed);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError('asOf must be YYYY-MM-DD');
  const ctx = new Context(rng, asOf);
  const extractedAt = options.extractedAt ?? `${asOf}T17:00:00Z`;
  const stamped = ({ cif, ...rest }: SyntheticSnapshot): SyntheticSnapshot => ({ cif, extractedAt, ...rest });
  let index = 0;
  if (options.showcase ?? true) {
    for (const customer of showcaseCustomers(ctx)) {
      if (index >= options.customers) return;
      index++;
      yield stamped(customer);
    }
  }
  while (index < options.customers) {
    index++;
    yield stamped(randomCustomer(ctx, index));
  }
}
