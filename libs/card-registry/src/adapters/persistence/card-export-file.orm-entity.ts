import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One daily export file written to CARD_EXPORT_DIR. The unique (institution, kind, period) is the
 * claim: an instance inserts the row in the transaction that writes the file, so a second instance
 * waits for that transaction and then finds the period done.
 */
@Entity({ name: 'card_export_files' })
@Index('card_export_files_period_uq', ['institutionId', 'kind', 'period'], { unique: true })
export class CardExportFileOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_export_files' })
  id!: string;

  @Column({ type: 'text' })
  institutionId!: string;

  /** customers, accounts or cards. */
  @Column({ type: 'text' })
  kind!: string;

  /** The UTC day the file covers. */
  @Column({ type: 'date' })
  period!: string;

  @Column({ type: 'text' })
  format!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'integer' })
  rowCount!: number;

  @Column({ type: 'bigint' })
  byteCount!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
