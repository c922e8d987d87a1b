import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  LEAD_STATUSES,
  LegalId,
  MobileNumber,
  OPPORTUNITY_STATUSES,
  decideComboCreate,
  compare,
  dec,
  isCalendarDate,
  isDecimalString,
  isOpen,
  statusLabel,
  toFixed,
  domainError,
  KernelErrors,
  validationFailed,
  type ComboCreateResult,
  type CustomerType,
  type FieldIssue,
  type LeadStatus,
  type OpportunityStatus,
  isIso4217Currency,
  isStorableText,
} from '@hub/shared-kernel';
import { CrmErrors } from '../domain/crm.errors';
import { cifKey, keysOf, legalIdKey, normaliseCif } from '../domain/customer-keys';
import { Lead } from '../domain/lead';
import { Opportunity } from '../domain/opportunity';
import { HistoryReason, type Stamp, type StatusChange } from '../domain/status-change';
import { CrmConfig } from './crm-config';
import type {
  LeadFilter,
  LeadSummaryView,
  LeadView,
  OpportunityFilter,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PageRequest,
  PipelineBreakdown,
  PipelineReport,
  PipelineReportFilter,
} from './crm.read-models';
import { CrmReadRepository } from './ports/crm-read.repository';
import { CrmRepository, type CrmTransaction, type StaleClosure } from './ports/crm.repository';
import { OdsCustomers } from './ports/ods-customers';
import { Clock } from '@hub/shared-kernel';

export interface ComboCreateCommand {
  readonly customerType: CustomerType;
  readonly ownerId: string;
  readonly legalId?: string;
  readonly mobileNumber?: string;
  readonly fullName?: string;
  readonly cif?: string;
  readonly product: string;
  readonly channel: string;
  /** Expected deal value: a decimal string with up to 2 places, greater than 0; needs `currency`. */
  readonly amount?: string;
  /** ISO 4217; needs `amount`. */
  readonly currency?: string;
  /** `YYYY-MM-DD` */
  readonly expectedCloseDate?: string;
}

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

export interface CloseWonCommand {
  readonly leadId?: string;
  readonly opportunityId?: string;
  /** The CIF the customer got on onboarding: required to convert a lead. */
  readonly cif?: string;
}

export interface CloseWonOutcome {
  readonly leadId?: string;
  readonly opportunityId: string;
  readonly status: 'CLOSE_WON';
}

/** The codes combo-create accepts, as the bank configured them. */
export interface CrmCatalogue {
  readonly products: readonly string[];
  readonly channels: readonly string[];
}

export interface UpdateLeadStatusCommand {
  readonly leadId: string;
  readonly status: LeadStatus;
  readonly reason?: string;
}

export interface UpdateOpportunityStatusCommand {
  readonly opportunityId: string;
  readonly status: OpportunityStatus;
  readonly reason?: string;
}

interface NormalisedComboCreate {
  readonly customerType: CustomerType;
  readonly ownerId: string;
  readonly legalId: string | null;
  readonly mobileNumber: string | null;
  readonly fullName: string | null;
  readonly cif: string | null;
  readonly product: string;
  readonly channel: string;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly expectedCloseDate: string | null;
}

/** Who wrote the rows the daily stale-record job closes. */
export const STALE_RECORDS_ACTOR = 'crm-stale-records-job';
const DAY_MS = 86_400_000;

export const MAX_PAGE_SIZE = 100;
/** The forms combo-create accepts (after normalisation), used to check the list filters. */
const CIF_FORM = /^[A-Z0-9]{1,20}$/;
const OWNER_FORM = /^[A-Za-z0-9._-]{1,64}$/;
/** The deepest page whose offset the database still takes exactly: (page - 1) * pageSize stays a safe integer. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE);

/** C0 controls and DEL: PostgreSQL text cannot hold NUL, and none belongs in a name or a reason. */

/**
 * The CRM pipeline's use cases (docs/contracts/crm-pipeline.md). Each command is one transaction that first takes the
 * customer's locks, then reads the customer's records, then lets the kernel decide.
 */
@Injectable()
export class CrmPipelineService {
  constructor(
    private readonly store: CrmRepository,
    private readonly reads: CrmReadRepository,
    private readonly clock: Clock,
    private readonly ods: OdsCustomers,
    private readonly config: CrmConfig,
  ) {}

