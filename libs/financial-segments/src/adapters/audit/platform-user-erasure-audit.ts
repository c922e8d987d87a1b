import { Injectable } from '@nestjs/common';
import { AuditLog, IdentifierHasher } from '@hub/platform';
import { UserErasureAudit } from '../../application/ports/user-erasure.repository';

export const ERASURE_AUDIT_ACTION = 'financial-segments.user-erased';

/**
 * Writes each erasure to the platform's append-only audit log: the user id and the external user
 * id as keyed hashes (`segUserId:<hmac>`, `externalUserId:<hmac>`) and how many rows went, so the
 * erasure can be proven for a known user without the log holding the user in clear.
 */
@Injectable()
export class PlatformUserErasureAudit extends UserErasureAudit {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly hasher: IdentifierHasher,
  ) {
    super();
  }

  async record(entry: Parameters<UserErasureAudit['record']>[0]): Promise<void> {
    await this.auditLog.record({
      actor: entry.actor,
      action: ERASURE_AUDIT_ACTION,
      subjectHashes: [
        this.hasher.hash('segUserId', entry.userId),
        this.hasher.hash('externalUserId', entry.externalUserId),
      ],
      outcome: 'OK',
      requestId: entry.requestId,
      details: { removed: entry.removed },
    });
  }
}
