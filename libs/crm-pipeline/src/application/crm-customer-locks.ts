import { domainError } from '@hub/shared-kernel';
import { CrmErrors } from '../domain/crm.errors';
import { cifKey, keysOf, legalIdKey } from '../domain/customer-keys';
import type { Lead } from '../domain/lead';
import type { Opportunity } from '../domain/opportunity';
import type { CrmTransaction } from './ports/crm.repository';

/**
 * The CRM's locking protocol: how a command gets its customer to itself before it reads.
 *
 * - **Which locks.** Transaction-scoped advisory locks (`pg_advisory_xact_lock` in the PostgreSQL
 *   adapter, namespace `crm-customer`) on the customer's keys: `legal:<normalised legal ID>` and
 *   `cif:<CIF>` (`domain/customer-keys.ts`), held until commit or rollback. No row lock
 *   (`SELECT ... FOR UPDATE`) is taken: the records a command writes are read only once their
 *   customer's keys are held, and every writer holds them; each UPDATE still checks the status it
 *   read (`updateLead(lead, expectedStatus)`) and fails with CRM_CONCURRENT_UPDATE if it moved.
 * - **In what order.** Legal-ID keys before CIF keys, legal IDs sorted; a key learnt only from a
 *   record read under the first locks (the CIF of an NTB customer's open opportunity, the legal ID
 *   an ETB customer's opportunity carries) is taken after them and the record read again. Two
 *   commands therefore never wait for each other in opposite orders (no deadlock), and at most a
 *   few re-reads happen when a record is replaced between the look and the lock.
 * - **Why.** Two requests for one customer (one open lead per legal ID, one open opportunity per
 *   CIF and per legal ID) are serialised and leave the data as one of them alone would; requests
 *   for different customers never wait for each other. The partial unique indexes are the backstop
 *   (a violation re-runs the command). The stale-record job takes the same keys with try-locks and
 *   skips a busy customer.
 *
 * Each method returns the records the command works on, read under the locks.
 */
export const CustomerLocks = {
  /** NTB combo-create: the legal ID's key, then the CIF key of the open opportunity carrying it. */
  async ntb(
    tx: CrmTransaction,
    legalId: string,
  ): Promise<{ opportunity: Opportunity | null; lead: Lead | null }> {
    await tx.lockCustomer([legalIdKey(legalId)]);
    const opportunity = await openOpportunityOfLegalId(tx, legalId);
    const lead = await tx.findOpenLeadByLegalId(legalId);
    return { opportunity, lead };
  },

  /**
   * ETB combo-create: the legal IDs (the request's, the open opportunity's) then the CIF. A first
   * look, unlocked, learns the legal ID the open opportunity carries: a replacement inherits it, so
   * its lock is taken too. Returns the CIF's open opportunity and the legal ID's (which may be
   * another CIF's).
   */
  async etb(
    tx: CrmTransaction,
    cif: string,
    legalId: string | null,
  ): Promise<{ opportunity: Opportunity | null; ofLegalId: Opportunity | null }> {
    const look = await tx.findOpenOpportunityByCif(cif);
    const legalIds = dedupe([legalId, look?.legalId].filter((v): v is string => !!v)).sort();
    await tx.lockCustomer([...legalIds.map(legalIdKey), cifKey(cif)]);
    const opportunity = await tx.findOpenOpportunityByCif(cif);
    if (opportunity?.legalId) await tx.lockCustomer([legalIdKey(opportunity.legalId)]); // held unless replaced meanwhile
    const ofLegalId = legalId ? await tx.findOpenOpportunityByLegalId(legalId) : null;
    return { opportunity, ofLegalId };
  },

  /** Finds the lead, takes its customer's keys (plus `extraKeys`), then reads it again under them. */
  async lead(tx: CrmTransaction, id: string, extraKeys: readonly string[] = []): Promise<Lead> {
    const found = await tx.findLead(id);
    if (!found) throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId: id }]);
    await tx.lockCustomer(dedupe([...keysOf(found), ...extraKeys]));
    const lead = await tx.findLead(id);
    if (!lead) throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId: id }]);
    return lead;
  },

  /** Finds the opportunity, takes its customer's keys, then reads it again under them. */
  async opportunity(tx: CrmTransaction, id: string): Promise<Opportunity> {
    const found = await tx.findOpportunity(id);
    if (!found) throw domainError(CrmErrors.OPPORTUNITY_NOT_FOUND, [{ opportunityId: id }]);
    await tx.lockCustomer(keysOf(found));
    const opportunity = await tx.findOpportunity(id);
    if (!opportunity) throw domainError(CrmErrors.OPPORTUNITY_NOT_FOUND, [{ opportunityId: id }]);
    return opportunity;
  },
};

/**
 * The open opportunity carrying this legal ID, read under its CIF's lock too (the NTB check).
 * Re-read after taking the CIF lock, since a command holding only that lock may have replaced it.
 */
async function openOpportunityOfLegalId(tx: CrmTransaction, legalId: string): Promise<Opportunity | null> {
  const locked = new Set<string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const opportunity = await tx.findOpenOpportunityByLegalId(legalId);
    if (!opportunity || locked.has(opportunity.cif)) return opportunity;
    await tx.lockCustomer([cifKey(opportunity.cif)]);
    locked.add(opportunity.cif);
  }
  throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
}

function dedupe(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
