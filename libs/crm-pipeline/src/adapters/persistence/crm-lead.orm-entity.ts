import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CrmOpportunityOrmEntity } from './crm-opportunity.orm-entity';

/** A lead (NTB journey). At most one open lead per legal ID: the partial unique index. */
@Entity({ name: 'crm_leads' })
@Check('crm_leads_status_ck', `"status" IN ('NEW_LEAD', 'CLOSE_WON', 'CLOSE_LOST')`)
@Index('crm_leads_open_legal_id_uq', ['legalId'], {
  unique: true,
  where: `"status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
})
@Index('crm_leads_legal_id_idx', ['legalId'])
@Index('crm_leads_owner_id_idx', ['ownerId'])
@Index('crm_leads_created_at_idx', ['createdAt', 'id'])
@Index('crm_leads_open_updated_at_idx', ['updatedAt', 'id'], {
  where: `"status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
})
@Check('crm_leads_amount_currency_ck', `("amount" IS NULL) = ("currency" IS NULL)`)
@Check('crm_leads_amount_ck', `"amount" > 0`)
export class CrmLeadOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_crm_leads' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  ownerId!: string;

  @Column({ type: 'text' })
  legalId!: string;

  @Column({ type: 'text', nullable: true })
  mobileNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  fullName!: string | null;

  @Column({ type: 'text', nullable: true })
  cif!: string | null;

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
  convertedOpportunityId!: string | null;

  @Column({ type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => CrmOpportunityOrmEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'converted_opportunity_id',
    foreignKeyConstraintName: 'crm_leads_converted_opportunity_fk',
  })
  convertedOpportunity?: Relation<CrmOpportunityOrmEntity>;
}
