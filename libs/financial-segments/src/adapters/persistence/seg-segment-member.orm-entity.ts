import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Members as of the segment's last evaluation, with the figures they were admitted on. The segment
 * and the user are referenced without TypeORM foreign keys: triggers check them once per statement
 * and delete a segment's or a user's memberships with it (migration
 * 1764310500000-FinancialSegmentsMembersSetBasedIntegrity says why).
 */
@Entity({ name: 'seg_segment_members' })
@Index('seg_segment_members_user_idx', ['userId'])
export class SegSegmentMemberOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_segment_members' })
  segmentId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_segment_members' })
  userId!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  totalBalance!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyIncome!: string;
}
