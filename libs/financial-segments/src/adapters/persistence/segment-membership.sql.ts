/**
 * Segment membership in SQL, over aliases `s` (seg_segments), `r` (the user's latest
 * seg_income_reports row), `cf` (the cash-flow report of that case) and `c` (that report's income restricted to the segment's categories:
 * `total`, `months`). The same conditions as `meetsCriteria` in the domain.
 */

import { compare } from '@hub/shared-kernel';

/** Months with income of the grouped categories: the ones of their months bit strings OR-ed together. */
const MONTHS_WITH_INCOME = `bit_count(bit_or(k.months))::int`;

/** The figures a segment's criteria compare with: the report's, or those of the segment's categories. */
export const MEMBER_FIGURES = `
  CROSS JOIN LATERAL (
    SELECT
      CASE WHEN s.income_categories IS NULL THEN r.average_monthly_income
           WHEN r.months_observed = 0 THEN 0::numeric
           ELSE round(COALESCE(c.total, 0) / r.months_observed, 2) END AS average_monthly_income,
      CASE WHEN s.income_categories IS NULL THEN r.months_with_income
           ELSE COALESCE(c.months, 0) END AS months_with_income
  ) f`;

export const MEMBERSHIP_PREDICATE = `
  r.currency = s.currency
  AND (s.min_total_balance IS NULL OR r.total_balance >= s.min_total_balance)
  AND (s.max_total_balance IS NULL OR r.total_balance <= s.max_total_balance)
  AND (s.min_average_monthly_income IS NULL OR f.average_monthly_income >= s.min_average_monthly_income)
  AND f.months_with_income >= COALESCE(
        s.min_months_with_income,
        CASE WHEN s.income_categories IS NOT NULL AND s.min_average_monthly_income IS NULL THEN 1 ELSE 0 END)
  AND (s.min_net_monthly_cash_flow IS NULL OR cf.average_monthly_net >= s.min_net_monthly_cash_flow)
  AND (s.max_gambling_share IS NULL OR cf.gambling_share <= s.max_gambling_share)
  AND (s.had_negative_balance IS NULL OR (cf.days_below_zero > 0) = s.had_negative_balance)`;

/** The cash-flow report of the same case as the income report `r` (none on older cases). */
const CASH_FLOW = `LEFT JOIN seg_cash_flow_reports cf ON cf.case_id = r.case_id`;

/** A segment's criteria as stored (numeric thresholds as exact text), read under its row lock. */
export interface MembershipCriteria {
  currency: string;
  min_total_balance: string | null;
  max_total_balance: string | null;
  min_average_monthly_income: string | null;
  min_months_with_income: number | null;
  income_categories: string[] | null;
  min_net_monthly_cash_flow: string | null;
  max_gambling_share: string | null;
  had_negative_balance: boolean | null;
}

/** The columns of seg_segments that `MembershipCriteria` names (numerics as text: exact). */
export const MEMBERSHIP_CRITERIA_COLUMNS = `currency, min_total_balance::text AS min_total_balance,
  max_total_balance::text AS max_total_balance, min_average_monthly_income::text AS min_average_monthly_income,
  min_months_with_income, income_categories, min_net_monthly_cash_flow::text AS min_net_monthly_cash_flow,
  max_gambling_share::text AS max_gambling_share, had_negative_balance`;

/**
 * Every user whose latest report meets the criteria of segment $1, as ONE SELECT over all users
 * answering `segment_id, user_id, total_balance, average_monthly_income`: `MEMBERSHIP_PREDICATE`
 * written for this segment's criteria (the same conditions), with each threshold a parameter.
 * Only the criteria that are set are tested, so that the report-level ones filter the reports'
 * scan before the join with the users (a generic predicate over the segment's row evaluated its
 * CASE and IS NULL tests for every report, and gave the planner no selectivity); the cash-flow
 * report is joined only when a cash-flow criterion is set (then inner: without one the
 * comparisons are NULL and the user is no member, as in the generic predicate); the income of the
 * segment's categories is joined only when the segment restricts categories. Answers the SQL and
 * its parameters ($1 the segment's id).
 */
