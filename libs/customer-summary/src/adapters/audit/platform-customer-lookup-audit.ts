import { Injectable } from '@nestjs/common';
import { AuditLog, IdentifierHasher } from '@hub/platform';
import { CustomerLookupAudit, type CustomerLookupEntry } from '../../application/ports/customer-lookup-audit';

export const LOOKUP_AUDIT_ACTION = 'customer-summary.lookup';

/**
 * Writes each lookup to the platform's append-only audit log: the identifiers only as keyed
 * hashes (`legalId:<hmac>`, `mobileNumber:<hmac>`), the number of CIFs matched and the outcome.
 */
@Injectable()
export class PlatformCustomerLookupAudit extends CustomerLookupAudit {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly hasher: IdentifierHasher,
  ) {
    super();
  }

  async record(entry: CustomerLookupEntry): Promise<void> {
    const subjectHashes: string[] = [];
    if (entry.legalId !== null) subjectHashes.push(this.hasher.hash('legalId', entry.legalId));
    if (entry.mobileNumber !== null) subjectHashes.push(this.hasher.hash('mobileNumber', entry.mobileNumber));
    await this.auditLog.record({
      actor: entry.actor,
      action: LOOKUP_AUDIT_ACTION,
      subjectHashes,
      outcome: entry.outcome,
      requestId: entry.requestId,
      details: {
        matchedCount: entry.matchedCount,
        identifiers: [
          entry.legalId !== null ? 'legalId' : null,
          entry.mobileNumber !== null ? 'mobileNumber' : null,
        ].filter(Boolean),
      },
    });
  }
}
