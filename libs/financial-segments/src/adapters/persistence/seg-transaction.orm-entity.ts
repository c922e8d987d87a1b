import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegAccountOrmEntity } from './seg-account.orm-entity';

/** A booked transaction; the bank's transaction id is unique per account, so re-imports add nothing twice. */
@Entity({ name: 'seg_transactions' })
@Index('seg_transactions_account_external_uq', ['accountId', 'externalId'], { unique: true })
export class SegTransactionOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_transactions' })
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  externalId!: string;

  @Column({ type: 'date' })
  bookingDate!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text' })
  counterpartName!: string;

  @Column({ type: 'text', nullable: true })
  counterpartAccount!: string | null;

  @ManyToOne(() => SegAccountOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'seg_transactions_account_fk' })
  account?: SegAccountOrmEntity;
}
