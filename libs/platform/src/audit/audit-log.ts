import { createHmac } from 'node:crypto';

export interface AuditEntry {
  /** The token subject. */
  readonly actor: string;
  /** What was done, `module.verb` (e.g. `customer-summary.lookup`). */
  readonly action: string;
  /** Identifiers of the subject as keyed hashes (see `AuditLog.hash`), never in clear. */
  readonly subjectHashes: readonly string[];
  /** `OK`, `NOT_FOUND`, `DUPLICATE_CIF`, ... */
  readonly outcome: string;
  readonly requestId: string;
  /** Non-personal facts (counts, codes). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Port: append-only audit records. */
export abstract class AuditLog {
  abstract record(entry: AuditEntry): Promise<void>;
}

/**
 * Keyed hash of an identifier for audit records: HMAC-SHA256 with AUDIT_HASH_KEY, so the record
 * can be matched against a known identifier by whoever holds the key, but a 9- or 12-digit legal
 * ID cannot be recovered by enumerating all numbers.
 */
export class IdentifierHasher {
  constructor(private readonly key: string) {}

  hash(kind: string, value: string): string {
    return `${kind}:${createHmac('sha256', this.key).update(`${kind}:${value}`).digest('hex')}`;
  }
}
