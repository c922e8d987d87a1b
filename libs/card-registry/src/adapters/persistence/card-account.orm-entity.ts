import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CardCustomerOrmEntity } from './card-customer.orm-entity';

@Entity({ name: 'card_accounts' })
@Index('card_accounts_owner_idx', ['ownerCustomerId'])
@Index('card_accounts_institution_created_at_idx', ['institutionId', 'createdAt', 'id'])
export class CardAccountOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_accounts' })
  id!: string;

  @Column({ type: 'text' })
  institutionId!: string;

  @Column({ type: 'uuid' })
  ownerCustomerId!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  creditLimit!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => CardCustomerOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'owner_customer_id', foreignKeyConstraintName: 'card_accounts_owner_fk' })
  owner?: CardCustomerOrmEntity;
}
