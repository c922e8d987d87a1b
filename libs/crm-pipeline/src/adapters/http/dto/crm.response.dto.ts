// Over 300 lines on purpose: declarations only: one class per CRM wire object, for Swagger; no
// logic.
import type { Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMBO_CREATE_RESULTS,
  LEAD_STATUSES,
  OPPORTUNITY_STATUSES,
  type ComboCreateResult,
  type CrmRecordType,
  type LeadStatus,
  type OpportunityStatus,
} from '@hub/shared-kernel';
import type { CloseWonOutcome, ComboCreateOutcome } from '../../../application/crm-commands.service';
import type { CrmCatalogue } from '../../../application/crm-queries.service';
import type {
  AmountView,
  CloseLostReasonView,
  CountView,
  CurrencyTotalView,
  HistoryEntryView,
  LeadSummaryView,
  LeadView,
  MedianDaysView,
  OpportunitySummaryView,
  OpportunityView,
  Page,
  PipelineBreakdownView,
  PipelineReportView,
  StatusCountView,
} from '../../../application/crm.read-models';

const ALL_STATUSES = [...new Set([...LEAD_STATUSES, ...OPPORTUNITY_STATUSES])];

export class ComboCreateResponseDto {
  @ApiProperty({ enum: COMBO_CREATE_RESULTS })
  readonly result!: ComboCreateResult;
  @ApiPropertyOptional({ format: 'uuid' })
  readonly leadId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  readonly opportunityId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The lead closed lost: REASSIGNED to another RM, or SUPERSEDED by the opportunity created for its legal ID',
  })
  readonly closedLeadId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The opportunity closed lost (REASSIGNED) for another RM',
  })
  readonly closedOpportunityId?: string;
  @ApiProperty({ enum: ['NEW_LEAD', 'NEW_OPPORTUNITY'] })
  readonly status!: 'NEW_LEAD' | 'NEW_OPPORTUNITY';

  static from(outcome: ComboCreateOutcome): ComboCreateResponseDto {
    const dto: Record<string, unknown> = { result: outcome.result };
    for (const key of ['leadId', 'opportunityId', 'closedLeadId', 'closedOpportunityId'] as const) {
      if (outcome[key] !== undefined) dto[key] = outcome[key];
    }
    dto.status = outcome.status;
    return dto as unknown as ComboCreateResponseDto;
  }
}

export class ComboUpdateResponseDto {
  @ApiPropertyOptional({ format: 'uuid' })
  readonly leadId?: string;
  @ApiProperty({
    format: 'uuid',
    description: 'The opportunity closed won (for a lead: the one it was converted into)',
  })
  readonly opportunityId!: string;
  @ApiProperty({ enum: ['CLOSE_WON'] })
  readonly status!: 'CLOSE_WON';

  static from(outcome: CloseWonOutcome): ComboUpdateResponseDto {
    return {
      ...(outcome.leadId ? { leadId: outcome.leadId } : {}),
      opportunityId: outcome.opportunityId,
      status: outcome.status,
    };
  }
}

export class StatusHistoryEntryDto implements Wire<HistoryEntryView> {
  @ApiProperty({ enum: ALL_STATUSES, nullable: true, type: String, description: 'null on creation' })
  readonly from!: LeadStatus | OpportunityStatus | null;
  @ApiProperty({ enum: ALL_STATUSES })
  readonly to!: LeadStatus | OpportunityStatus;
  @ApiProperty({ nullable: true, type: String, example: 'AML_REJECTED' })
  readonly reason!: string | null;
  @ApiProperty({ description: 'The token subject of the caller', example: 'channel-app' })
  readonly actor!: string;
  @ApiProperty({ format: 'date-time' })
  readonly at!: string;

  static from(entry: HistoryEntryView): StatusHistoryEntryDto {
    return {
      from: entry.from,
      to: entry.to,
      reason: entry.reason,
      actor: entry.actor,
      at: entry.at.toISOString(),
    };
  }
}

class RecordResponseBase {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;
  @ApiProperty({ example: 'New Lead' })
  readonly statusLabel!: string;
  @ApiProperty({ example: 'RM001' })
  readonly ownerId!: string;
  @ApiProperty({ nullable: true, type: String, example: '+84912345678' })
  readonly mobileNumber!: string | null;
  @ApiProperty({ nullable: true, type: String })
  readonly fullName!: string | null;
  @ApiProperty({ example: 'CREDIT_CARD' })
  readonly product!: string;
  @ApiProperty({ example: 'MOBILE_APP' })
  readonly channel!: string;
  @ApiProperty({ nullable: true, type: String, example: '150000000.00', description: 'Decimal string' })
  readonly amount!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'VND', description: 'ISO 4217, with amount' })
  readonly currency!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2026-12-31' })
  readonly expectedCloseDate!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'AML_REJECTED',
    description:
      "The caller's reason, or REASSIGNED, SUPERSEDED (leads) or EXPIRED (the daily stale-record job)",
  })
  readonly closeReason!: string | null;
  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  readonly updatedAt!: string;
}

