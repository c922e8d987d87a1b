import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegIncomeReportOrmEntity } from './seg-income-report.orm-entity';

/** Income per month and category of a report: what criteria restricted to categories are evaluated on. */
@Entity({ name: 'seg_income_report_months' })
export class SegIncomeReportMonthOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_income_report_months' })
  reportId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_seg_income_report_months' })
  month: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_income_report_months' })
  category: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  total: string;

  @Column({ type: 'int' })
  count: number;

  @ManyToOne(() => SegIncomeReportOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'seg_income_report_months_report_fk' })
  report?: SegIncomeReportOrmEntity;
}