  /** The product and channel codes combo-create accepts. */
  catalogue(): CrmCatalogue {
    return { products: [...this.config.products], channels: [...this.config.channels] };
  }

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
    return this.store.transaction(async (tx) => {
      const stamp = this.stamp(actor);
      let opportunity: Opportunity | null;
      let lead: Lead | null = null;
      if (input.customerType === 'NTB') {
        const legalId = input.legalId!;
        await tx.lockCustomer([legalIdKey(legalId)]);
        opportunity = await this.openOpportunityOfLegalId(tx, legalId);
        lead = await tx.findOpenLeadByLegalId(legalId);
      } else {
        const cif = input.cif!;
        // A first look, unlocked, learns the legal ID the open opportunity carries: a replacement
        // inherits it, so its lock is taken too (legal-ID keys before the CIF key).
        const look = await tx.findOpenOpportunityByCif(cif);
        const legalIds = dedupe([input.legalId, look?.legalId].filter((v): v is string => !!v)).sort();
        await tx.lockCustomer([...legalIds.map(legalIdKey), cifKey(cif)]);
        opportunity = await tx.findOpenOpportunityByCif(cif);
        if (opportunity?.legalId) await tx.lockCustomer([legalIdKey(opportunity.legalId)]); // held unless replaced meanwhile
        if (input.legalId) {
          const byLegalId = await tx.findOpenOpportunityByLegalId(input.legalId);
          if (byLegalId && byLegalId.cif !== cif)
            throw domainError(CrmErrors.LEGAL_ID_OF_OTHER_CIF, [{ field: 'legalId' }]);
        }
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
            const created = Lead.create(
              {
                id: randomUUID(),
                ownerId: input.ownerId,
                legalId: input.legalId!,
                mobileNumber: input.mobileNumber ?? reassignedLead?.mobileNumber ?? null,
                fullName: input.fullName ?? reassignedLead?.fullName ?? null,
                product: input.product,
                channel: input.channel,
                ...dealOf(input, reassignedLead ?? undefined),
              },
              stamp,
            );
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

  /** combo-update: Close Won of a lead (with its conversion) or of an opportunity. */
  async closeWon(command: CloseWonCommand, actor: string): Promise<CloseWonOutcome> {
    const problems: FieldIssue[] = [];
    if (command.leadId && command.opportunityId) {
      problems.push({
        field: 'opportunityId',
        issues: ['exclusive'],
        message: 'send either leadId or opportunityId, not both',
      });
    } else if (!command.leadId && !command.opportunityId) {
      problems.push({
        field: 'leadId',
        issues: ['required'],
        message: 'leadId or opportunityId is required',
      });
    } else if (command.leadId && !command.cif?.trim()) {
      problems.push({
        field: 'cif',
        issues: ['required'],
        message: 'cif (the CIF given on onboarding) is required to convert a lead',
      });
    } else if (command.opportunityId && command.cif !== undefined) {
      problems.push({ field: 'cif', issues: ['unexpected'], message: 'cif is only sent with a leadId' });
    }
    if (problems.length) throw validationFailed(problems);

    if (command.leadId) {
      const leadId = command.leadId;
      const cif = normaliseCif(command.cif!);
      return this.store.transaction(async (tx) => {
        const stamp = this.stamp(actor);
        const lead = await this.lockedLead(tx, leadId, [cifKey(cif)]);
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
    const opportunityId = command.opportunityId!;
    return this.store.transaction(async (tx) => {
      const opportunity = await this.lockedOpportunity(tx, opportunityId);
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
      const lead = await this.lockedLead(tx, command.leadId, []);
      const from = lead.status;
      const change = lead.close(command.status, reason, this.stamp(actor));
      await tx.updateLead(lead, from);
      await tx.appendHistory([change]);
    });
    return this.getLead(command.leadId);
  }

  async updateOpportunityStatus(
    command: UpdateOpportunityStatusCommand,
    actor: string,
  ): Promise<OpportunityView> {
    const reason = requireReasonFor(command.status, command.reason, OPPORTUNITY_STATUSES);
    await this.store.transaction(async (tx) => {
      const opportunity = await this.lockedOpportunity(tx, command.opportunityId);
      const from = opportunity.status;
      const change = opportunity.close(command.status, reason, this.stamp(actor));
      await tx.updateOpportunity(opportunity, from);
      await tx.appendHistory([change]);
    });
    return this.getOpportunity(command.opportunityId);
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

  async getLead(id: string): Promise<LeadView> {
    const view = await this.reads.getLead(id);
    if (!view) throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId: id }]);
    return view;
  }

  async getOpportunity(id: string): Promise<OpportunityView> {
    const view = await this.reads.getOpportunity(id);
    if (!view) throw domainError(CrmErrors.OPPORTUNITY_NOT_FOUND, [{ opportunityId: id }]);
    return view;
  }

  async listLeads(filter: LeadFilter, page: PageRequest): Promise<Page<LeadSummaryView>> {
    const checked = checkPage(page);
    return this.reads.listLeads({ ...filter, ...checkFilter(filter) }, checked);
  }

  async listOpportunities(
    filter: OpportunityFilter,
    page: PageRequest,
  ): Promise<Page<OpportunitySummaryView>> {
    const checked = checkPage(page);
    return this.reads.listOpportunities({ ...filter, ...checkFilter(filter) }, checked);
  }

  async pipelineReport(filter: PipelineReportFilter): Promise<PipelineReport> {
    if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
      throw validationFailed([{ field: 'from', issues: ['range'], message: 'from must not be after to' }]);
    }
    const counts = await this.reads.pipelineCounts(filter);
    const withLabels = (
      b: PipelineReport['leads'] | typeof counts.leads,
      statuses: readonly string[],
    ): PipelineBreakdown => {
      const byKey = new Map(b.byStatus.map((c) => [c.key, c.count]));
      return {
        ...b,
        byStatus: statuses.map((s) => ({
          key: s,
          label: statusLabel(s as LeadStatus),
          count: byKey.get(s) ?? 0,
        })),
      };
    };
    const leads = withLabels(counts.leads, LEAD_STATUSES);
    const countOf = (status: string) => leads.byStatus.find((c) => c.key === status)?.count ?? 0;
    const leadsConverted = countOf('CLOSE_WON');
    const leadsClosed = leadsConverted + countOf('CLOSE_LOST');
    return {
      from: filter.from ?? null,
      to: filter.to ?? null,
      leads,
      opportunities: withLabels(counts.opportunities, OPPORTUNITY_STATUSES),
      conversion: {
        leadsConverted,
        leadsClosed,
        rate: leadsClosed === 0 ? null : dec(leadsConverted).div(leadsClosed).toFixed(4),
      },
      closeLostReasons: counts.closeLostReasons,
      wonAmounts: counts.wonAmounts,
    };
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

  /**
   * The open opportunity carrying this legal ID, read under its CIF's lock too (the NTB check).
   * Re-read after taking the CIF lock, since a command holding only that lock may have replaced it.
   */
  private async openOpportunityOfLegalId(tx: CrmTransaction, legalId: string): Promise<Opportunity | null> {
    const locked = new Set<string>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const opportunity = await tx.findOpenOpportunityByLegalId(legalId);
      if (!opportunity || locked.has(opportunity.cif)) return opportunity;
      await tx.lockCustomer([cifKey(opportunity.cif)]);
      locked.add(opportunity.cif);
    }
    throw domainError(CrmErrors.CRM_CONCURRENT_UPDATE);
  }

  /** Finds the lead, takes its customer's locks (plus `extraKeys`), then reads it again under them. */
  private async lockedLead(tx: CrmTransaction, id: string, extraKeys: readonly string[]): Promise<Lead> {
    const found = await tx.findLead(id);
    if (!found) throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId: id }]);
    await tx.lockCustomer(dedupe([...keysOf(found), ...extraKeys]));
    const lead = await tx.findLead(id);
    if (!lead) throw domainError(CrmErrors.LEAD_NOT_FOUND, [{ leadId: id }]);
    return lead;
  }