export class LeadSummaryResponseDto extends RecordResponseBase implements Wire<LeadSummaryView> {
  @ApiProperty({ enum: LEAD_STATUSES })
  readonly status!: LeadStatus;
  @ApiProperty({ example: '079203001234' })
  readonly legalId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set on conversion' })
  readonly cif!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  readonly convertedOpportunityId!: string | null;

  static from(view: LeadSummaryView): LeadSummaryResponseDto {
    return {
      id: view.id,
      status: view.status,
      statusLabel: view.statusLabel,
      ownerId: view.ownerId,
      legalId: view.legalId,
      mobileNumber: view.mobileNumber,
      fullName: view.fullName,
      cif: view.cif,
      product: view.product,
      channel: view.channel,
      amount: view.amount,
      currency: view.currency,
      expectedCloseDate: view.expectedCloseDate,
      convertedOpportunityId: view.convertedOpportunityId,
      closeReason: view.closeReason,
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
    };
  }
}

export class LeadResponseDto extends LeadSummaryResponseDto implements Wire<LeadView> {
  @ApiProperty({ type: () => [StatusHistoryEntryDto] })
  readonly history!: StatusHistoryEntryDto[];

  static override from(view: LeadView): LeadResponseDto {
    return { ...LeadSummaryResponseDto.from(view), history: view.history.map(StatusHistoryEntryDto.from) };
  }
}

export class OpportunitySummaryResponseDto
  extends RecordResponseBase
  implements Wire<OpportunitySummaryView>
{
  @ApiProperty({ enum: OPPORTUNITY_STATUSES })
  readonly status!: OpportunityStatus;
  @ApiProperty({ nullable: true, type: String, example: '079203001234' })
  readonly legalId!: string | null;
  @ApiProperty({ example: '7700000001' })
  readonly cif!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The lead it was converted from',
  })
  readonly leadId!: string | null;

  static from(view: OpportunitySummaryView): OpportunitySummaryResponseDto {
    return {
      id: view.id,
      status: view.status,
      statusLabel: view.statusLabel,
      ownerId: view.ownerId,
      legalId: view.legalId,
      mobileNumber: view.mobileNumber,
      fullName: view.fullName,
      cif: view.cif,
      product: view.product,
      channel: view.channel,
      amount: view.amount,
      currency: view.currency,
      expectedCloseDate: view.expectedCloseDate,
      leadId: view.leadId,
      closeReason: view.closeReason,
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
    };
  }
}

export class OpportunityResponseDto extends OpportunitySummaryResponseDto implements Wire<OpportunityView> {
  @ApiProperty({ type: () => [StatusHistoryEntryDto] })
  readonly history!: StatusHistoryEntryDto[];

  static override from(view: OpportunityView): OpportunityResponseDto {
    return {
      ...OpportunitySummaryResponseDto.from(view),
      history: view.history.map(StatusHistoryEntryDto.from),
    };
  }
}

export class LeadPageResponseDto implements Wire<Page<LeadSummaryView>> {
  @ApiProperty({ type: () => [LeadSummaryResponseDto] })
  readonly items!: LeadSummaryResponseDto[];
  @ApiProperty()
  readonly total!: number;
  @ApiProperty()
  readonly page!: number;
  @ApiProperty()
  readonly pageSize!: number;

  static from(page: Page<LeadSummaryView>): LeadPageResponseDto {
    return {
      items: page.items.map(LeadSummaryResponseDto.from),
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }
}

export class OpportunityPageResponseDto implements Wire<Page<OpportunitySummaryView>> {
  @ApiProperty({ type: () => [OpportunitySummaryResponseDto] })
  readonly items!: OpportunitySummaryResponseDto[];
  @ApiProperty()
  readonly total!: number;
  @ApiProperty()
  readonly page!: number;
  @ApiProperty()
  readonly pageSize!: number;

  static from(page: Page<OpportunitySummaryView>): OpportunityPageResponseDto {
    return {
      items: page.items.map(OpportunitySummaryResponseDto.from),
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }
}

export class CountDto implements Wire<CountView> {
  @ApiProperty({ example: 'MOBILE_APP' })
  readonly key!: string;
  @ApiProperty({ example: 12 })
  readonly count!: number;
}

export class StatusCountDto extends CountDto implements Wire<StatusCountView> {
  @ApiProperty({ example: 'New Lead' })
  readonly label!: string;
}

export class AmountDto implements Wire<AmountView> {
  @ApiProperty({ example: 'NEW_OPPORTUNITY' })
  readonly status!: string;
  @ApiProperty({ example: 'VND' })
  readonly currency!: string;
  @ApiProperty({ description: 'Records of this status and currency that carry an amount' })
  readonly count!: number;
  @ApiProperty({ example: '450000000.00', description: 'Their amounts summed (decimal string)' })
  readonly total!: string;
}

export class MedianDaysDto implements Wire<MedianDaysView> {
  @ApiProperty({ nullable: true, type: Number, example: 12.5, description: 'Closed won; null with none' })
  readonly won!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3, description: 'Closed lost; null with none' })
  readonly lost!: number | null;
}

