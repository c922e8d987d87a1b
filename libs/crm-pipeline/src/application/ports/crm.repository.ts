import type { LeadStatus, RecordFacts } from '@hub/shared-kernel';
import { legalIdKey } from '../../domain/customer-keys';
import type { Lead } from '../../domain/lead';
import type { Opportunity } from '../../domain/opportunity';
import type { Stamp, StatusChange } from '../../domain/status-change';

/** How many records the stale-record job closed. */
export interface StaleClosure {
  readonly leads: number;
  readonly opportunities: number;
}

/**
 * What `createLeadUnlessOpen` found: it inserted the lead, or the legal ID's open lead and whether
 * an open opportunity carries the legal ID (then nothing was written). `openOpportunity` is also
 * true when the adapter could not tell: the caller then runs the full command.
 */
export type LeadUnlessOpenResult =
  | { readonly inserted: true }
  | {
      readonly inserted: false;
      readonly openLead: RecordFacts<LeadStatus> | null;
      readonly openOpportunity: boolean;
    };

/**
 * The write side of the CRM store. Every command runs inside `transaction`: one database
 * transaction, rolled back when `work` throws.
 */
export abstract class CrmRepository {
  abstract transaction<T>(work: (tx: CrmTransaction) => Promise<T>): Promise<T>;

  /**
   * Closes lost (reason EXPIRED) every open lead and opportunity last updated before `cutoff`,
   * with a history row each, stamped `stamp`; in batches, set-based. A record whose customer is
   * locked by a running command is skipped (it is being touched). Running it again closes nothing new.
   */
  abstract closeStale(cutoff: Date, stamp: Stamp): Promise<StaleClosure>;

  /**
   * NTB combo-create's common case in one step, under the locking protocol (the legal ID's key,
   * then the reads): when the legal ID has no open lead and no open opportunity, inserts `lead`
   * (new, never changed) with its creation row `created`; otherwise writes nothing and says what is
   * open. One transaction. An implementation may answer `openOpportunity: true` without writing
   * whenever it prefers the full command (the PostgreSQL one when another command holds the
   * customer's lock: it never queues behind it). This default runs the steps through `transaction`; the PostgreSQL
   * adapter does it in one statement.
   */
  async createLeadUnlessOpen(lead: Lead, created: StatusChange): Promise<LeadUnlessOpenResult> {
    return this.transaction(async (tx) => {
      await tx.lockCustomer([legalIdKey(lead.legalId)]);
      const openLead = await tx.findOpenLeadByLegalId(lead.legalId);
      const openOpportunity = (await tx.findOpenOpportunityByLegalId(lead.legalId)) !== null;
      if (openLead || openOpportunity) {
        return {
          inserted: false,
          openLead: openLead && { id: openLead.id, ownerId: openLead.ownerId, status: openLead.status },
          openOpportunity,
        };
      }
      await tx.insertLead(lead);
      await tx.appendHistory([created]);
      return { inserted: true };
    });
  }
}

/** What a command may do inside its transaction. */
export interface CrmTransaction {
  /**
   * Takes the transaction-scoped locks of these customer keys (`legal:<id>`, `cif:<cif>`), in the
   * order given; held until commit or rollback. Callers take legal-ID keys before CIF keys.
   */
  lockCustomer(keys: readonly string[]): Promise<void>;
  findOpenLeadByLegalId(legalId: string): Promise<Lead | null>;
  findOpenOpportunityByCif(cif: string): Promise<Opportunity | null>;
  findOpenOpportunityByLegalId(legalId: string): Promise<Opportunity | null>;
  findLead(id: string): Promise<Lead | null>;
  findOpportunity(id: string): Promise<Opportunity | null>;
  insertLead(lead: Lead): Promise<void>;
  insertOpportunity(opportunity: Opportunity): Promise<void>;
  /** Writes the lead's new state; fails if its stored status is no longer `expectedStatus`. */
  updateLead(lead: Lead, expectedStatus: Lead['status']): Promise<void>;
  updateOpportunity(opportunity: Opportunity, expectedStatus: Opportunity['status']): Promise<void>;
  appendHistory(changes: readonly StatusChange[]): Promise<void>;
}
