import type { Lead } from '../../domain/lead';
import type { Opportunity } from '../../domain/opportunity';
import type { Stamp, StatusChange } from '../../domain/status-change';

/** How many records the stale-record job closed. */
export interface StaleClosure {
  readonly leads: number;
  readonly opportunities: number;
}

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
