import { Injectable } from '@nestjs/common';
import {
  LEAD_STATUSES,
  OPPORTUNITY_STATUSES,
  dec,
  domainError,
  statusLabel,
  validationFailed,
  type LeadStatus,
} from '@hub/shared-kernel';
import { CrmErrors } from '../domain/crm.errors';
import { CrmConfig } from './crm-config';
import { checkFilter, checkPage } from './crm-query-input';
import type {
  LeadFilter,
  LeadSummaryView,
  LeadView,
  OpportunityFilter,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PageRequest,
  PipelineBreakdownView,
  PipelineReportView,
  PipelineReportFilter,
} from './crm.read-models';
import { CrmReadRepository } from './ports/crm-read.repository';

/** The codes combo-create accepts, as the bank configured them. */
export interface CrmCatalogue {
  readonly products: readonly string[];
  readonly channels: readonly string[];
}

/** The CRM pipeline's reads (docs/contracts/crm-pipeline.md): records, lists, the catalogue, the report. */
@Injectable()
export class CrmQueriesService {
  constructor(
    private readonly reads: CrmReadRepository,
    private readonly config: CrmConfig,
  ) {}

  /** The product and channel codes combo-create accepts. */
  catalogue(): CrmCatalogue {
    return { products: [...this.config.products], channels: [...this.config.channels] };
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

  async pipelineReport(filter: PipelineReportFilter): Promise<PipelineReportView> {
    if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
      throw validationFailed([{ field: 'from', issues: ['range'], message: 'from must not be after to' }]);
    }
    const counts = await this.reads.pipelineCounts(filter);
    const withLabels = (
      b: PipelineReportView['leads'] | typeof counts.leads,
      statuses: readonly string[],
    ): PipelineBreakdownView => {
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
}
