import type { OfferKind, SegmentCriteria } from '../../domain/segment-criteria';

export interface Offer {
  readonly code: string;
  readonly name: string;
  readonly kind: OfferKind;
}

export interface SegmentView {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly criteria: SegmentCriteria;
  readonly offers: Offer[];
  readonly evaluatedAt: Date | null;
  readonly createdAt: Date;
}

export interface SegmentMemberView {
  readonly userId: string;
  readonly externalUserId: string;
  readonly totalBalance: string;
  readonly averageMonthlyIncome: string;
}

export interface UserOfferView extends Offer {
  readonly segmentId: string;
  readonly segmentName: string;
}

/** A change to a segment: what is given replaces what was there (criteria and offers as a whole). */
export interface SegmentChange {
  readonly name?: string;
  readonly currency?: string;
  readonly criteria?: SegmentCriteria;
  readonly offers?: readonly Offer[];
}

export abstract class SegmentRepository {
  abstract create(segment: Omit<SegmentView, 'evaluatedAt' | 'createdAt'>): Promise<SegmentView>;
  abstract get(id: string): Promise<SegmentView | null>;
  /** Segments, oldest first, with their offers (two queries). */
  abstract list(page: number, pageSize: number): Promise<{ items: SegmentView[]; total: number }>;
  /**
   * Applies the change in one transaction; when the criteria or the currency change, the members
   * are re-evaluated in that transaction too. Null for an unknown segment.
   */
  abstract update(id: string, change: SegmentChange): Promise<SegmentView | null>;
  /** Deletes the segment with its offers and members; false for an unknown segment. */
  abstract delete(id: string): Promise<boolean>;
  /**
   * Replaces the members with every user whose latest income report meets the criteria: one
   * set-based SQL statement over all users. Returns the member count; null for an unknown segment.
   */
  abstract evaluate(id: string): Promise<number | null>;
  abstract members(
    id: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: SegmentMemberView[]; total: number }>;
  /**
   * One page of the offers of the segments the user is a member of (segments oldest first, each
   * one's offers in their order), with their total; null for an unknown user.
   */
  abstract offersForUser(
    userId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: UserOfferView[]; total: number } | null>;
}
