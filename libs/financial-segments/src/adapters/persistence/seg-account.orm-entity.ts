import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegDataSourceOrmEntity } from './seg-data-source.orm-entity';

/** A user's bank account, identified by (bank name, account number) per user. */
@Entity({ name: 'seg_accounts' })
@Index('seg_accounts_user_bank_number_uq', ['userId', 'bankName', 'accountNumber'], { unique: true })
@Index('seg_accounts_data_source_idx', ['dataSourceId'])
export class SegAccountOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_accounts' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  dataSourceId!: string;

  @Column({ type: 'text' })
  bankName!: string;

  @Column({ type: 'text' })
  accountNumber!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  balance!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => SegDataSourceOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'data_source_id', foreignKeyConstraintName: 'seg_accounts_data_source_fk' })
  dataSource?: SegDataSourceOrmEntity;
}
