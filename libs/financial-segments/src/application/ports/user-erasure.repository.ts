/** What an erasure removed: the counts are non-personal facts for the audit record. */
export interface ErasedUser {
  readonly userId: string;
  readonly externalUserId: string;
  readonly removed: Readonly<Record<string, number>>;
}

export abstract class UserErasureRepository {
  /**
   * Erases the user in ONE transaction: processes, data sources with their accounts and
   * transactions, synchronize jobs, cases and reports, segment memberships (so the offers go
   * too), webhook deliveries with their log, and the user's pending queue jobs. Null for an
   * unknown user.
   */
  abstract erase(userId: string): Promise<ErasedUser | null>;
}

/** Port: the audit record of an erasure, holding keyed hashes of the user's identifiers only. */
export abstract class UserErasureAudit {
  abstract record(entry: {
    readonly userId: string;
    readonly externalUserId: string;
    readonly actor: string;
    readonly requestId: string;
    readonly removed: Readonly<Record<string, number>>;
  }): Promise<void>;
}
