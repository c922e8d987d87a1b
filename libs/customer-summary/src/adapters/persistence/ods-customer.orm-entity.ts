import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ods_* tables. These entities exist for the schema (migrations are checked against them);
 * the adapter reads and writes with set-based SQL, never through `find` with relations.
 */
@Entity({ name: 'ods_customers' })
export class OdsCustomerOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customers' })
  cif!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'text', nullable: true })
  gender!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;

  /** When the ODS extracted the snapshot; null for rows loaded before the feed carried it. */
  @Column({ type: 'timestamptz', nullable: true })
  extractedAt!: Date | null;

  /** The CIF's data-quality codes (see the module's domain/data-quality.ts). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  qualityFlags!: string[];
}
