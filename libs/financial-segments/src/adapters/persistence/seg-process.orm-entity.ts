import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/** A process opened for a user; only the SHA-256 of its token is kept. */
@Entity({ name: 'seg_processes' })
@Index('seg_processes_token_hash_uq', ['tokenHash'], { unique: true })
@Index('seg_processes_user_idx', ['userId'])
export class SegProcessOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_processes' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_processes_user_fk' })
  user?: SegUserOrmEntity;
}
