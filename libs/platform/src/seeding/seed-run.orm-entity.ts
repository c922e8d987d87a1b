import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per demo-data seeder that has run on this database (see `seedOnce`): instances starting
 * together on an empty database seed once, and a later start does not seed again.
 */
@Entity({ name: 'platform_seed_runs' })
export class SeedRunOrmEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** The instance that ran it: host name and process id (no personal data). */
  @Column({ type: 'text' })
  seededBy!: string;

  /** False when the seeder found its tables already holding data and loaded nothing. */
  @Column({ type: 'boolean' })
  loaded!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  seededAt!: Date;
}
