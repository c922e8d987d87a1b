import { domainError } from '@hub/shared-kernel';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertValidCriteria, type SegmentCriteria } from '../domain/segment-criteria';
import { SegmentErrors } from '../domain/segments.errors';
import { type Offer, type SegmentChange, SegmentRepository } from './ports/segment.repository';

/**
 * Segments over the users' latest income-report figures. Membership is kept current two ways:
 * `evaluate` recomputes a segment over all users, and every new income report recomputes its
 * user's memberships of all segments (in the report's transaction), so offers follow the
 * latest figures.
 */
@Injectable()
export class SegmentService {
  constructor(private readonly segments: SegmentRepository) {}

  async create(input: { name: string; currency: string; criteria: SegmentCriteria; offers: Offer[] }) {
    assertValidCriteria(input.criteria);
    return this.segments.create({ id: randomUUID(), ...input });
  }

  async get(id: string) {
    const found = await this.segments.get(id);
    if (!found) throw domainError(SegmentErrors.SEGMENT_NOT_FOUND);
    return found;
  }

  /** Name, currency, criteria or offers; a change of criteria or currency re-evaluates the members. */
  async update(id: string, change: SegmentChange) {
    if (change.criteria !== undefined) assertValidCriteria(change.criteria);
    const updated = await this.segments.update(id, change);
    if (!updated) throw domainError(SegmentErrors.SEGMENT_NOT_FOUND);
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.segments.delete(id))) throw domainError(SegmentErrors.SEGMENT_NOT_FOUND);
  }

  list(page: number, pageSize: number) {
    return this.segments.list(page, pageSize);
  }

  async evaluate(id: string): Promise<{ members: number }> {
    const members = await this.segments.evaluate(id);
    if (members === null) throw domainError(SegmentErrors.SEGMENT_NOT_FOUND);
    return { members };
  }

  async members(id: string, page: number, pageSize: number) {
    await this.get(id);
    return this.segments.members(id, page, pageSize);
  }

  async offersForUser(userId: string, page = 1, pageSize = 50) {
    const offers = await this.segments.offersForUser(userId, page, pageSize);
    if (offers === null) throw domainError(SegmentErrors.USER_NOT_FOUND);
    return offers;
  }
}
