import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every status transition of a lead or an opportunity (creation included). Append-only. */
@Entity({ name: 'crm_status_history' })
@Check('crm_status_history_record_type_ck', `"record_type" IN ('LEAD', 'OPPORTUNITY')`)
@Index('crm_status_history_record_idx', ['recordId', 'id'])
export class CrmStatusHistoryOrmEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_crm_status_history',
  })
  id!: string;

  @Column({ type: 'text' })
  recordType!: string;

  @Column({ type: 'uuid' })
  recordId!: string;

  @Column({ type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'text' })
  toStatus!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
