import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SegUserOrmEntity } from './seg-user.orm-entity';

/** An import from one bank (IMPORT, keyed by bank name) or the bank's own CASA of a CIF (ODS_CASA, keyed by CIF). */
@Entity({ name: 'seg_data_sources' })
@Index('seg_data_sources_user_type_key_uq', ['userId', 'type', 'sourceKey'], { unique: true })
export class SegDataSourceOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_seg_data_sources' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  type!: 'IMPORT' | 'ODS_CASA';

  /** The bank name (IMPORT) or the CIF (ODS_CASA). */
  @Column({ type: 'text' })
  sourceKey!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => SegUserOrmEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'seg_data_sources_user_fk' })
  user?: SegUserOrmEntity;
}
