import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/** A Case: the user's data sources at one synchronization. */
@Entity({ name: 'seg_cases' })
@Index('seg_cases_user_idx', ['userId'])
export class SegCaseOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_cases' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid', array: true })
  dataSourceIds!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_cases_user_fk' })
  user?: SegUserOrmEntity;
}
