import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A segment: its criteria are columns, so evaluation is plain SQL over them. */
@Entity({ name: 'seg_segments' })
export class SegSegmentOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_segments' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  minTotalBalance!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  maxTotalBalance!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  minAverageMonthlyIncome!: string | null;

  @Column({ type: 'int', nullable: true })
  minMonthsWithIncome!: number | null;

  @Column({ type: 'text', array: true, nullable: true })
  incomeCategories!: string[] | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  minNetMonthlyCashFlow!: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  maxGamblingShare!: string | null;

  @Column({ type: 'boolean', nullable: true })
  hadNegativeBalance!: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  evaluatedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
