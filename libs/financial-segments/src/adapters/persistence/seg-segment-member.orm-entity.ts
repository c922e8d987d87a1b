import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegSegmentOrmEntity } from './seg-segment.orm-entity';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/** Members as of the segment's last evaluation, with the figures they were admitted on. */
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

  @ManyToOne(() => SegSegmentOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'seg_segment_members_segment_fk' })
  segment?: SegSegmentOrmEntity;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_segment_members_user_fk' })
  user?: SegUserOrmEntity;
}
