// Over 300 lines on purpose: the segments' SQL adapter: evaluation, members and offers share the
// segment's row-lock protocol.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { inTransaction, replicaQuery } from '@hub/platform';
import type { OfferKind, SegmentCriteria } from '../../domain/segment-criteria';
import type { IncomeCategory } from '../../domain/income.types';
import {
  type Offer,
  type SegmentView,
  type SegmentChange,
  type SegmentMemberView,
  SegmentRepository,
  type UserOfferView,
} from '../../application/ports/segment.repository';
import {
  evaluateSegmentQuery,
  MEMBERS_PARENTS_HELD,
  MEMBERS_PARENTS_LOCK,
  MEMBERSHIP_CRITERIA_COLUMNS,
  type MembershipCriteria,
} from './segment-membership.sql';
import { execute } from './sql';

interface SegmentRow {
  id: string;
  name: string;
  currency: string;
  min_total_balance: string | null;
  max_total_balance: string | null;
  min_average_monthly_income: string | null;
  min_months_with_income: number | null;
  income_categories: IncomeCategory[] | null;
  min_net_monthly_cash_flow: string | null;
  max_gambling_share: string | null;
  had_negative_balance: boolean | null;
  evaluated_at: Date | null;
  created_at: Date;
}

const SEGMENT_COLUMNS = `id, name, currency, min_total_balance::text AS min_total_balance, max_total_balance::text AS max_total_balance,
  min_average_monthly_income::text AS min_average_monthly_income, min_months_with_income, income_categories,
  min_net_monthly_cash_flow::text AS min_net_monthly_cash_flow, max_gambling_share::text AS max_gambling_share,
  had_negative_balance, evaluated_at, created_at`;

function criteriaOf(r: SegmentRow): SegmentCriteria {
  const criteria: { -readonly [K in keyof SegmentCriteria]: SegmentCriteria[K] } = {};
  if (r.min_total_balance !== null) criteria.minTotalBalance = r.min_total_balance;
  if (r.max_total_balance !== null) criteria.maxTotalBalance = r.max_total_balance;
  if (r.min_average_monthly_income !== null) criteria.minAverageMonthlyIncome = r.min_average_monthly_income;
  if (r.min_months_with_income !== null) criteria.minMonthsWithIncome = r.min_months_with_income;
  if (r.income_categories !== null) criteria.incomeCategories = r.income_categories;
  if (r.min_net_monthly_cash_flow !== null) criteria.minNetMonthlyCashFlow = r.min_net_monthly_cash_flow;
  if (r.max_gambling_share !== null) criteria.maxGamblingShare = r.max_gambling_share;
  if (r.had_negative_balance !== null) criteria.hadNegativeBalance = r.had_negative_balance;
  return criteria;
}

