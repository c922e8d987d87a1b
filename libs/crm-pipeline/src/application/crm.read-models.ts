import type { CrmRecordType, LeadStatus, OpportunityStatus } from '@hub/shared-kernel';
import type { SaleRecordProps } from '../domain/sale-record';

/** What the read routes return: plain data, straight from the read repository (no behaviour). */
export interface HistoryEntryView {
  readonly from: LeadStatus | OpportunityStatus | null;
  readonly to: LeadStatus | OpportunityStatus;
  readonly reason: string | null;
  readonly actor: string;
  readonly at: Date;
}

/** The sale's fields as the records hold them, with the status's display label. */
interface RecordViewBase extends Readonly<SaleRecordProps> {
  readonly statusLabel: string;
}

export interface LeadSummaryView extends RecordViewBase {
  readonly status: LeadStatus;
  readonly legalId: string;
  readonly cif: string | null;
  readonly convertedOpportunityId: string | null;
}

export interface OpportunitySummaryView extends RecordViewBase {
  readonly status: OpportunityStatus;
  readonly legalId: string | null;
  readonly cif: string;
  readonly leadId: string | null;
}

export interface LeadView extends LeadSummaryView {
  readonly history: readonly HistoryEntryView[];
}

export interface OpportunityView extends OpportunitySummaryView {
  readonly history: readonly HistoryEntryView[];
}

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface LeadFilter {
  readonly legalId?: string;
  readonly status?: LeadStatus;
  readonly ownerId?: string;
}

export interface OpportunityFilter {
  readonly cif?: string;
  readonly legalId?: string;
  readonly status?: OpportunityStatus;
  readonly ownerId?: string;
}

/** Records created in [from, to); both optional. */
export interface PipelineReportFilter {
  readonly from?: Date;
  readonly to?: Date;
}

export interface CountView {
  readonly key: string;
  readonly count: number;
}

export interface StatusCountView extends CountView {
  readonly label: string;
}

/** The records of one status and one currency that carry an amount, and its sum (decimal string). */
export interface AmountView {
  readonly status: string;
  readonly currency: string;
  readonly count: number;
  readonly total: string;
}

/** Median days from creation to close of the closed records, won and lost apart; null with none. */
export interface MedianDaysView {
  readonly won: number | null;
  readonly lost: number | null;
}

/** The sales figures of one record type. */
export interface SalesFiguresView {
  readonly amounts: readonly AmountView[];
  readonly medianDaysToClose: MedianDaysView;
}

export interface PipelineBreakdownView extends SalesFiguresView {
  readonly total: number;
  readonly byStatus: readonly StatusCountView[];
  readonly byChannel: readonly CountView[];
  readonly byProduct: readonly CountView[];
  readonly byOwner: readonly CountView[];
}

export interface CurrencyTotalView {
  readonly currency: string;
  readonly total: string;
}

export interface CloseLostReasonView {
  readonly recordType: CrmRecordType;
  readonly reason: string;
  readonly count: number;
}

export interface PipelineReportView {
  readonly from: Date | null;
  readonly to: Date | null;
  readonly leads: PipelineBreakdownView;
  readonly opportunities: PipelineBreakdownView;
  readonly conversion: {
    readonly leadsConverted: number;
    readonly leadsClosed: number;
    /** leadsConverted / leadsClosed as a decimal string with 4 places; null with no closed lead. */
    readonly rate: string | null;
  };
  readonly closeLostReasons: readonly CloseLostReasonView[];
  /**
   * Won business per currency: the amounts of the opportunities closed won (a converted lead's
   * amount is counted once, on the opportunity it became).
   */
  readonly wonAmounts: readonly CurrencyTotalView[];
}

/** Raw counts a store computes; the service derives the rate (decimal.js) and labels. */
export interface PipelineCountsView {
  readonly leads: Omit<PipelineBreakdownView, 'byStatus'> & { readonly byStatus: readonly CountView[] };
  readonly opportunities: Omit<PipelineBreakdownView, 'byStatus'> & {
    readonly byStatus: readonly CountView[];
  };
  readonly closeLostReasons: readonly CloseLostReasonView[];
  readonly wonAmounts: readonly CurrencyTotalView[];
}
