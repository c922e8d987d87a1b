import { domainError } from '@hub/shared-kernel';
import { Injectable } from '@nestjs/common';
import { SegmentErrors } from '../domain/segments.errors';
import { UserErasureAudit, UserErasureRepository } from './ports/user-erasure.repository';

/**
 * The right to erasure (Decree 13/2023 on personal data; finAPI's user deletion): everything the
 * module holds about a user goes in one transaction; what remains is an audit record of the
 * erasure with keyed hashes of the user's identifiers and row counts.
 */
@Injectable()
export class UserErasureService {
  constructor(
    private readonly erasure: UserErasureRepository,
    private readonly audit: UserErasureAudit,
  ) {}

  async erase(userId: string, by: { actor: string; requestId: string }): Promise<void> {
    const erased = await this.erasure.erase(userId);
    if (!erased) throw domainError(SegmentErrors.USER_NOT_FOUND);
    await this.audit.record({
      userId: erased.userId,
      externalUserId: erased.externalUserId,
      actor: by.actor,
      requestId: by.requestId,
      removed: erased.removed,
    });
  }
}
