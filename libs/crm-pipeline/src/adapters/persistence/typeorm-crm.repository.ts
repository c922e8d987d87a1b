import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { CLOSED_STATUSES, domainError, type LeadStatus } from '@hub/shared-kernel';
import { inTransaction, lockKey, pgErrorCode, UNIQUE_VIOLATION } from '@hub/platform';
import type { Pool } from 'pg';
import {
  CrmRepository,
  type CrmTransaction,
  type LeadUnlessOpenResult,
  type StaleClosure,
} from '../../application/ports/crm.repository';
import { legalIdKey } from '../../domain/customer-keys';
import { CrmErrors } from '../../domain/crm.errors';
import type { Lead } from '../../domain/lead';
import type { Opportunity } from '../../domain/opportunity';
import { HistoryReason, type Stamp, type StatusChange } from '../../domain/status-change';
import { CrmLeadOrmEntity } from './crm-lead.orm-entity';
import { CrmOpportunityOrmEntity } from './crm-opportunity.orm-entity';
import { CrmStatusHistoryOrmEntity } from './crm-status-history.orm-entity';
import { historyToRow, leadFromRow, leadToRow, opportunityFromRow, opportunityToRow } from './crm.mapper';

const LOCK_NAMESPACE = 'crm-customer';
/** Whole-command retries after a unique-index race (none is expected under the customer locks). */
const UNIQUE_RACE_ATTEMPTS = 3;
const OPEN = Not(In([...CLOSED_STATUSES]));
/** Records the stale-record job closes per transaction (each holds a try-lock per customer key). */
const STALE_BATCH = 500;

/**
 * The stale-record job's statement for one batch of candidate ids of one table: takes the
 * customer's advisory locks without waiting (the same keys the commands lock; a busy customer is
 * skipped), re-checks that each record is still open and stale, closes it lost (EXPIRED) and
 * writes its history row. Returns the ids it closed.
 */
function staleCloseSql(table: 'crm_leads' | 'crm_opportunities'): string {
  const lead = table === 'crm_leads';
  const open = lead ? 'NEW_LEAD' : 'NEW_OPPORTUNITY';
  const locks = lead
    ? `pg_try_advisory_xact_lock(hashtextextended('${LOCK_NAMESPACE}:legal:' || legal_id, 0))`
    : `(legal_id IS NULL OR pg_try_advisory_xact_lock(hashtextextended('${LOCK_NAMESPACE}:legal:' || legal_id, 0)))
         AND pg_try_advisory_xact_lock(hashtextextended('${LOCK_NAMESPACE}:cif:' || cif, 0))`;
  return `
    WITH locked AS MATERIALIZED (
      SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) AND ${locks}
    ), closed AS (
      UPDATE ${table} t SET status = 'CLOSE_LOST', close_reason = '${HistoryReason.EXPIRED}', updated_at = $3
        FROM locked
       WHERE t.id = locked.id AND t.status = '${open}' AND t.updated_at < $2
      RETURNING t.id
    )
    INSERT INTO crm_status_history (record_type, record_id, from_status, to_status, reason, actor, at)
    SELECT '${lead ? 'LEAD' : 'OPPORTUNITY'}', id, '${open}', 'CLOSE_LOST', '${HistoryReason.EXPIRED}', $4, $3
      FROM closed
    RETURNING record_id`;
}

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
        if (attempt >= UNIQUE_RACE_ATTEMPTS) throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
      }
    }
  }

  /**
   * One statement, a prepared call of `crm_create_lead_unless_open` (migration 1764600000000) on
   * the primary's pool, autocommitted: the lock (tried, never waited for: a busy customer goes to
   * the full command), the reads and the inserts in one transaction. A unique-index race (none is
   * expected under the lock) also leaves the decision to the full command.
   */
  override async createLeadUnlessOpen(lead: Lead, created: StatusChange): Promise<LeadUnlessOpenResult> {
    const p = lead.toProps();
    if (p.status !== created.to || created.from !== null || created.recordId !== p.id) {
      return super.createLeadUnlessOpen(lead, created);
    }
    try {
      const { rows } = await this.primary().query<{
        inserted: boolean;
        open_lead_id: string | null;
        open_lead_owner_id: string | null;
        open_lead_status: LeadStatus | null;
        open_opportunity: boolean;
      }>({
        name: 'crm-create-lead-unless-open',
        text: 'SELECT * FROM crm_create_lead_unless_open($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)',
        values: [
          `${LOCK_NAMESPACE}:${legalIdKey(p.legalId)}`,
          p.id,
          p.status,
          p.ownerId,
          p.legalId,
          p.mobileNumber,
          p.fullName,
          p.product,
          p.channel,
          p.amount,
          p.currency,
          p.expectedCloseDate,
          p.createdAt,
          created.reason,
          created.actor,
        ],
      });
      const row = rows[0];
      if (row.inserted) return { inserted: true };
      return {
        inserted: false,
        openLead: row.open_lead_id
          ? { id: row.open_lead_id, ownerId: row.open_lead_owner_id!, status: row.open_lead_status! }
          : null,
        openOpportunity: row.open_opportunity,
      };
    } catch (error) {
      if (pgErrorCode(error) !== UNIQUE_VIOLATION) throw error;
      return { inserted: false, openLead: null, openOpportunity: true };
    }
  }

  /** The driver's pool of the primary (writes never go to a replica). */
  private primary(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  async closeStale(cutoff: Date, stamp: Stamp): Promise<StaleClosure> {
    return {
      leads: await this.closeStaleIn('crm_leads', cutoff, stamp),
      opportunities: await this.closeStaleIn('crm_opportunities', cutoff, stamp),
    };
  }

  /** Walks the open records by (updated_at, id) below the cutoff, one batch per transaction. */
  private async closeStaleIn(
    table: 'crm_leads' | 'crm_opportunities',
    cutoff: Date,
    stamp: Stamp,
  ): Promise<number> {
    let closed = 0;
    let after: { updatedAt: Date; id: string } | null = null;
    for (;;) {
      const batch: { id: string; updated_at: Date }[] = await this.dataSource.query(
        `SELECT id, updated_at FROM ${table}
          WHERE status NOT IN ('CLOSE_WON', 'CLOSE_LOST') AND updated_at < $1
            AND ($2::timestamptz IS NULL OR (updated_at, id) > ($2, $3::uuid))
          ORDER BY updated_at, id LIMIT ${STALE_BATCH}`,
        [cutoff, after?.updatedAt ?? null, after?.id ?? null],
      );
      if (batch.length === 0) return closed;
      const rows: unknown[] = await inTransaction(this.dataSource, (manager) =>
        manager.query(staleCloseSql(table), [batch.map((r) => r.id), cutoff, stamp.at, stamp.actor]),
      );
      closed += rows.length;
      const last = batch[batch.length - 1];
      after = { updatedAt: last.updated_at, id: last.id };
      if (batch.length < STALE_BATCH) return closed;
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
    if (result.affected !== 1) throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
  }

  async updateOpportunity(opportunity: Opportunity, expectedStatus: Opportunity['status']): Promise<void> {
    const { id, ...values } = opportunityToRow(opportunity);
    const result = await this.manager.update(CrmOpportunityOrmEntity, { id, status: expectedStatus }, values);
    if (result.affected !== 1) throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
  }

  async appendHistory(changes: readonly StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.manager.insert(CrmStatusHistoryOrmEntity, changes.map(historyToRow));
  }
}
