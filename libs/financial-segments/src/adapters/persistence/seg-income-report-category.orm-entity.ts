import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegIncomeReportOrmEntity } from './seg-income-report.orm-entity';

/**
 * Income of a report per category, with the months it came in as a bit string over the report's
 * observed months: what criteria restricted to categories are evaluated on (OR the bits of the
 * categories, count the ones).
 */
@Entity({ name: 'seg_income_report_categories' })
export class SegIncomeReportCategoryOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_income_report_categories' })
  reportId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_income_report_categories' })
  category!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  total!: string;

  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'varbit' })
  months!: string;

  @ManyToOne(() => SegIncomeReportOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'seg_income_report_categories_report_fk' })
  report?: SegIncomeReportOrmEntity;
}
