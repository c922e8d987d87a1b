import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CrmLeadOrmEntity } from './crm-lead.orm-entity';

/**
 * An opportunity (ETB journey). At most one open opportunity per CIF, and per legal ID when it
 * carries one (the NTB check finds it by legal ID): the two partial unique indexes.
 */
@Entity({ name: 'crm_opportunities' })
@Check('crm_opportunities_status_ck', `"status" IN ('NEW_OPPORTUNITY', 'CLOSE_WON', 'CLOSE_LOST')`)
@Index('crm_opportunities_open_cif_uq', ['cif'], {
  unique: true,
  where: `"status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
})
@Index('crm_opportunities_open_legal_id_uq', ['legalId'], {
  unique: true,
  where: `"status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
})
@Index('crm_opportunities_cif_idx', ['cif'])
@Index('crm_opportunities_legal_id_idx', ['legalId'])
@Index('crm_opportunities_owner_id_idx', ['ownerId'])
@Index('crm_opportunities_lead_id_idx', ['leadId'])
@Index('crm_opportunities_created_at_idx', ['createdAt', 'id'])
@Index('crm_opportunities_open_updated_at_idx', ['updatedAt', 'id'], {
  where: `"status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
})
@Check('crm_opportunities_amount_currency_ck', `("amount" IS NULL) = ("currency" IS NULL)`)
@Check('crm_opportunities_amount_ck', `"amount" > 0`)
export class CrmOpportunityOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_crm_opportunities' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  ownerId!: string;

  @Column({ type: 'text' })
  cif!: string;

  @Column({ type: 'text', nullable: true })
  legalId!: string | null;

  @Column({ type: 'text', nullable: true })
  mobileNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  fullName!: string | null;

  @Column({ type: 'text' })
  product!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  amount!: string | null;

  @Column({ type: 'text', nullable: true })
  currency!: string | null;

  @Column({ type: 'date', nullable: true })
  expectedCloseDate!: string | null;

  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => CrmLeadOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'crm_opportunities_lead_fk' })
  lead?: Relation<CrmLeadOrmEntity>;
}
