// Over 300 lines on purpose: the CRM's read SQL (filtered, paged lists and the pipeline report), no
// writes.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { replicaQuery } from '@hub/platform';
import { statusLabel, type CrmRecordType, type LeadStatus, type OpportunityStatus } from '@hub/shared-kernel';
import type {
  AmountView,
  CloseLostReasonView,
  CountView,
  HistoryEntryView,
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
} from '../../application/crm.read-models';
import { CrmReadRepository } from '../../application/ports/crm-read.repository';

const DEAL_COLUMNS = `amount::text AS amount, currency,
  to_char(expected_close_date, 'YYYY-MM-DD') AS expected_close_date`;
const LEAD_COLUMNS = `id, status, owner_id, legal_id, mobile_number, full_name, cif, product, channel,
  ${DEAL_COLUMNS}, converted_opportunity_id, close_reason, created_at, updated_at`;
const OPPORTUNITY_COLUMNS = `id, status, owner_id, cif, legal_id, mobile_number, full_name, product, channel,
  ${DEAL_COLUMNS}, lead_id, close_reason, created_at, updated_at`;

interface RecordRow {
  id: string;
  status: string;
  owner_id: string;
  legal_id: string | null;
  mobile_number: string | null;
  full_name: string | null;
  cif: string | null;
  product: string;
  channel: string;
  amount: string | null;
  currency: string | null;
  expected_close_date: string | null;
  converted_opportunity_id?: string | null;
  lead_id?: string | null;
  close_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The read side, in plain SQL: a record and its history in two indexed queries, a page and its
 * total in two, and the whole pipeline report in one statement (one pass over each table).
 */
@Injectable()
export class TypeormCrmReadRepository extends CrmReadRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /**
   * Lists and the report: on a replica when DATABASE_REPLICA_URLS names one. A single record and
   * its history stay on the primary, since the status commands answer with them (read your write).
   */
  private query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    return replicaQuery<T>(this.dataSource, sql, params);
  }

  async getLead(id: string): Promise<LeadView | null> {
    const [rows, history] = await Promise.all([
      this.dataSource.query(`SELECT ${LEAD_COLUMNS} FROM crm_leads WHERE id = $1`, [id]) as Promise<
        RecordRow[]
      >,
      this.history('LEAD', id),
    ]);
    return rows[0] ? { ...leadView(rows[0]), history } : null;
  }

  async getOpportunity(id: string): Promise<OpportunityView | null> {
    const [rows, history] = await Promise.all([
      this.dataSource.query(`SELECT ${OPPORTUNITY_COLUMNS} FROM crm_opportunities WHERE id = $1`, [
        id,
      ]) as Promise<RecordRow[]>,
      this.history('OPPORTUNITY', id),
    ]);
    return rows[0] ? { ...opportunityView(rows[0]), history } : null;
  }

  async listLeads(filter: LeadFilter, page: PageRequest): Promise<Page<LeadSummaryView>> {
    return this.page(
      'crm_leads',
      LEAD_COLUMNS,
      { legal_id: filter.legalId, status: filter.status, owner_id: filter.ownerId },
      page,
      leadView,
    );
  }

  async listOpportunities(
    filter: OpportunityFilter,
    page: PageRequest,
  ): Promise<Page<OpportunitySummaryView>> {
    return this.page(
      'crm_opportunities',
      OPPORTUNITY_COLUMNS,
      { cif: filter.cif, legal_id: filter.legalId, status: filter.status, owner_id: filter.ownerId },
      page,
      opportunityView,
    );
  }

  /**
   * One scan of each table and one aggregation with grouping sets: the totals, counts by status,
   * channel, product and owner, and the close-lost reasons. `GROUPING(...)` tells the sets apart
   * (a bit per column, 1 = aggregated away: status alone = 0b01111 = 15, and so on).
   */
  async pipelineCounts(filter: PipelineReportFilter): Promise<PipelineCountsView> {
    const [counts, sales] = await Promise.all([this.counts(filter), this.sales(filter)]);
    const amounts = (recordType: CrmRecordType): AmountView[] =>
      sales
        .filter((r) => r.record_type === recordType && r.dim === 'amount')
        .map((r) => ({ status: r.status!, currency: r.currency!, count: r.count, total: r.total! }));
    const median = (recordType: CrmRecordType, status: string): number | null => {
      const row = sales.find(
        (r) => r.record_type === recordType && r.dim === 'median' && r.status === status,
      );
      return row?.median_days === null || row?.median_days === undefined ? null : Number(row.median_days);
    };
    const withSales = (recordType: CrmRecordType) => ({
      amounts: amounts(recordType),
      medianDaysToClose: { won: median(recordType, 'CLOSE_WON'), lost: median(recordType, 'CLOSE_LOST') },
    });
    return {
      leads: { ...counts.leads, ...withSales('LEAD') },
      opportunities: { ...counts.opportunities, ...withSales('OPPORTUNITY') },
      closeLostReasons: counts.closeLostReasons,
      wonAmounts: amounts('OPPORTUNITY')
        .filter((a) => a.status === 'CLOSE_WON')
        .map((a) => ({ currency: a.currency, total: a.total })),
    };
  }

  /**
   * The sales figures in one statement: amounts summed in SQL (numeric, exact) per record type,
   * status and currency; and the median days from creation to close (percentile_cont over the
   * closed records; a closed record never changes again, so `updated_at` is its close time).
   * Opportunities converted from a lead are born closed won and left out of the opportunities'
   * median: their journey is the lead's.
   */
  private async sales(filter: PipelineReportFilter): Promise<
    {
      record_type: CrmRecordType;
      dim: 'amount' | 'median';
      status: string | null;
      currency: string | null;
      count: number;
      total: string | null;
      median_days: string | null;
    }[]
  > {
    return this.query(
      `WITH records AS (
         SELECT 'LEAD' AS record_type, status, amount, currency, created_at, updated_at, false AS converted
           FROM crm_leads
          WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
         UNION ALL
         SELECT 'OPPORTUNITY', status, amount, currency, created_at, updated_at, lead_id IS NOT NULL
           FROM crm_opportunities
          WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
       )
       SELECT record_type, 'amount' AS dim, status, currency, count(*)::int AS count, sum(amount)::text AS total,
              NULL::text AS median_days
         FROM records WHERE amount IS NOT NULL
        GROUP BY record_type, status, currency
       UNION ALL
       SELECT record_type, 'median', status, NULL, count(*)::int, NULL,
              round((percentile_cont(0.5) WITHIN GROUP (
                ORDER BY extract(epoch FROM updated_at - created_at) / 86400))::numeric, 2)::text
         FROM records WHERE status IN ('CLOSE_WON', 'CLOSE_LOST') AND NOT converted
        GROUP BY record_type, status
        ORDER BY 1, 2, 3, 4`,
      [filter.from ?? null, filter.to ?? null],
    );
  }

  private async counts(filter: PipelineReportFilter) {
    const rows: { record_type: CrmRecordType; dim: string; key: string; count: number }[] = await this.query(
      `WITH records AS (
         SELECT 'LEAD' AS record_type, status, channel, product, owner_id, close_reason
           FROM crm_leads
          WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
         UNION ALL
         SELECT 'OPPORTUNITY', status, channel, product, owner_id, close_reason
           FROM crm_opportunities
          WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
       ), counts AS (
         SELECT record_type, GROUPING(status, channel, product, owner_id, close_reason) AS g,
                status, channel, product, owner_id, close_reason, count(*)::int AS count
           FROM records
          GROUP BY record_type, GROUPING SETS ((), (status), (channel), (product), (owner_id), (status, close_reason))
       )
       SELECT record_type,
              CASE g WHEN 31 THEN 'total' WHEN 15 THEN 'status' WHEN 23 THEN 'channel' WHEN 27 THEN 'product'
                     WHEN 29 THEN 'owner' ELSE 'closeLostReason' END AS dim,
              CASE g WHEN 31 THEN '' WHEN 15 THEN status WHEN 23 THEN channel WHEN 27 THEN product
                     WHEN 29 THEN owner_id ELSE coalesce(close_reason, '') END AS key,
              count
         FROM counts
        WHERE g <> 14 OR status = 'CLOSE_LOST'
        ORDER BY record_type, dim, count DESC, key`,
      [filter.from ?? null, filter.to ?? null],
    );
    const pick = (recordType: CrmRecordType, dim: string): CountView[] =>
      rows
        .filter((r) => r.record_type === recordType && r.dim === dim)
        .map((r) => ({ key: r.key, count: r.count }));
    const breakdown = (recordType: CrmRecordType) => ({
      total: pick(recordType, 'total')[0]?.count ?? 0,
      byStatus: pick(recordType, 'status'),
      byChannel: pick(recordType, 'channel'),
      byProduct: pick(recordType, 'product'),
      byOwner: pick(recordType, 'owner'),
    });
    const closeLostReasons: CloseLostReasonView[] = rows
      .filter((r) => r.dim === 'closeLostReason')
      .map((r) => ({ recordType: r.record_type, reason: r.key, count: r.count }));
    return { leads: breakdown('LEAD'), opportunities: breakdown('OPPORTUNITY'), closeLostReasons };
  }

  private async history(recordType: CrmRecordType, id: string): Promise<HistoryEntryView[]> {
    const rows: {
      from_status: string | null;
      to_status: string;
      reason: string | null;
      actor: string;
      at: Date;
    }[] = await this.dataSource.query(
      `SELECT from_status, to_status, reason, actor, at FROM crm_status_history
          WHERE record_id = $1 AND record_type = $2 ORDER BY id`,
      [id, recordType],
    );
    return rows.map((r) => ({
      from: r.from_status as LeadStatus | null,
      to: r.to_status as LeadStatus,
      reason: r.reason,
      actor: r.actor,
      at: r.at,
    }));
  }

  private async page<T>(
    table: string,
    columns: string,
    filter: Record<string, string | undefined>,
    page: PageRequest,
    map: (row: RecordRow) => T,
  ): Promise<Page<T>> {
    const params: unknown[] = [];
    const where = Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([column, value]) => {
        params.push(value);
        return `${column} = $${params.length}`;
      });
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The page walks the (created_at, id) index backwards; the total is its own count.
    const [rows, [{ count }]] = await Promise.all([
      this.query(
        `SELECT ${columns} FROM ${table} ${whereSql}
          ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.pageSize, (page.page - 1) * page.pageSize],
      ) as Promise<RecordRow[]>,
      this.query(`SELECT count(*)::int AS count FROM ${table} ${whereSql}`, params) as Promise<
        { count: number }[]
      >,
    ]);
    const total = count;
    return { items: rows.map(map), total, page: page.page, pageSize: page.pageSize };
  }
}

function base(row: RecordRow) {
  return {
    id: row.id,
    statusLabel: statusLabel(row.status as LeadStatus),
    ownerId: row.owner_id,
    mobileNumber: row.mobile_number,
    fullName: row.full_name,
    product: row.product,
    channel: row.channel,
    amount: row.amount,
    currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    closeReason: row.close_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function leadView(row: RecordRow): LeadSummaryView {
  return {
    ...base(row),
    status: row.status as LeadStatus,
    legalId: row.legal_id as string,
    cif: row.cif,
    convertedOpportunityId: row.converted_opportunity_id ?? null,
  };
}

function opportunityView(row: RecordRow): OpportunitySummaryView {
  return {
    ...base(row),
    status: row.status as OpportunityStatus,
    legalId: row.legal_id,
    cif: row.cif as string,
    leadId: row.lead_id ?? null,
  };
}
