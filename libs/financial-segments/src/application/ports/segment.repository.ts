import type { OfferKind, SegmentCriteria } from '../../domain/segment-criteria';

export interface Offer {
  readonly code: string;
  readonly name: string;
  readonly kind: OfferKind;
}

export interface Segment {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly criteria: SegmentCriteria;
  readonly offers: Offer[];
  readonly evaluatedAt: Date | null;
  readonly createdAt: Date;
}

export interface SegmentMember {
  readonly userId: string;
  readonly externalUserId: string;
  readonly totalBalance: string;
  readonly averageMonthlyIncome: string;
}

export interface UserOffer extends Offer {
  readonly segmentId: string;
  readonly segmentName: string;
}

export abstract class SegmentRepository {
  abstract create(segment: Omit<Segment, 'evaluatedAt' | 'createdAt'>): Promise<Segment>;
  abstract get(id: string): Promise<Segment | null>;
  /**
   * Replaces the members with every user whose latest income report meets the criteria: one
   * set-based SQL statement over all users. Returns the member count; null for an unknown segment.
   */
  abstract evaluate(id: string): Promise<number | null>;
  abstract members(
    id: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: SegmentMember[]; total: number }>;
  /** The offers of the segments the user is a member of; null for an unknown user. */
  abstract offersForUser(userId: string): Promise<UserOffer[] | null>;
}
