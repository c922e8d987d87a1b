import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A callback to deliver: its id is the `webhook-id`, its body is sent unchanged on every attempt. */
@Entity({ name: 'seg_webhook_deliveries' })
@Index('seg_webhook_deliveries_status_created_idx', ['status', 'createdAt'])
@Index('seg_webhook_deliveries_job_idx', ['jobId'])
export class SegWebhookDeliveryOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_webhook_deliveries' })
  id!: string;

  @Column({ type: 'uuid' })
  jobId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  status!: 'PENDING' | 'DELIVERED' | 'FAILED';

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