export function segmentMembersQuery(
  segmentId: string,
  c: MembershipCriteria,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [segmentId];
  const p = (value: unknown, type: string): string => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const where = [`r.currency = ${p(c.currency, 'text')}`];
  if (c.min_total_balance !== null) where.push(`r.total_balance >= ${p(c.min_total_balance, 'numeric')}`);
  if (c.max_total_balance !== null) where.push(`r.total_balance <= ${p(c.max_total_balance, 'numeric')}`);
  let joins = '';
  let average = 'r.average_monthly_income';
  let months = 'r.months_with_income';
  const minMonths =
    c.min_months_with_income ??
    (c.income_categories !== null && c.min_average_monthly_income === null ? 1 : null);
  if (c.income_categories !== null) {
    // When the criteria need some income of the categories (a month or more, or an average above
    // zero), a user without any is no member: the join is inner (the planner may then start from
    // the categories' rows) and the figures need no COALESCE; otherwise it is a left join, and a
    // user without any has 0 months and an average of 0.
    const needsIncome =
      (minMonths !== null && minMonths >= 1) ||
      (c.min_average_monthly_income !== null && compare(c.min_average_monthly_income, '0') > 0);
    const join = needsIncome ? 'JOIN' : 'LEFT JOIN';
    const orZero = (x: string) => (needsIncome ? x : `COALESCE(${x}, 0)`);
    if (c.income_categories.length === 1) {
      // One category: at most one row per report (the key is report_id, category), no grouping.
      joins += `
    ${join} (SELECT k.report_id, k.total, bit_count(k.months)::int AS months
             FROM seg_income_report_categories k WHERE k.category = ${p(c.income_categories[0], 'text')}) c
      ON c.report_id = r.id`;
    } else {
      // Grouped once for all the latest reports (not per user).
      joins += `
    ${join} (SELECT k.report_id, sum(k.total) AS total, ${MONTHS_WITH_INCOME} AS months
             FROM seg_income_report_categories k
             JOIN seg_users ku ON ku.latest_report_id = k.report_id
             WHERE k.category = ANY (${p(c.income_categories, 'text[]')})
             GROUP BY k.report_id) c
      ON c.report_id = r.id`;
    }
    average = `CASE WHEN r.months_observed = 0 THEN 0::numeric ELSE round(${orZero('c.total')} / r.months_observed, 2) END`;
    months = orZero('c.months');
  }
  if (c.min_average_monthly_income !== null)
    where.push(`${average} >= ${p(c.min_average_monthly_income, 'numeric')}`);
  // Without a threshold the generic predicate compared with 0, which every count of months meets.
  if (minMonths !== null) where.push(`${months} >= ${p(minMonths, 'int')}`);
  if (
    c.min_net_monthly_cash_flow !== null ||
    c.max_gambling_share !== null ||
    c.had_negative_balance !== null
  ) {
    joins += `
    JOIN seg_cash_flow_reports cf ON cf.case_id = r.case_id`;
    if (c.min_net_monthly_cash_flow !== null)
      where.push(`cf.average_monthly_net >= ${p(c.min_net_monthly_cash_flow, 'numeric')}`);
    if (c.max_gambling_share !== null)
      where.push(`cf.gambling_share <= ${p(c.max_gambling_share, 'numeric')}`);
    if (c.had_negative_balance !== null)
      where.push(`(cf.days_below_zero > 0) = ${p(c.had_negative_balance, 'boolean')}`);
  }
  const sql = `
    SELECT $1::uuid AS segment_id, u.id AS user_id, r.total_balance, ${average} AS average_monthly_income
    FROM seg_income_reports r
    JOIN seg_users u ON u.latest_report_id = r.id${joins}
    WHERE ${where.join('\n      AND ')}`;
  return { sql, params };
}

/**
 * Segment $1 re-evaluated as a diff, in ONE statement (the parameters of `segmentMembersQuery`):
 * the members computed once (`wanted`); then ONE full join of them with the segment's current
 * rows (`diff`: the users who join, who leave, and who stay with changed figures, nothing for the
 * unchanged ones); then the leavers deleted and the changed figures updated by key, through index
 * scans of the primary key over the arrays of their ids (whatever the planner estimates, the
 * member table is never rescanned per row), and the newcomers inserted in key order. A
 * re-evaluation that changes nothing writes nothing. All parts see the same snapshot and touch
 * disjoint rows. The caller holds the segment's row lock.
 * Answers one row: `members` (after the evaluation), `joined`, `left`, `refreshed`.
 */
