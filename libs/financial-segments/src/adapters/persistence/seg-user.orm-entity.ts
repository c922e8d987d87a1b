import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A bank-app user known to the hub, one per external user id. */
@Entity({ name: 'seg_users' })
@Index('seg_users_external_user_id_uq', ['externalUserId'], { unique: true })
export class SegUserOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_users' })
  id!: string;

  @Column({ type: 'text' })
  externalUserId!: string;

  /** The income report that segment membership is computed from. */
  @Column({ type: 'uuid', nullable: true })
  latestReportId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
