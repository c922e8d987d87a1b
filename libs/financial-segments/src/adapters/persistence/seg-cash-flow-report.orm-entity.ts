import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegCaseOrmEntity } from './seg-case.orm-entity';

/** A Cash-flow Report: the figures segments use are columns, the lists are JSON. */
@Entity({ name: 'seg_cash_flow_reports' })
@Index('seg_cash_flow_reports_case_uq', ['caseId'], { unique: true })
export class SegCashFlowReportOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_cash_flow_reports' })
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

  @Column({ type: 'int' })
  monthsObserved!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  totalInflow!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  totalOutflow!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyInflow!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyOutflow!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyNet!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  lowestBalance!: string | null;

  @Column({ type: 'int' })
  daysBelowZero!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  averageMonthlyFixedOutflow!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  affordability!: string;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  gamblingShare!: string;

  @Column({ type: 'jsonb' })
  byMonth: unknown;

  @Column({ type: 'jsonb' })
  byCategory: unknown;

  @Column({ type: 'jsonb' })
  outflowTransactions: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => SegCaseOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'seg_cash_flow_reports_case_fk' })
  case?: SegCaseOrmEntity;
}