@Injectable()
export class TypeormSegmentRepository extends SegmentRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(segment: Omit<SegmentView, 'evaluatedAt' | 'createdAt'>): Promise<SegmentView> {
    await inTransaction(this.dataSource, async (m) => {
      const c = segment.criteria;
      await execute(
        m,
        `INSERT INTO seg_segments (id, name, currency, min_total_balance, max_total_balance, min_average_monthly_income,
           min_months_with_income, income_categories, min_net_monthly_cash_flow, max_gambling_share, had_negative_balance)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11)`,
        [
          segment.id,
          segment.name,
          segment.currency,
          c.minTotalBalance ?? null,
          c.maxTotalBalance ?? null,
          c.minAverageMonthlyIncome ?? null,
          c.minMonthsWithIncome ?? null,
          c.incomeCategories ?? null,
          c.minNetMonthlyCashFlow ?? null,
          c.maxGamblingShare ?? null,
          c.hadNegativeBalance ?? null,
        ],
      );
      await insertOffers(m, segment.id, segment.offers);
    });
    return (await this.get(segment.id)) as SegmentView;
  }

  async update(id: string, change: SegmentChange): Promise<SegmentView | null> {
    const found = await inTransaction(this.dataSource, async (m) => {
      const { rows } = await execute(m, `SELECT 1 FROM seg_segments WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) return false;
      const c = change.criteria;
      await execute(
        m,
        `UPDATE seg_segments SET name = COALESCE($2, name), currency = COALESCE($3, currency),
           min_total_balance = CASE WHEN $4 THEN $5::numeric ELSE min_total_balance END,
           max_total_balance = CASE WHEN $4 THEN $6::numeric ELSE max_total_balance END,
           min_average_monthly_income = CASE WHEN $4 THEN $7::numeric ELSE min_average_monthly_income END,
           min_months_with_income = CASE WHEN $4 THEN $8::int ELSE min_months_with_income END,
           income_categories = CASE WHEN $4 THEN $9::text[] ELSE income_categories END,
           min_net_monthly_cash_flow = CASE WHEN $4 THEN $10::numeric ELSE min_net_monthly_cash_flow END,
           max_gambling_share = CASE WHEN $4 THEN $11::numeric ELSE max_gambling_share END,
           had_negative_balance = CASE WHEN $4 THEN $12::boolean ELSE had_negative_balance END
         WHERE id = $1`,
        [
          id,
          change.name ?? null,
          change.currency ?? null,
          c !== undefined,
          c?.minTotalBalance ?? null,
          c?.maxTotalBalance ?? null,
          c?.minAverageMonthlyIncome ?? null,
          c?.minMonthsWithIncome ?? null,
          c?.incomeCategories ?? null,
          c?.minNetMonthlyCashFlow ?? null,
          c?.maxGamblingShare ?? null,
          c?.hadNegativeBalance ?? null,
        ],
      );
      if (change.offers !== undefined) {
        await execute(m, `DELETE FROM seg_segment_offers WHERE segment_id = $1`, [id]);
        await insertOffers(m, id, change.offers);
      }
      if (c !== undefined || change.currency !== undefined) await replaceMembers(m, id);
      return true;
    });
    return found ? this.get(id) : null;
  }

  async delete(id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      // The row lock first, as an evaluation takes it: offers and members go by the foreign keys.
      const { rows } = await execute(m, `SELECT 1 FROM seg_segments WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) return false;
      await execute(m, `DELETE FROM seg_segments WHERE id = $1`, [id]);
      return true;
    });
  }

  async get(id: string): Promise<SegmentView | null> {
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS} FROM seg_segments WHERE id = $1`,
      [id],
    );
    return rows[0] ? (await this.withOffers(rows))[0] : null;
  }

  // The list, members and offers are read by the GET routes only: on a replica when
  // DATABASE_REPLICA_URLS names one. `get` stays on the primary: create and update answer with it.
  async list(page: number, pageSize: number): Promise<{ items: SegmentView[]; total: number }> {
    const rows: SegmentRow[] = await replicaQuery(
      this.dataSource,
      `SELECT ${SEGMENT_COLUMNS} FROM seg_segments ORDER BY created_at, id LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await replicaQuery<{ total: number }[]>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM seg_segments`,
    );
    return { items: await this.withOffers(rows), total };
  }

  /** The offers of all the rows' segments in one query. */
  private async withOffers(rows: SegmentRow[]): Promise<SegmentView[]> {
    const offers: { segment_id: string; code: string; name: string; kind: OfferKind }[] =
      await this.dataSource.query(
        `SELECT segment_id, code, name, kind FROM seg_segment_offers WHERE segment_id = ANY ($1::uuid[]) ORDER BY position`,
        [rows.map((r) => r.id)],
      );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      currency: r.currency,
      criteria: criteriaOf(r),
      offers: offers
        .filter((o) => o.segment_id === r.id)
        .map((o) => ({ code: o.code, name: o.name, kind: o.kind })),
      evaluatedAt: r.evaluated_at,
      createdAt: r.created_at,
    }));
  }

  async evaluate(id: string): Promise<number | null> {
    return inTransaction(this.dataSource, async (m) => {
      // Evaluations of one segment, and report builds (which refresh their user's memberships), wait for each other.
      const { rows } = await execute(m, `SELECT 1 FROM seg_segments WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) return null;
      return replaceMembers(m, id);
    });
  }

  async members(
    id: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: SegmentMemberView[]; total: number }> {
    const rows: {
      user_id: string;
      external_user_id: string;
      total_balance: string;
      average_monthly_income: string;
    }[] = await replicaQuery(
      this.dataSource,
      `SELECT m.user_id, u.external_user_id, m.total_balance::text AS total_balance, m.average_monthly_income::text AS average_monthly_income
         FROM seg_segment_members m JOIN seg_users u ON u.id = m.user_id
         WHERE m.segment_id = $1
         ORDER BY m.user_id
         LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await replicaQuery<{ total: number }[]>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM seg_segment_members WHERE segment_id = $1`,
      [id],
    );
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        externalUserId: r.external_user_id,
        totalBalance: r.total_balance,
        averageMonthlyIncome: r.average_monthly_income,
      })),
      total,
    };
  }

  async offersForUser(
    userId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: UserOfferView[]; total: number } | null> {
    const users = await replicaQuery<unknown[]>(this.dataSource, `SELECT 1 FROM seg_users WHERE id = $1`, [
      userId,
    ]);
    if (users.length === 0) return null;
    const from = `FROM seg_segment_members m
       JOIN seg_segments s ON s.id = m.segment_id
       JOIN seg_segment_offers o ON o.segment_id = s.id
       WHERE m.user_id = $1`;
    // (segment, code) is an offer's key and ends the order: it is total, so pages never overlap or skip.
    const rows: { segment_id: string; segment_name: string; code: string; name: string; kind: OfferKind }[] =
      await replicaQuery(
        this.dataSource,
        `SELECT s.id AS segment_id, s.name AS segment_name, o.code, o.name, o.kind
       ${from}
       ORDER BY s.created_at, s.id, o.position, o.code
       LIMIT $2 OFFSET $3`,
        [userId, pageSize, (page - 1) * pageSize],
      );
    const [{ total }] = await replicaQuery<{ total: number }[]>(
      this.dataSource,
      `SELECT count(*)::int AS total ${from}`,
      [userId],
    );
    return {
      items: rows.map((r) => ({
        segmentId: r.segment_id,
        segmentName: r.segment_name,
        code: r.code,
        name: r.name,
        kind: r.kind,
      })),
      total,
    };
  }
}

