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
 * Every user whose latest report meets segment $1: ONE statement over all users. The income of
 * the segment's categories is aggregated once for all reports (grouped, not per user), and only
 * when the segment restricts categories.
 */
export function evaluateSegmentSql(restrictsCategories: boolean): string {
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
    INSERT INTO seg_segment_members (segment_id, user_id, total_balance, average_monthly_income)
    SELECT s.id, u.id, r.total_balance, f.average_monthly_income
    FROM seg_segments s
    JOIN seg_income_reports r ON r.currency = s.currency
    JOIN seg_users u ON u.latest_report_id = r.id
    ${CASH_FLOW}
    ${categories}
    ${MEMBER_FIGURES}
    WHERE s.id = $1 AND ${MEMBERSHIP_PREDICATE}`;
}

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
