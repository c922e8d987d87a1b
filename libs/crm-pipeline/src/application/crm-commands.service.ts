import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Clock,
  LEAD_STATUSES,
  OPPORTUNITY_STATUSES,
  decideComboCreate,
  domainError,
  isOpen,
  type ComboCreateResult,
} from '@hub/shared-kernel';
import { CrmErrors } from '../domain/crm.errors';
import { cifKey } from '../domain/customer-keys';
import type { Lead } from '../domain/lead';
import { Opportunity } from '../domain/opportunity';
import { HistoryReason, type Stamp, type StatusChange } from '../domain/status-change';
import { CrmConfig } from './crm-config';
import { CustomerLocks } from './crm-customer-locks';
import { dealOf, dropUndefined, newLead } from './crm-new-records';
import {
  normaliseCloseWon,
  normaliseComboCreate,
  requireReasonFor,
  type CloseWonCommand,
  type ComboCreateCommand,
  type NormalisedComboCreate,
  type UpdateLeadStatusCommand,
  type UpdateOpportunityStatusCommand,
} from './crm-input';
import { CrmQueriesService } from './crm-queries.service';
import type { LeadView, OpportunityView } from './crm.read-models';
import { CrmRepository, type StaleClosure } from './ports/crm.repository';
import { OdsCustomers } from './ports/ods-customers';

export interface ComboCreateOutcome {
  readonly result: ComboCreateResult;
  readonly leadId?: string;
  readonly opportunityId?: string;
  readonly closedLeadId?: string;
  readonly closedOpportunityId?: string;
  readonly status: 'NEW_LEAD' | 'NEW_OPPORTUNITY';
  /** Whether a record was created (201) or an existing one returned (200). */
  readonly created: boolean;
}

export interface CloseWonOutcome {
  readonly leadId?: string;
  readonly opportunityId: string;
  readonly status: 'CLOSE_WON';
}

/** Who wrote the rows the daily stale-record job closes. */
export const STALE_RECORDS_ACTOR = 'crm-stale-records-job';
const DAY_MS = 86_400_000;

/**
 * The CRM pipeline's commands (docs/contracts/crm-pipeline.md). Each is one transaction that first
 * takes the customer's locks (`CustomerLocks`, the locking protocol), then reads the customer's
 * records, then lets the kernel and the entities decide. (About 300 lines: combo-create's
 * quick path and actions read best in one place, beside the commands that share its locks.)
 */
@Injectable()
export class CrmCommandsService {
  constructor(
    private readonly store: CrmRepository,
    private readonly clock: Clock,
    private readonly ods: OdsCustomers,
    private readonly config: CrmConfig,
    private readonly queries: CrmQueriesService,
  ) {}