async function insertOffers(m: EntityManager, segmentId: string, offers: readonly Offer[]): Promise<void> {
  if (offers.length === 0) return;
  await execute(
    m,
    `INSERT INTO seg_segment_offers (segment_id, code, name, kind, position)
     SELECT $1, o.code, o.name, o.kind, o.position FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS o(code, name, kind, position)`,
    [
      segmentId,
      offers.map((o) => o.code),
      offers.map((o) => o.name),
      offers.map((o) => o.kind),
      offers.map((_, i) => i),
    ],
  );
}

/** From this many users (the planner's estimate) an evaluation runs with hash joins only. */
const LARGE_POPULATION = 20_000;

/**
 * The members recomputed over all users, applied as a diff in one statement (the caller holds the
 * segment's row lock, so a second evaluation of the segment starts from this one's result).
 */
async function replaceMembers(m: EntityManager, segmentId: string): Promise<number> {
  const { rows } = await execute<MembershipCriteria>(
    m,
    `SELECT ${MEMBERSHIP_CRITERIA_COLUMNS} FROM seg_segments WHERE id = $1`,
    [segmentId],
  );
  // Hash joins only, for this transaction, on a large population: every join of the evaluation is
  // linear as a hash join, and a nested loop the planner might pick on a misestimate (e.g. a table
  // that looked empty at planning) would not be. And room for them: at 1M users a segment has
  // ~200,000 members, and the materialized members and each hash table (~20 MB) spill to temporary
  // files with the default 4 MB work_mem. Below that the default plans are kept (with nested loops
  // off PostgreSQL 15 picked plans that took seconds over a few hundred users).
  // No JIT: the statement is a few scans and hash joins; at 1M users its cost (~120,000) passes
  // jit_above_cost, and PostgreSQL 15 with LLVM then compiled it for 40-90 ms without a measurable
  // gain (the embedded PostgreSQL 18 has no JIT).
  // The parents' lock (shared), in a statement BEFORE the evaluation's, so that the evaluation's
  // snapshot is taken after it: a deletion of users committed before it (and the evaluation does
  // not see them) or waits for this transaction and then deletes what it added. The evaluation adds
  // only users of its snapshot to the segment it holds locked, so the insert check's look-ups
  // (another scan of all users) are skipped for its statement: MEMBERS_PARENTS_HELD, reset after it.
  // The settings with it, in one statement (set_config(..., true) is SET LOCAL).
  await execute(
    m,
    `SELECT pg_advisory_xact_lock_shared(${MEMBERS_PARENTS_LOCK}),
            set_config('enable_nestloop', CASE WHEN c.reltuples >= $1 THEN 'off' ELSE current_setting('enable_nestloop') END, true),
            set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
            set_config('${MEMBERS_PARENTS_HELD}', 'on', true)
     FROM pg_class c WHERE c.oid = 'seg_users'::regclass`,
    [LARGE_POPULATION],
  );
  const evaluation = evaluateSegmentQuery(segmentId, rows[0]);
  const evaluated = await execute<{ members: number }>(m, evaluation.sql, evaluation.params);
  await execute(
    m,
    `UPDATE seg_segments SET evaluated_at = now() WHERE id = $1
     RETURNING set_config('${MEMBERS_PARENTS_HELD}', 'off', true)`,
    [segmentId],
  );
  return evaluated.rows[0].members;
}
