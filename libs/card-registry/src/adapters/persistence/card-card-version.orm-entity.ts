import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CardCardOrmEntity } from './card-card.orm-entity';

/** Every version of every card as recorded: append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'card_card_versions' })
@Index('card_card_versions_institution_received_idx', ['institutionId', 'receivedAt'])
export class CardCardVersionOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_card_versions' })
  cardId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_card_card_versions' })
  version!: number;

  @Column({ type: 'text' })
  institutionId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  data: unknown;

  @ManyToOne(() => CardCardOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'card_card_versions_card_fk' })
  card?: CardCardOrmEntity;
}
