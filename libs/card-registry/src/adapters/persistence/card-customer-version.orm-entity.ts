import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CardCustomerOrmEntity } from './card-customer.orm-entity';

/** Every version of every customer as received: append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'card_customer_versions' })
// The daily export files read the versions received in a period.
@Index('card_customer_versions_institution_received_idx', ['institutionId', 'receivedAt'])
export class CardCustomerVersionOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_customer_versions' })
  customerId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_card_customer_versions' })
  version!: number;

  @Column({ type: 'text' })
  institutionId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  data: unknown;

  @ManyToOne(() => CardCustomerOrmEntity, {
    onDelete: 'RESTRICT',
    onUpdate: 'NO ACTION',
    createForeignKeyConstraints: true,
  })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'card_customer_versions_customer_fk' })
  customer?: CardCustomerOrmEntity;
}
