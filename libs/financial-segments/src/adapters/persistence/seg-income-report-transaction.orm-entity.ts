import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegIncomeReportOrmEntity } from './seg-income-report.orm-entity';

/** One income transaction of a report: a copy of what was classified, its category and the rule that matched. */
@Entity({ name: 'seg_income_report_transactions' })
export class SegIncomeReportTransactionOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_income_report_transactions' })
  reportId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_seg_income_report_transactions' })
  position!: number;

  @Column({ type: 'text' })
  transactionId!: string;

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

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  matchedRule!: string;

  @ManyToOne(() => SegIncomeReportOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'seg_income_report_transactions_report_fk' })
  report?: SegIncomeReportOrmEntity;
}
