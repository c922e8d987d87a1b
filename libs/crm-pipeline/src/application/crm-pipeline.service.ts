import { Injectable } from '@nestjs/common';
import { CrmCommandsService, type CloseWonOutcome, type ComboCreateOutcome } from './crm-commands.service';
import { CrmConfig } from './crm-config';
import type {
  CloseWonCommand,
  ComboCreateCommand,
  UpdateLeadStatusCommand,
  UpdateOpportunityStatusCommand,
} from './crm-input';
import { CrmQueriesService, type CrmCatalogue } from './crm-queries.service';
import type {
  LeadFilter,
  LeadSummaryView,
  LeadView,
  OpportunityFilter,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PageRequest,
  PipelineReportView,
  PipelineReportFilter,
} from './crm.read-models';
import { CrmReadRepository } from './ports/crm-read.repository';
import { CrmRepository, type StaleClosure } from './ports/crm.repository';
import { OdsCustomers } from './ports/ods-customers';
import { Clock } from '@hub/shared-kernel';

export { STALE_RECORDS_ACTOR, type CloseWonOutcome, type ComboCreateOutcome } from './crm-commands.service';
export type {
  CloseWonCommand,
  ComboCreateCommand,
  UpdateLeadStatusCommand,
  UpdateOpportunityStatusCommand,
} from './crm-input';
export { MAX_PAGE, MAX_PAGE_SIZE } from './crm-query-input';
export type { CrmCatalogue } from './crm-queries.service';

/**
 * Every CRM use case on one object, as the package exported it before the commands
 * (`CrmCommandsService`) and the queries (`CrmQueriesService`) were split: kept for the public API
 * (`@hub/crm-pipeline` users and `app.get(CrmPipelineService)`), with the constructor it had. Each
 * method hands over to the split services; the module's controller, job and demo data use those.
 */
@Injectable()
export class CrmPipelineService {
  private readonly commands: CrmCommandsService;
  private readonly queries: CrmQueriesService;

  constructor(
    store: CrmRepository,
    reads: CrmReadRepository,
    clock: Clock,
    ods: OdsCustomers,
    config: CrmConfig,
  ) {
    this.queries = new CrmQueriesService(reads, config);
    this.commands = new CrmCommandsService(store, clock, ods, config, this.queries);
  }

  catalogue(): CrmCatalogue {
    return this.queries.catalogue();
  }

  comboCreate(command: ComboCreateCommand, actor: string, requestId?: string): Promise<ComboCreateOutcome> {
    return this.commands.comboCreate(command, actor, requestId);
  }

  closeWon(command: CloseWonCommand, actor: string): Promise<CloseWonOutcome> {
    return this.commands.closeWon(command, actor);
  }

  updateLeadStatus(command: UpdateLeadStatusCommand, actor: string): Promise<LeadView> {
    return this.commands.updateLeadStatus(command, actor);
  }

  updateOpportunityStatus(command: UpdateOpportunityStatusCommand, actor: string): Promise<OpportunityView> {
    return this.commands.updateOpportunityStatus(command, actor);
  }

  closeStaleRecords(): Promise<StaleClosure> {
    return this.commands.closeStaleRecords();
  }

  getLead(id: string): Promise<LeadView> {
    return this.queries.getLead(id);
  }

  getOpportunity(id: string): Promise<OpportunityView> {
    return this.queries.getOpportunity(id);
  }

  listLeads(filter: LeadFilter, page: PageRequest): Promise<Page<LeadSummaryView>> {
    return this.queries.listLeads(filter, page);
  }

  listOpportunities(filter: OpportunityFilter, page: PageRequest): Promise<Page<OpportunitySummaryView>> {
    return this.queries.listOpportunities(filter, page);
  }

  pipelineReport(filter: PipelineReportFilter): Promise<PipelineReportView> {
    return this.queries.pipelineReport(filter);
  }
}