  private async lockedOpportunity(tx: CrmTransaction, id: string): Promise<Opportunity> {
    const found = await tx.findOpportunity(id);
    if (!found) throw domainError(CrmErrors.OPPORTUNITY_NOT_FOUND, [{ opportunityId: id }]);
    await tx.lockCustomer(keysOf(found));
    const opportunity = await tx.findOpportunity(id);
    if (!opportunity) throw domainError(CrmErrors.OPPORTUNITY_NOT_FOUND, [{ opportunityId: id }]);
    return opportunity;
  }

  private stamp(actor: string): Stamp {
    return { actor, at: this.clock.now() };
  }
}

/** The cross-field rules of a combo-create (the HTTP DTO checks only types and lengths). */
function normaliseComboCreate(command: ComboCreateCommand, config: CrmConfig): NormalisedComboCreate {
  const problems: FieldIssue[] = [];
  let legalId: string | null = null;
  if (command.legalId !== undefined) {
    const parsed = LegalId.tryParse(command.legalId);
    if (parsed) legalId = parsed.value;
    else
      problems.push({
        field: 'legalId',
        issues: ['legalId'],
        message: 'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number',
      });
  } else if (command.customerType === 'NTB') {
    problems.push({
      field: 'legalId',
      issues: ['required'],
      message: 'legalId is required for an NTB customer',
    });
  }
  let mobileNumber: string | null = null;
  if (command.mobileNumber !== undefined) {
    const parsed = MobileNumber.tryParse(command.mobileNumber);
    if (parsed) mobileNumber = parsed.e164;
    else
      problems.push({
        field: 'mobileNumber',
        issues: ['mobileNumber'],
        message: 'mobileNumber must be a valid mobile number',
      });
  }
  const cif = command.cif === undefined ? null : normaliseCif(command.cif);
  if (command.customerType === 'ETB' && !cif) {
    problems.push({ field: 'cif', issues: ['required'], message: 'cif is required for an ETB customer' });
  }
  if (command.customerType === 'NTB' && cif !== null) {
    problems.push({
      field: 'cif',
      issues: ['unexpected'],
      message: 'an NTB customer has no CIF yet: send customerType ETB',
    });
  }
  const fullName = command.fullName?.trim().replace(/\s+/g, ' ') || null;
  if (fullName !== null && !isStorableText(fullName)) {
    problems.push({
      field: 'fullName',
      issues: ['format'],
      message: 'fullName must not contain control characters',
    });
  }
  const deal = normaliseDeal(command, problems);
  if (problems.length) throw validationFailed(problems);
  const outside = [
    { field: 'product' as const, value: command.product, allowed: config.products },
    { field: 'channel' as const, value: command.channel, allowed: config.channels },
  ].filter((c) => !c.allowed.includes(c.value));
  if (outside.length)
    throw domainError(
      KernelErrors.VALIDATION_FAILED,
      outside.map((p) => ({
        field: p.field,
        issues: ['isIn'],
        message: `${p.field} must be one of the catalogue's codes: ${p.allowed.join(', ')}`,
        allowed: [...p.allowed],
      })),
    );
  return {
    customerType: command.customerType,
    ownerId: command.ownerId.trim(),
    legalId,
    mobileNumber,
    fullName,
    cif,
    product: command.product,
    channel: command.channel,
    ...deal,
  };
}

