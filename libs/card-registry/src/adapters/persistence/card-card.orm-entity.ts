import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CardAccountOrmEntity } from './card-account.orm-entity';
import { CardCustomerOrmEntity } from './card-customer.orm-entity';

@Entity({ name: 'card_cards' })
// A DEDICATED (wallet) customer holds at most one card: the backstop of the use case's check.
// `cardholderScope` copies the cardholder's cardScope, which never changes after creation.
@Index('card_cards_dedicated_cardholder_uq', ['cardholderCustomerId'], {
  unique: true,
  where: `"cardholder_scope" = 'DEDICATED'`,
})
@Index('card_cards_cardholder_idx', ['cardholderCustomerId'])
@Index('card_cards_account_idx', ['accountId'])
@Index('card_cards_institution_updated_at_idx', ['institutionId', 'updatedAt', 'id'])
export class CardCardOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_cards' })
  id!: string;

  @Column({ type: 'text' })
  institutionId!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'uuid' })
  cardholderCustomerId!: string;

  @Column({ type: 'text' })
  cardholderScope!: string;

  @Column({ type: 'boolean' })
  digitalWalletEnabled!: boolean;

  @Column({ type: 'text', nullable: true })
  embossName!: string | null;

  /** ACTIVE, BLOCKED or CLOSED (terminal). */
  @Column({ type: 'text' })
  status!: string;

  /** YYYY-MM: the month the card is valid through. */
  @Column({ type: 'text', nullable: true })
  expiryDate!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => CardAccountOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'card_cards_account_fk' })
  account?: CardAccountOrmEntity;

  @ManyToOne(() => CardCustomerOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'cardholder_customer_id', foreignKeyConstraintName: 'card_cards_cardholder_fk' })
  cardholder?: CardCustomerOrmEntity;
}
