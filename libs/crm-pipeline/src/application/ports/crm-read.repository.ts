import type {
  LeadFilter,
  LeadSummaryView,
  LeadView,
  OpportunityFilter,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PageRequest,
  PipelineCountsView,
  PipelineReportFilter,
} from '../crm.read-models';

/** The read side: records with their history, filtered pages, and the pipeline counts. */
export abstract class CrmReadRepository {
  abstract getLead(id: string): Promise<LeadView | null>;
  abstract getOpportunity(id: string): Promise<OpportunityView | null>;
  abstract listLeads(filter: LeadFilter, page: PageRequest): Promise<Page<LeadSummaryView>>;
  abstract listOpportunities(
    filter: OpportunityFilter,
    page: PageRequest,
  ): Promise<Page<OpportunitySummaryView>>;
  abstract pipelineCounts(filter: PipelineReportFilter): Promise<PipelineCountsView>;
}
