import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegWebhookDeliveryOrmEntity } from './seg-webhook-delivery.orm-entity';

/** The delivery log: one row per attempt. */
@Entity({ name: 'seg_webhook_attempts' })
export class SegWebhookAttemptOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_webhook_attempts' })
  deliveryId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_seg_webhook_attempts' })
  attempt!: number;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;

  @Column({ type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'int' })
  durationMs!: number;

  @ManyToOne(() => SegWebhookDeliveryOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'seg_webhook_attempts_delivery_fk' })
  delivery?: SegWebhookDeliveryOrmEntity;
}