  /**
   * `requestId` goes to the ODS lookup's audit record (the NTB check reads the ODS by the
   * customer's identifiers, like a summary lookup does).
   */
  async comboCreate(
    command: ComboCreateCommand,
    actor: string,
    requestId: string = randomUUID(),
  ): Promise<ComboCreateOutcome> {
    const input = normaliseComboCreate(command, this.config);
    await this.checkClassification(input, { actor, requestId });
    if (input.customerType === 'NTB') {
      const quick = await this.comboCreateNtbQuick(input, actor);
      if (quick) return quick;
    }
    return this.store.transaction(async (tx) => {
      const stamp = this.stamp(actor);
      let opportunity: Opportunity | null;
      let lead: Lead | null = null;
      if (input.customerType === 'NTB') {
        ({ opportunity, lead } = await CustomerLocks.ntb(tx, input.legalId!));
      } else {
        const locked = await CustomerLocks.etb(tx, input.cif!, input.legalId);
        opportunity = locked.opportunity;
        if (locked.ofLegalId && locked.ofLegalId.cif !== input.cif)
          throw domainError(CrmErrors.LEGAL_ID_OF_OTHER_CIF, [{ field: 'legalId' }]);
      }
      // A record taken over by another RM hands its customer's details to the new one (read
      // before the actions close it).
      const reassignedLead = lead && lead.ownerId !== input.ownerId ? lead.toProps() : null;
      const previous = opportunity && isOpen(opportunity.status) ? opportunity.toProps() : undefined;

      const decision = decideComboCreate(input, lead, opportunity);
      const changes: StatusChange[] = [];
      let outcome: Omit<ComboCreateOutcome, 'result' | 'status' | 'created'> = {
        leadId: decision.existingLeadId,
        opportunityId: decision.existingOpportunityId,
      };
      for (const action of decision.actions) {
        switch (action.type) {
          case 'CLOSE_OPPORTUNITY_LOST': {
            const from = opportunity!.status;
            changes.push(opportunity!.closeLost(action.reason, stamp));
            await tx.updateOpportunity(opportunity!, from);
            outcome = { ...outcome, closedOpportunityId: opportunity!.id };
            break;
          }
          case 'CLOSE_LEAD_LOST': {
            const from = lead!.status;
            changes.push(lead!.closeLost(action.reason, stamp));
            await tx.updateLead(lead!, from);
            outcome = { ...outcome, closedLeadId: lead!.id };
            break;
          }
          case 'CREATE_OPPORTUNITY': {
            // NTB reaches here only to take over an open opportunity: the customer is its CIF.
            // A replacement carries over what the request leaves out (only a reassignment has one).
            const legalId = input.legalId ?? previous?.legalId ?? null;
            // The open lead of that legal ID (any owner) is superseded by this opportunity.
            const superseded =
              legalId === null
                ? null
                : lead && lead.legalId === legalId
                  ? lead
                  : await tx.findOpenLeadByLegalId(legalId);
            const supersededProps = superseded?.toProps();
            const created = Opportunity.create(
              {
                id: randomUUID(),
                ownerId: input.ownerId,
                cif: input.cif ?? previous!.cif,
                legalId,
                mobileNumber:
                  input.mobileNumber ?? previous?.mobileNumber ?? supersededProps?.mobileNumber ?? null,
                fullName: input.fullName ?? previous?.fullName ?? supersededProps?.fullName ?? null,
                product: input.product,
                channel: input.channel,
                ...dealOf(input, previous),
              },
              stamp,
            );
            await tx.insertOpportunity(created.opportunity);
            changes.push(created.change);
            outcome = { ...outcome, opportunityId: created.opportunity.id };
            if (superseded && isOpen(superseded.status)) {
              const from = superseded.status;
              changes.push(superseded.closeLost(HistoryReason.SUPERSEDED, stamp));
              await tx.updateLead(superseded, from);
              outcome = { ...outcome, closedLeadId: superseded.id };
            }
            break;
          }
          case 'CREATE_LEAD': {
            const created = newLead(input, reassignedLead ?? undefined, stamp);
            await tx.insertLead(created.lead);
            changes.push(created.change);
            outcome = { ...outcome, leadId: created.lead.id };
            break;
          }
        }
      }
      await tx.appendHistory(changes);
      const isLead = decision.result.endsWith('_LEAD');
      return {
        result: decision.result,
        ...dropUndefined(outcome),
        status: isLead ? 'NEW_LEAD' : 'NEW_OPPORTUNITY',
        created: decision.actions.some((a) => a.type === 'CREATE_LEAD' || a.type === 'CREATE_OPPORTUNITY'),
      };
    });
  }

  /**
   * NTB combo-create in one round trip when the customer's case is the common one: no open record
   * (the lead is created) or an open lead of the same RM (EXISTING_LEAD, nothing to write). The
   * store takes the same lock and reads the same records as the full command, and writes only when
   * nothing is open; the kernel decides from what it found. Null: the full command decides.
   */
  private async comboCreateNtbQuick(
    input: NormalisedComboCreate,
    actor: string,
  ): Promise<ComboCreateOutcome | null> {
    const fresh = decideComboCreate(input, null, null);
    if (fresh.actions.length !== 1 || fresh.actions[0].type !== 'CREATE_LEAD') return null;
    const created = newLead(input, undefined, this.stamp(actor));
    const found = await this.store.createLeadUnlessOpen(created.lead, created.change);
    if (found.inserted) {
      return { result: fresh.result, leadId: created.lead.id, status: 'NEW_LEAD', created: true };
    }
    if (found.openOpportunity || !found.openLead) return null;
    const decision = decideComboCreate(input, found.openLead, null);
    if (decision.actions.length > 0) return null;
    return {
      result: decision.result,
      ...dropUndefined({ leadId: decision.existingLeadId, opportunityId: decision.existingOpportunityId }),
      status: 'NEW_LEAD',
      created: false,
    };
  }

