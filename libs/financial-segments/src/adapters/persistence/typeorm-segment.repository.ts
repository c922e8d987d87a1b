import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@hub/platform';
import type { OfferKind, SegmentCriteria } from '../../domain/segment-criteria';
import type { IncomeCategory } from '../../domain/income.types';
import {
  type Segment,
  type SegmentMember,
  SegmentRepository,
  type UserOffer,
} from '../../application/ports/segment.repository';
import { evaluateSegmentSql } from './segment-membership.sql';
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
  evaluated_at: Date | null;
  created_at: Date;
}

const SEGMENT_COLUMNS = `id, name, currency, min_total_balance::text AS min_total_balance, max_total_balance::text AS max_total_balance,
  min_average_monthly_income::text AS min_average_monthly_income, min_months_with_income, income_categories, evaluated_at, created_at`;

function criteriaOf(r: SegmentRow): SegmentCriteria {
  const criteria: { -readonly [K in keyof SegmentCriteria]: SegmentCriteria[K] } = {};
  if (r.min_total_balance !== null) criteria.minTotalBalance = r.min_total_balance;
  if (r.max_total_balance !== null) criteria.maxTotalBalance = r.max_total_balance;
  if (r.min_average_monthly_income !== null) criteria.minAverageMonthlyIncome = r.min_average_monthly_income;
  if (r.min_months_with_income !== null) criteria.minMonthsWithIncome = r.min_months_with_income;
  if (r.income_categories !== null) criteria.incomeCategories = r.income_categories;
  return criteria;
}

@Injectable()
export class TypeormSegmentRepository extends SegmentRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(segment: Omit<Segment, 'evaluatedAt' | 'createdAt'>): Promise<Segment> {
    await inTransaction(this.dataSource, async (m) => {
      const c = segment.criteria;
      await execute(
        m,
        `INSERT INTO seg_segments (id, name, currency, min_total_balance, max_total_balance, min_average_monthly_income,
           min_months_with_income, income_categories)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[])`,
        [
          segment.id,
          segment.name,
          segment.currency,
          c.minTotalBalance ?? null,
          c.maxTotalBalance ?? null,
          c.minAverageMonthlyIncome ?? null,
          c.minMonthsWithIncome ?? null,
          c.incomeCategories ?? null,
        ],
      );
      if (segment.offers.length > 0) {
        await execute(
          m,
          `INSERT INTO seg_segment_offers (segment_id, code, name, kind, position)
           SELECT $1, o.code, o.name, o.kind, o.position FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS o(code, name, kind, position)`,
          [
            segment.id,
            segment.offers.map((o) => o.code),
            segment.offers.map((o) => o.name),
            segment.offers.map((o) => o.kind),
            segment.offers.map((_, i) => i),
          ],
        );
      }
    });
    return (await this.get(segment.id)) as Segment;
  }

  async get(id: string): Promise<Segment | null> {
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS} FROM seg_segments WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const offers: { code: string; name: string; kind: OfferKind }[] = await this.dataSource.query(
      `SELECT code, name, kind FROM seg_segment_offers WHERE segment_id = $1 ORDER BY position`,
      [id],
    );
    return {
      id: r.id,
      name: r.name,
      currency: r.currency,
      criteria: criteriaOf(r),
      offers,
      evaluatedAt: r.evaluated_at,
      createdAt: r.created_at,
    };
  }

  async evaluate(id: string): Promise<number | null> {
    return inTransaction(this.dataSource, async (m) => {
      // Evaluations of one segment, and report builds (which refresh their user's memberships), wait for each other.
      const { rows } = await execute<{ income_categories: string[] | null }>(
        m,
        `SELECT income_categories FROM seg_segments WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (rows.length === 0) return null;
      const categories = rows[0].income_categories;
      await execute(m, `DELETE FROM seg_segment_members WHERE segment_id = $1`, [id]);
      const inserted = await execute(
        m,
        evaluateSegmentSql(categories !== null),
        categories === null ? [id] : [id, categories],
      );
      await execute(m, `UPDATE seg_segments SET evaluated_at = now() WHERE id = $1`, [id]);
      return inserted.affected;
    });
  }

  async members(
    id: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: SegmentMember[]; total: number }> {
    const rows: {
      user_id: string;
      external_user_id: string;
      total_balance: string;
      average_monthly_income: string;
    }[] = await this.dataSource.query(
      `SELECT m.user_id, u.external_user_id, m.total_balance::text AS total_balance, m.average_monthly_income::text AS average_monthly_income
         FROM seg_segment_members m JOIN seg_users u ON u.id = m.user_id
         WHERE m.segment_id = $1
         ORDER BY m.user_id
         LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.dataSource.query(
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

  async offersForUser(userId: string): Promise<UserOffer[] | null> {
    const users = await this.dataSource.query(`SELECT 1 FROM seg_users WHERE id = $1`, [userId]);
    if (users.length === 0) return null;
    const rows: { segment_id: string; segment_name: string; code: string; name: string; kind: OfferKind }[] =
      await this.dataSource.query(
        `SELECT s.id AS segment_id, s.name AS segment_name, o.code, o.name, o.kind
       FROM seg_segment_members m
       JOIN seg_segments s ON s.id = m.segment_id
       JOIN seg_segment_offers o ON o.segment_id = s.id
       WHERE m.user_id = $1
       ORDER BY s.created_at, s.id, o.position`,
        [userId],
      );
    return rows.map((r) => ({
      segmentId: r.segment_id,
      segmentName: r.segment_name,
      code: r.code,
      name: r.name,
      kind: r.kind,
    }));
  }
}
