import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { CLOSED_STATUSES } from '@hub/shared-kernel';
import { inTransaction, lockKey, pgErrorCode, UNIQUE_VIOLATION } from '@hub/platform';
import { CrmRepository, type CrmTransaction } from '../../application/ports/crm.repository';
import { concurrentUpdate } from '../../domain/crm.errors';
import type { Lead } from '../../domain/lead';
import type { Opportunity } from '../../domain/opportunity';
import type { StatusChange } from '../../domain/status-change';
import { CrmLeadOrmEntity } from './crm-lead.orm-entity';
import { CrmOpportunityOrmEntity } from './crm-opportunity.orm-entity';
import { CrmStatusHistoryOrmEntity } from './crm-status-history.orm-entity';
import { historyToRow, leadFromRow, leadToRow, opportunityFromRow, opportunityToRow } from './crm.mapper';

const LOCK_NAMESPACE = 'crm-customer';
/** Whole-command retries after a unique-index race (none is expected under the customer locks). */
const UNIQUE_RACE_ATTEMPTS = 3;
const OPEN = Not(In([...CLOSED_STATUSES]));

/**
 * The write side on PostgreSQL. A command is one transaction (READ COMMITTED) serialised per
 * customer by transaction-scoped advisory locks; the partial unique indexes are the backstop, and
 * a violation of one re-runs the command (it then sees the winner's row) before giving up with 409.
 */
@Injectable()
export class TypeormCrmRepository extends CrmRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async transaction<T>(work: (tx: CrmTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, (manager) => work(new TypeormCrmTransaction(manager)));
      } catch (error) {
        if (pgErrorCode(error) !== UNIQUE_VIOLATION) throw error;
        if (attempt >= UNIQUE_RACE_ATTEMPTS) throw concurrentUpdate();
      }
    }
  }
}

class TypeormCrmTransaction implements CrmTransaction {
  constructor(private readonly manager: EntityManager) {}

  async lockCustomer(keys: readonly string[]): Promise<void> {
    for (const key of keys) await lockKey(this.manager, LOCK_NAMESPACE, key);
  }

  async findOpenLeadByLegalId(legalId: string): Promise<Lead | null> {
    const row = await this.manager.findOne(CrmLeadOrmEntity, { where: { legalId, status: OPEN } });
    return row ? leadFromRow(row) : null;
  }

  async findOpenOpportunityByCif(cif: string): Promise<Opportunity | null> {
    const row = await this.manager.findOne(CrmOpportunityOrmEntity, { where: { cif, status: OPEN } });
    return row ? opportunityFromRow(row) : null;
  }

  async findOpenOpportunityByLegalId(legalId: string): Promise<Opportunity | null> {
    const row = await this.manager.findOne(CrmOpportunityOrmEntity, { where: { legalId, status: OPEN } });
    return row ? opportunityFromRow(row) : null;
  }

  async findLead(id: string): Promise<Lead | null> {
    const row = await this.manager.findOne(CrmLeadOrmEntity, { where: { id } });
    return row ? leadFromRow(row) : null;
  }

  async findOpportunity(id: string): Promise<Opportunity | null> {
    const row = await this.manager.findOne(CrmOpportunityOrmEntity, { where: { id } });
    return row ? opportunityFromRow(row) : null;
  }

  async insertLead(lead: Lead): Promise<void> {
    await this.manager.insert(CrmLeadOrmEntity, leadToRow(lead));
  }

  async insertOpportunity(opportunity: Opportunity): Promise<void> {
    await this.manager.insert(CrmOpportunityOrmEntity, opportunityToRow(opportunity));
  }

  async updateLead(lead: Lead, expectedStatus: Lead['status']): Promise<void> {
    const { id, ...values } = leadToRow(lead);
    const result = await this.manager.update(CrmLeadOrmEntity, { id, status: expectedStatus }, values);
    if (result.affected !== 1) throw concurrentUpdate();
  }

  async updateOpportunity(opportunity: Opportunity, expectedStatus: Opportunity['status']): Promise<void> {
    const { id, ...values } = opportunityToRow(opportunity);
    const result = await this.manager.update(CrmOpportunityOrmEntity, { id, status: expectedStatus }, values);
    if (result.affected !== 1) throw concurrentUpdate();
  }

  async appendHistory(changes: readonly StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.manager.insert(CrmStatusHistoryOrmEntity, changes.map(historyToRow));
  }
}