/** amount (> 0, up to 2 decimals) and currency (ISO 4217) come together; expectedCloseDate is a date. */
function normaliseDeal(
  command: ComboCreateCommand,
  problems: FieldIssue[],
): Pick<NormalisedComboCreate, 'amount' | 'currency' | 'expectedCloseDate'> {
  let amount: string | null = null;
  let currency: string | null = null;
  if (command.amount !== undefined) {
    if (!isDecimalString(command.amount, 2) || compare(command.amount, '0') <= 0) {
      problems.push({
        field: 'amount',
        issues: ['isDecimal'],
        message:
          'amount must be a decimal string greater than 0 with up to 2 decimals, such as "150000000.00"',
      });
    } else amount = toFixed(command.amount, 2);
    if (command.currency === undefined)
      problems.push({ field: 'currency', issues: ['required'], message: 'currency is required with amount' });
  }
  if (command.currency !== undefined) {
    if (!isIso4217Currency(command.currency)) {
      problems.push({
        field: 'currency',
        issues: ['isISO4217CurrencyCode'],
        message: 'currency must be an ISO 4217 code such as VND',
      });
    } else currency = command.currency;
    if (command.amount === undefined)
      problems.push({ field: 'amount', issues: ['required'], message: 'amount is required with currency' });
  }
  let expectedCloseDate: string | null = null;
  if (command.expectedCloseDate !== undefined) {
    if (!isCalendarDate(command.expectedCloseDate)) {
      problems.push({
        field: 'expectedCloseDate',
        issues: ['isDate'],
        message: 'expectedCloseDate must be a date YYYY-MM-DD',
      });
    } else expectedCloseDate = command.expectedCloseDate;
  }
  return { amount, currency, expectedCloseDate };
}

