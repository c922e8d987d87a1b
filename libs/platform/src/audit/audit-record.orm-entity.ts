import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'platform_audit_records' })
@Index('platform_audit_records_action_at_idx', ['action', 'at'])
export class AuditRecordOrmEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', array: true })
  subjectHashes!: string[];

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'text' })
  requestId!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