export function evaluateSegmentQuery(
  segmentId: string,
  c: MembershipCriteria,
): { sql: string; params: unknown[] } {
  const members = segmentMembersQuery(segmentId, c);
  const sql = `
    WITH wanted AS MATERIALIZED (${members.sql}),
    diff AS MATERIALIZED (
      SELECT COALESCE(w.user_id, m.user_id) AS user_id, w.user_id IS NULL AS leaves, m.user_id IS NULL AS joins,
             w.total_balance, w.average_monthly_income
      FROM wanted w
      FULL JOIN (SELECT user_id, total_balance, average_monthly_income FROM seg_segment_members WHERE segment_id = $1) m
        ON m.user_id = w.user_id
      WHERE w.user_id IS NULL OR m.user_id IS NULL
         OR (m.total_balance, m.average_monthly_income) IS DISTINCT FROM (w.total_balance, w.average_monthly_income)),
    keys AS (
      SELECT array_agg(user_id) FILTER (WHERE leaves) AS leaving,
             array_agg(user_id) FILTER (WHERE NOT leaves AND NOT joins) AS changing
      FROM diff),
    gone AS (
      DELETE FROM seg_segment_members m
      WHERE m.segment_id = $1 AND m.user_id = ANY ((SELECT leaving FROM keys)::uuid[])
      RETURNING 1),
    refreshed AS (
      UPDATE seg_segment_members m
      SET total_balance = d.total_balance, average_monthly_income = d.average_monthly_income
      FROM diff d
      WHERE m.segment_id = $1 AND m.user_id = ANY ((SELECT changing FROM keys)::uuid[])
        AND d.user_id = m.user_id AND NOT d.leaves AND NOT d.joins
      RETURNING 1),
    joined AS (
      INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income)
      SELECT $1, d.user_id, d.total_balance, d.average_monthly_income
      FROM diff d
      WHERE d.joins
      ORDER BY d.user_id
      RETURNING 1)
    SELECT (SELECT count(*) FROM wanted)::int AS members, (SELECT count(*) FROM joined)::int AS joined,
           (SELECT count(*) FROM gone)::int AS left, (SELECT count(*) FROM refreshed)::int AS refreshed`;
  return { sql, params: members.params };
}

/**
 * The advisory lock of the memberships' parents (migration 1764310500000): an insert into
 * seg_segment_members takes it shared, a deletion of segments or users exclusive.
 */
export const MEMBERS_PARENTS_LOCK = `hashtextextended('seg_segment_members:parents', 0)`;

/**
 * Set (`on`, transaction scope) only around an evaluation statement: the insert check skips its
 * look-ups (migration 1764700000000 says why that is safe: the lock taken before the statement).
 */
export const MEMBERS_PARENTS_HELD = 'seg.members_parents_held';

/**
 * Taken before a user's memberships are rewritten (a report build): the segments' rows FOR KEY
 * SHARE, in one order, so the rewrite waits for an evaluation in progress (which holds its
 * segment's row FOR UPDATE) and an evaluation waits for it, as the foreign key's checks did.
 */
export const LOCK_SEGMENTS_FOR_MEMBERSHIPS_SQL = `SELECT id FROM seg_segments ORDER BY id FOR KEY SHARE`;

/** One user's memberships of all segments, from their latest report. */
export const REFRESH_USER_MEMBERSHIPS_SQL = `
  INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income)
  SELECT s.id, u.id, r.total_balance, f.average_monthly_income
  FROM seg_users u
  JOIN seg_income_reports r ON r.id = u.latest_report_id
  JOIN seg_segments s ON s.currency = r.currency
  ${CASH_FLOW}
  LEFT JOIN LATERAL (
    SELECT sum(k.total) AS total, ${MONTHS_WITH_INCOME} AS months
    FROM seg_income_report_categories k
    WHERE k.report_id = r.id AND k.category = ANY (s.income_categories)
  ) c ON s.income_categories IS NOT NULL
  ${MEMBER_FIGURES}
  WHERE u.id = $1 AND ${MEMBERSHIP_PREDICATE}`;