/** The deal fields of a new record: the request's, else those of the record it replaces. */
function dealOf(
  input: NormalisedComboCreate,
  previous: { amount: string | null; currency: string | null; expectedCloseDate: string | null } | undefined,
): { amount: string | null; currency: string | null; expectedCloseDate: string | null } {
  const fromRequest = input.amount !== null;
  return {
    amount: fromRequest ? input.amount : (previous?.amount ?? null),
    currency: fromRequest ? input.currency : (previous?.currency ?? null),
    expectedCloseDate: input.expectedCloseDate ?? previous?.expectedCloseDate ?? null,
  };
}

/** A close-lost needs a reason; a close-won may carry one. Returns the trimmed reason. */
function requireReasonFor(
  status: string,
  reason: string | undefined,
  statuses: readonly string[],
): string | null {
  if (!statuses.includes(status)) {
    throw validationFailed([
      { field: 'status', issues: ['isIn'], message: `status must be one of ${statuses.join(', ')}` },
    ]);
  }
  const trimmed = reason?.trim() || null;
  if (trimmed !== null && !isStorableText(trimmed)) {
    throw validationFailed([
      { field: 'reason', issues: ['format'], message: 'reason must not contain control characters' },
    ]);
  }
  if (status === 'CLOSE_LOST' && !trimmed) {
    throw validationFailed([
      { field: 'reason', issues: ['required'], message: 'reason is required to close a record lost' },
    ]);
  }
  return trimmed;
}

function checkPage(page: PageRequest): PageRequest {
  const problems: FieldIssue[] = [];
  if (!Number.isInteger(page.page) || page.page < 1 || page.page > MAX_PAGE)
    problems.push({
      field: 'page',
      issues: ['range'],
      message: `page must be an integer from 1 to ${MAX_PAGE}`,
    });
  if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > MAX_PAGE_SIZE) {
    problems.push({
      field: 'pageSize',
      issues: ['max'],
      message: `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    });
  }
  if (problems.length) throw validationFailed(problems);
  return page;
}

/**
 * The list filters, normalised: a legal ID must be one (CMND, CCCD or passport), a CIF and an owner
 * have the forms combo-create accepts. What could never have been stored is a 400, not an empty page.
 */
function checkFilter(filter: { legalId?: string; cif?: string; ownerId?: string }): {
  legalId?: string;
  cif?: string;
} {
  const problems: FieldIssue[] = [];
  let legalId: string | undefined;
  if (filter.legalId !== undefined) {
    legalId = LegalId.tryParse(filter.legalId)?.value;
    if (legalId === undefined)
      problems.push({
        field: 'legalId',
        issues: ['legalId'],
        message: 'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number',
      });
  }
  let cif: string | undefined;
  if (filter.cif !== undefined) {
    cif = normaliseCif(filter.cif);
    if (!CIF_FORM.test(cif))
      problems.push({ field: 'cif', issues: ['format'], message: 'cif must be 1-20 letters or digits' });
  }
  if (filter.ownerId !== undefined && !OWNER_FORM.test(filter.ownerId)) {
    problems.push({
      field: 'ownerId',
      issues: ['format'],
      message: 'ownerId must be 1-64 letters, digits, dots, dashes or underscores',
    });
  }
  if (problems.length) throw validationFailed(problems);
  return {
    ...(filter.legalId !== undefined ? { legalId } : {}),
    ...(filter.cif !== undefined ? { cif } : {}),
  };
}

function dedupe(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
