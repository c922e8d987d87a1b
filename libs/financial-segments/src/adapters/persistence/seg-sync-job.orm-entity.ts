import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/** A synchronize request: its state is what `GET /jobs/{jobId}` shows; the queue job carries only its id. */
@Entity({ name: 'seg_sync_jobs' })
@Index('seg_sync_jobs_user_idx', ['userId'])
export class SegSyncJobOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_sync_jobs' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  /** Null for a job without a callback (the demo data's). */
  @Column({ type: 'text', nullable: true })
  callbackUrl!: string | null;

  @Column({ type: 'text' })
  status!: 'QUEUED' | 'RUNNING' | 'SUCCESSFUL' | 'FAILED';

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reportId!: string | null;

  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'int', default: 0 })
  runs!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_sync_jobs_user_fk' })
  user?: SegUserOrmEntity;
}
