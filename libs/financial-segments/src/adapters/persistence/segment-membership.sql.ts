/**
 * Segment membership in SQL, over aliases `s` (seg_segments), `r` (the user's latest
 * seg_income_reports row), `cf` (the cash-flow report of that case) and `c` (that report's income restricted to the segment's categories:
 * `total`, `months`). The same conditions as `meetsCriteria` in the domain.
 */

/** Months with income of the grouped categories: the ones of their months bit strings OR-ed together. */
const MONTHS_WITH_INCOME = `length(replace(bit_or(k.months)::text, '0', ''))`;

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

/**
 * Every user whose latest report meets segment $1 (`$2`: its categories when it restricts them):
 * ONE SELECT over all users, answering `segment_id, user_id, total_balance, average_monthly_income`.
 * The income of the segment's categories is aggregated once for all reports (grouped, not per
 * user), and only when the segment restricts categories.
 */
export function segmentMembersSql(restrictsCategories: boolean): string {
  const categories = restrictsCategories
    ? `LEFT JOIN (
         SELECT k.report_id, sum(k.total) AS total, ${MONTHS_WITH_INCOME} AS months
         FROM seg_income_report_categories k
         JOIN seg_users ku ON ku.latest_report_id = k.report_id
         WHERE k.category = ANY ($2::text[])
         GROUP BY k.report_id
       ) c ON c.report_id = r.id`
    : `LEFT JOIN (SELECT NULL::uuid AS report_id, NULL::numeric AS total, NULL::int AS months) c ON false`;
  return `
    SELECT s.id AS segment_id, u.id AS user_id, r.total_balance, f.average_monthly_income
    FROM seg_segments s
    JOIN seg_income_reports r ON r.currency = s.currency
    JOIN seg_users u ON u.latest_report_id = r.id
    ${CASH_FLOW}
    ${categories}
    ${MEMBER_FIGURES}
    WHERE s.id = $1 AND ${MEMBERSHIP_PREDICATE}`;
}

/**
 * Segment $1 re-evaluated as a diff, in ONE statement: the members computed once (`wanted`), then
 * the rows of users who no longer qualify deleted, the figures of remaining members updated where
 * they changed, and the new members inserted. A re-evaluation that changes nothing writes nothing.
 * All parts see the same snapshot and touch disjoint rows. The caller holds the segment's row lock.
 * Answers one row: `members` (after the evaluation), `joined`, `left`, `refreshed`.
 */
export function evaluateSegmentSql(restrictsCategories: boolean): string {
  return `
    WITH wanted AS MATERIALIZED (${segmentMembersSql(restrictsCategories)}),
    gone AS (
      DELETE FROM seg_segment_members m
      WHERE m.segment_id = $1 AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.user_id = m.user_id)
      RETURNING 1),
    refreshed AS (
      UPDATE seg_segment_members m
      SET total_balance = w.total_balance, average_monthly_income = w.average_monthly_income
      FROM wanted w
      WHERE m.segment_id = $1 AND m.user_id = w.user_id
        AND (m.total_balance, m.average_monthly_income) IS DISTINCT FROM (w.total_balance, w.average_monthly_income)
      RETURNING 1),
    joined AS (
      INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income)
      SELECT w.segment_id, w.user_id, w.total_balance, w.average_monthly_income
      FROM wanted w
      WHERE NOT EXISTS (SELECT 1 FROM seg_segment_members m WHERE m.segment_id = $1 AND m.user_id = w.user_id)
      RETURNING 1)
    SELECT (SELECT count(*) FROM wanted)::int AS members, (SELECT count(*) FROM joined)::int AS joined,
           (SELECT count(*) FROM gone)::int AS left, (SELECT count(*) FROM refreshed)::int AS refreshed`;
}

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
