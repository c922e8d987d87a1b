import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegCaseOrmEntity } from './seg-case.orm-entity';

/** An Income Report: the figures segments are evaluated on are columns, the lists are JSON. */
@Entity({ name: 'seg_income_reports' })
@Index('seg_income_reports_case_uq', ['caseId'], { unique: true })
export class SegIncomeReportOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_income_reports' })
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'date', nullable: true })
  periodFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  periodTo!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  totalIncome!: string;

  @Column({ type: 'int' })
  monthsObserved!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyIncome!: string;

  @Column({ type: 'int' })
  monthsWithIncome!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  totalBalance!: string;

  @Column({ type: 'jsonb' })
  byMonth: unknown;

  @Column({ type: 'jsonb' })
  byCategory: unknown;

  @Column({ type: 'jsonb', nullable: true })
  mainIncomeSource: unknown;

  /** Income aggregated per currency; null on reports built before it was kept. */
  @Column({ type: 'jsonb', nullable: true })
  incomeByCurrency: unknown;

  /** Money held per currency, converted with the FX table; null on reports built before it was kept. */
  @Column({ type: 'jsonb', nullable: true })
  moneyHeld: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => SegCaseOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'seg_income_reports_case_fk' })
  case?: SegCaseOrmEntity;
}
