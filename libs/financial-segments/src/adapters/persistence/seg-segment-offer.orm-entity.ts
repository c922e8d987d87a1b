import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegSegmentOrmEntity } from './seg-segment.orm-entity';

@Entity({ name: 'seg_segment_offers' })
export class SegSegmentOfferOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_segment_offers' })
  segmentId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_segment_offers' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => SegSegmentOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'seg_segment_offers_segment_fk' })
  segment?: SegSegmentOrmEntity;
}