export class CrmCurrencyTotalDto implements Wire<CurrencyTotalView> {
  @ApiProperty({ example: 'VND' })
  readonly currency!: string;
  @ApiProperty({ example: '300000000.00' })
  readonly total!: string;
}

export class PipelineBreakdownDto implements Wire<PipelineBreakdownView> {
  @ApiProperty()
  readonly total!: number;
  @ApiProperty({
    type: () => [StatusCountDto],
    description: 'Every status of the machine, zero counts included',
  })
  readonly byStatus!: StatusCountDto[];
  @ApiProperty({ type: () => [CountDto] })
  readonly byChannel!: CountDto[];
  @ApiProperty({ type: () => [CountDto] })
  readonly byProduct!: CountDto[];
  @ApiProperty({ type: () => [CountDto] })
  readonly byOwner!: CountDto[];
  @ApiProperty({ type: () => [AmountDto], description: 'Amounts per status and currency' })
  readonly amounts!: AmountDto[];
  @ApiProperty({
    type: () => MedianDaysDto,
    description:
      "Median days from creation to close (2 places). Opportunities converted from a lead are born closed and left out: their journey is the lead's",
  })
  readonly medianDaysToClose!: MedianDaysDto;

  static from(b: PipelineBreakdownView): PipelineBreakdownDto {
    const counts = (list: readonly CountView[]) => list.map((c) => ({ key: c.key, count: c.count }));
    return {
      total: b.total,
      byStatus: b.byStatus.map((c: StatusCountView) => ({ key: c.key, label: c.label, count: c.count })),
      byChannel: counts(b.byChannel),
      byProduct: counts(b.byProduct),
      byOwner: counts(b.byOwner),
      amounts: b.amounts.map((a) => ({
        status: a.status,
        currency: a.currency,
        count: a.count,
        total: a.total,
      })),
      medianDaysToClose: { won: b.medianDaysToClose.won, lost: b.medianDaysToClose.lost },
    };
  }
}

export class ConversionDto {
  @ApiProperty({ description: 'Leads closed won (converted)' })
  readonly leadsConverted!: number;
  @ApiProperty({ description: 'Leads closed won or lost (reassignments included)' })
  readonly leadsClosed!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '0.6667',
    description: 'leadsConverted / leadsClosed, 4 places; null with no closed lead',
  })
  readonly rate!: string | null;
}

export class CloseLostReasonDto implements Wire<CloseLostReasonView> {
  @ApiProperty({ enum: ['LEAD', 'OPPORTUNITY'] })
  readonly recordType!: CrmRecordType;
  @ApiProperty({ example: 'AML_REJECTED' })
  readonly reason!: string;
  @ApiProperty()
  readonly count!: number;
}

export class PipelineReportResponseDto implements Wire<PipelineReportView> {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  readonly from!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  readonly to!: string | null;
  @ApiProperty({ type: () => PipelineBreakdownDto })
  readonly leads!: PipelineBreakdownDto;
  @ApiProperty({ type: () => PipelineBreakdownDto })
  readonly opportunities!: PipelineBreakdownDto;
  @ApiProperty({ type: () => ConversionDto })
  readonly conversion!: ConversionDto;
  @ApiProperty({ type: () => [CloseLostReasonDto] })
  readonly closeLostReasons!: CloseLostReasonDto[];
  @ApiProperty({
    type: () => [CrmCurrencyTotalDto],
    description:
      "Amounts of the opportunities closed won, per currency (a converted lead's amount counts once)",
  })
  readonly wonAmounts!: CrmCurrencyTotalDto[];

  static from(report: PipelineReportView): PipelineReportResponseDto {
    return {
      from: report.from?.toISOString() ?? null,
      to: report.to?.toISOString() ?? null,
      leads: PipelineBreakdownDto.from(report.leads),
      opportunities: PipelineBreakdownDto.from(report.opportunities),
      conversion: { ...report.conversion },
      closeLostReasons: report.closeLostReasons.map((r) => ({
        recordType: r.recordType,
        reason: r.reason,
        count: r.count,
      })),
      wonAmounts: report.wonAmounts.map((w) => ({ currency: w.currency, total: w.total })),
    };
  }
}

export class CatalogueResponseDto implements Wire<CrmCatalogue> {
  @ApiProperty({
    example: ['CASA', 'CREDIT_CARD', 'UNSECURED_LOAN'],
    description: 'Product codes (CRM_PRODUCTS)',
  })
  readonly products!: string[];
  @ApiProperty({ example: ['MOBILE_APP', 'WEB', 'BRANCH'], description: 'Channel codes (CRM_CHANNELS)' })
  readonly channels!: string[];

  static from(catalogue: CrmCatalogue): CatalogueResponseDto {
    return { products: [...catalogue.products], channels: [...catalogue.channels] };
  }
}
