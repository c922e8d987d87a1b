import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bank's FX table: units of the base currency for one unit of `currency`, from `rateDate` on. */
@Entity({ name: 'seg_fx_rates' })
export class SegFxRateOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_fx_rates' })
  baseCurrency!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_seg_fx_rates' })
  currency!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_seg_fx_rates' })
  rateDate!: string;

  @Column({ type: 'numeric', precision: 28, scale: 10 })
  rate!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