  /** combo-update: Close Won of a lead (with its conversion) or of an opportunity. */
  async closeWon(command: CloseWonCommand, actor: string): Promise<CloseWonOutcome> {
    const input = normaliseCloseWon(command);
    if ('leadId' in input) {
      const { leadId, cif } = input;
      return this.store.transaction(async (tx) => {
        const stamp = this.stamp(actor);
        const lead = await CustomerLocks.lead(tx, leadId, [cifKey(cif)]);
        const from = lead.status;
        const opportunityId = randomUUID();
        const leadChange = lead.convert(cif, opportunityId, stamp);
        const converted = Opportunity.convertedFrom(lead, opportunityId, cif, stamp);
        await tx.insertOpportunity(converted.opportunity);
        await tx.updateLead(lead, from);
        // The converted lead was its legal ID's one open lead (the unique index), so nothing is
        // left to supersede; the read keeps the rule in force should that ever change.
        const other = await tx.findOpenLeadByLegalId(lead.legalId);
        const changes = [leadChange, converted.change];
        if (other) {
          const otherFrom = other.status;
          changes.push(other.closeLost(HistoryReason.SUPERSEDED, stamp));
          await tx.updateLead(other, otherFrom);
        }
        await tx.appendHistory(changes);
        return { leadId: lead.id, opportunityId, status: 'CLOSE_WON' as const };
      });
    }
    const { opportunityId } = input;
    return this.store.transaction(async (tx) => {
      const opportunity = await CustomerLocks.opportunity(tx, opportunityId);
      const from = opportunity.status;
      const change = opportunity.closeWon(this.stamp(actor));
      await tx.updateOpportunity(opportunity, from);
      await tx.appendHistory([change]);
      return {
        ...(opportunity.leadId ? { leadId: opportunity.leadId } : {}),
        opportunityId,
        status: 'CLOSE_WON' as const,
      };
    });
  }

  async updateLeadStatus(command: UpdateLeadStatusCommand, actor: string): Promise<LeadView> {
    const reason = requireReasonFor(command.status, command.reason, LEAD_STATUSES);
    await this.store.transaction(async (tx) => {
      const lead = await CustomerLocks.lead(tx, command.leadId);
      const from = lead.status;
      const change = lead.close(command.status, reason, this.stamp(actor));
      await tx.updateLead(lead, from);
      await tx.appendHistory([change]);
    });
    return this.queries.getLead(command.leadId);
  }

  async updateOpportunityStatus(
    command: UpdateOpportunityStatusCommand,
    actor: string,
  ): Promise<OpportunityView> {
    const reason = requireReasonFor(command.status, command.reason, OPPORTUNITY_STATUSES);
    await this.store.transaction(async (tx) => {
      const opportunity = await CustomerLocks.opportunity(tx, command.opportunityId);
      const from = opportunity.status;
      const change = opportunity.close(command.status, reason, this.stamp(actor));
      await tx.updateOpportunity(opportunity, from);
      await tx.appendHistory([change]);
    });
    return this.queries.getOpportunity(command.opportunityId);
  }

  /**
   * The daily job: open leads and opportunities untouched (`updatedAt`) for CRM_STALE_AFTER_DAYS
   * are closed lost, reason EXPIRED, with a history row each. Idempotent: a second run finds
   * nothing more to close. Records whose customer a command is working on are left for the next run.
   */
  async closeStaleRecords(): Promise<StaleClosure> {
    if (this.config.staleAfterDays === 0) return { leads: 0, opportunities: 0 };
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.staleAfterDays * DAY_MS);
    return this.store.closeStale(cutoff, { actor: STALE_RECORDS_ACTOR, at: now });
  }

  /**
   * NTB/ETB checked against the ODS (CRM_CLASSIFICATION_CHECK=enforce): an NTB customer must not
   * hold an open CIF (by legal ID or mobile, the summary's matching rules), an ETB one must.
   */
  private async checkClassification(
    input: NormalisedComboCreate,
    context: { actor: string; requestId: string },
  ): Promise<void> {
    if (this.config.classificationCheck === 'off') return;
    if (input.customerType === 'NTB') {
      const known = await this.ods.hasOpenCif(
        { legalId: input.legalId!, mobileNumber: input.mobileNumber },
        context,
      );
      if (known) throw domainError(CrmErrors.CUSTOMER_TYPE_MISMATCH, [{ suggestedCustomerType: 'ETB' }]);
    } else if (!(await this.ods.isOpenCif(input.cif!))) {
      throw domainError(CrmErrors.CIF_NOT_FOUND, [{ field: 'cif' }]);
    }
  }

  private stamp(actor: string): Stamp {
    return { actor, at: this.clock.now() };
  }
}
