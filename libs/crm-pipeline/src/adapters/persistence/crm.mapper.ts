import type { LeadStatus, OpportunityStatus } from '@hub/shared-kernel';
import { Lead } from '../../domain/lead';
import { Opportunity } from '../../domain/opportunity';
import type { StatusChange } from '../../domain/status-change';
import { CrmLeadOrmEntity } from './crm-lead.orm-entity';
import { CrmOpportunityOrmEntity } from './crm-opportunity.orm-entity';
import { CrmStatusHistoryOrmEntity } from './crm-status-history.orm-entity';

export function leadFromRow(row: CrmLeadOrmEntity): Lead {
  return Lead.restore({
    id: row.id,
    status: row.status as LeadStatus,
    ownerId: row.ownerId,
    legalId: row.legalId,
    mobileNumber: row.mobileNumber,
    fullName: row.fullName,
    cif: row.cif,
    product: row.product,
    channel: row.channel,
    amount: row.amount,
    currency: row.currency,
    expectedCloseDate: row.expectedCloseDate,
    convertedOpportunityId: row.convertedOpportunityId,
    closeReason: row.closeReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function leadToRow(lead: Lead): CrmLeadOrmEntity {
  const p = lead.toProps();
  return Object.assign(new CrmLeadOrmEntity(), {
    id: p.id,
    status: p.status,
    ownerId: p.ownerId,
    legalId: p.legalId,
    mobileNumber: p.mobileNumber,
    fullName: p.fullName,
    cif: p.cif,
    product: p.product,
    channel: p.channel,
    amount: p.amount,
    currency: p.currency,
    expectedCloseDate: p.expectedCloseDate,
    convertedOpportunityId: p.convertedOpportunityId,
    closeReason: p.closeReason,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  });
}

export function opportunityFromRow(row: CrmOpportunityOrmEntity): Opportunity {
  return Opportunity.restore({
    id: row.id,
    status: row.status as OpportunityStatus,
    ownerId: row.ownerId,
    cif: row.cif,
    legalId: row.legalId,
    mobileNumber: row.mobileNumber,
    fullName: row.fullName,
    product: row.product,
    channel: row.channel,
    amount: row.amount,
    currency: row.currency,
    expectedCloseDate: row.expectedCloseDate,
    leadId: row.leadId,
    closeReason: row.closeReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function opportunityToRow(opportunity: Opportunity): CrmOpportunityOrmEntity {
  const p = opportunity.toProps();
  return Object.assign(new CrmOpportunityOrmEntity(), {
    id: p.id,
    status: p.status,
    ownerId: p.ownerId,
    cif: p.cif,
    legalId: p.legalId,
    mobileNumber: p.mobileNumber,
    fullName: p.fullName,
    product: p.product,
    channel: p.channel,
    amount: p.amount,
    currency: p.currency,
    expectedCloseDate: p.expectedCloseDate,
    leadId: p.leadId,
    closeReason: p.closeReason,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  });
}

export function historyToRow(change: StatusChange): Partial<CrmStatusHistoryOrmEntity> {
  return {
    recordType: change.recordType,
    recordId: change.recordId,
    fromStatus: change.from,
    toStatus: change.to,
    reason: change.reason,
    actor: change.actor,
    at: change.at,
  };
}
