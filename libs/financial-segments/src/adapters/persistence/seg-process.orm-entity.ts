import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/**
 * A process opened for a user; only the SHA-256 of its token is kept. The user completes it in
 * the import web form (or cancels it), once, before it expires.
 */
@Entity({ name: 'seg_processes' })
@Index('seg_processes_token_hash_uq', ['tokenHash'], { unique: true })
@Index('seg_processes_user_idx', ['userId'])
export class SegProcessOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_processes' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', default: 'WAITING_FOR_USER' })
  status!: 'WAITING_FOR_USER' | 'COMPLETED' | 'ABORTED' | 'EXPIRED';

  @Column({ type: 'text', nullable: true })
  redirectUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  callbackUrl!: string | null;

  @Column({ type: 'text', default: 'vi' })
  language!: 'vi' | 'en';

  @Column({ type: 'text', nullable: true })
  consentTextVersion!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentGivenAt!: Date | null;

  @Column({ type: 'text', array: true, nullable: true })
  consentScope!: string[] | null;

  /** When the token was used (the form confirmed or cancelled): it is single-use. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'uuid', array: true, nullable: true })
  completedDataSourceIds!: string[] | null;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_processes_user_fk' })
  user?: SegUserOrmEntity;
}
