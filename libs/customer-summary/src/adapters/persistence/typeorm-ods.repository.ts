import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery, type PreparedStatement } from '@hub/platform';
import type { CifCandidate, CifCandidates } from '@hub/shared-kernel';
import { DATA_QUALITY_CODES, isDataQualityCode, type DataQualityCode } from '../../domain/data-quality';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';
import { OdsCustomerReader, type OdsCustomerAccounts } from '../../application/ports/ods-customer-reader';
import {
  OdsRepository,
  type IdentifierQuery,
  type ReplaceResult,
} from '../../application/ports/ods.repository';
import { TypeormOdsWriter } from './typeorm-ods.writer';

/**
 * The ODS on the module's own `ods_*` tables, with set-based SQL only:
 * - candidates: 1 statement (both identifier lookups, on their indexes, joined to the status);
 * - a whole summary: 1 statement (the customer row with its children aggregated as JSON, its
 *   extraction and load times and its data-quality flags), so the count never depends on the
 *   number of facilities, payments, deposits or credits;
 * - a batch of snapshots: see {@link TypeormOdsWriter}, the write side.
 * Amounts travel as text (numeric -> decimal string), never through a JavaScript float.
 */
@Injectable()
export class TypeormOdsRepository extends OdsRepository implements OdsCustomerReader {
  private readonly writer: TypeormOdsWriter;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.writer = new TypeormOdsWriter(dataSource);
  }

  // The lookup's two reads go to a replica when DATABASE_REPLICA_URLS names one; the CRM's
  // classification (findCasaAccountsAndPayroll, part of a command) and the loads stay on the primary.
  async findCandidates(query: IdentifierQuery): Promise<CifCandidates> {
    const rows = await preparedQuery<{ cif: string; status: CifCandidate['status']; found_by: 'L' | 'M' }>(
      this.dataSource,
      CANDIDATES,
      [query.legalId, query.mobileNumber],
      { replica: true },
    );
    return {
      byLegalId: rows.filter((r) => r.found_by === 'L').map((r) => ({ cif: r.cif, status: r.status })),
      byMobileNumber: rows.filter((r) => r.found_by === 'M').map((r) => ({ cif: r.cif, status: r.status })),
    };
  }

  async findSnapshot(cif: string): Promise<OdsSnapshotRecord | null> {
    const rows = await preparedQuery<{
      snapshot: OdsCustomerSnapshot;
      loaded_at: string;
      extracted_known: boolean;
      quality_flags: string[];
    }>(this.dataSource, SNAPSHOT, [cif], { replica: true });
    const row = rows[0];
    if (!row) return null;
    return {
      snapshot: row.snapshot,
      dataAsOf: {
        extractedAt: row.snapshot.extractedAt,
        loadedAt: row.loaded_at,
        extractedAtSource: row.extracted_known ? 'ODS' : 'LOAD_TIME',
      },
      dataQualityFlags: row.quality_flags.filter(isDataQualityCode),
    };
  }

  /** How many CIFs carry each data-quality flag (every code listed, 0 included). */
  async countDataQualityFlags(): Promise<Record<DataQualityCode, number>> {
    const rows: { code: string; n: number }[] = await this.dataSource.query(
      `SELECT f AS code, count(*)::int AS n FROM ods_customers, unnest(quality_flags) f GROUP BY f`,
    );
    const counts = Object.fromEntries(DATA_QUALITY_CODES.map((c) => [c, 0])) as Record<
      DataQualityCode,
      number
    >;
    for (const r of rows) if (isDataQualityCode(r.code)) counts[r.code] = r.n;
    return counts;
  }

  async findCasaAccountsAndPayroll(cif: string): Promise<OdsCustomerAccounts | null> {
    const rows: { accounts: OdsCustomerAccounts }[] = await this.dataSource.query(ACCOUNTS_SQL, [cif]);
    return rows[0]?.accounts ?? null;
  }

  override refreshStatistics(): Promise<void> {
    return this.writer.refreshStatistics();
  }

  override prepareSnapshots(snapshots: readonly OdsCustomerSnapshot[]): void {
    this.writer.prepare(snapshots);
  }

  replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult> {
    return this.writer.replaceSnapshots(snapshots);
  }
}

/** The CIFs holding the legal ID ($1) or the mobile number ($2), with their status. */
const CANDIDATES_SQL = `SELECT c.cif, c.status, m.found_by
         FROM (SELECT cif, 'L' AS found_by FROM ods_customer_legal_ids WHERE number = $1
               UNION ALL
               SELECT cif, 'M' AS found_by FROM ods_customer_mobiles WHERE e164 = $2) m
         JOIN ods_customers c ON c.cif = m.cif`;

const d = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
/** An instant as ISO 8601 UTC with milliseconds, as JavaScript's toISOString writes it. */
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The whole snapshot of one CIF as one JSON value: one statement, one round trip. */
const SNAPSHOT_SQL = `
SELECT json_build_object(
  'cif', c.cif, 'extractedAt', ${instant('COALESCE(c.extracted_at, c.loaded_at)')},
  'status', c.status, 'fullName', c.full_name, 'dateOfBirth', ${d('c.date_of_birth')},
  'gender', c.gender, 'email', c.email,
  'legalIds', COALESCE((SELECT json_agg(json_build_object('type', l.type, 'number', l.number,
      'issueDate', ${d('l.issue_date')}, 'issuePlace', l.issue_place) ORDER BY l.position)
    FROM ods_customer_legal_ids l WHERE l.cif = c.cif), '[]'::json),
  'mobileNumbers', COALESCE((SELECT json_agg(mo.e164 ORDER BY mo.position)
    FROM ods_customer_mobiles mo WHERE mo.cif = c.cif), '[]'::json),
  'addresses', COALESCE((SELECT json_agg(json_build_object('type', a.type, 'line', a.line, 'ward', a.ward,
      'district', a.district, 'province', a.province, 'country', a.country) ORDER BY a.position)
    FROM ods_customer_addresses a WHERE a.cif = c.cif), '[]'::json),
  'lending', COALESCE((SELECT json_agg(json_build_object('productType', f.product_type,
      'contractNumber', f.contract_number, 'productName', f.product_name, 'currency', f.currency,
      'limitAmount', f.limit_amount::text, 'disbursedAmount', f.disbursed_amount::text,
      'outstandingBalance', f.outstanding_balance::text, 'status', f.status,
      'openDate', ${d('f.open_date')}, 'maturityDate', ${d('f.maturity_date')},
      'interestRate', f.interest_rate::text, 'daysPastDue', f.days_past_due,
      'overdueAmount', f.overdue_amount::text, 'debtGroup', f.debt_group,
      'paymentHistory', COALESCE((SELECT json_agg(json_build_object('period', p.period,
          'dueAmount', p.due_amount::text, 'paidAmount', p.paid_amount::text,
          'paidDate', ${d('p.paid_date')}, 'daysLate', p.days_late) ORDER BY p.period DESC)
        FROM ods_lending_payments p WHERE p.cif = f.cif AND p.contract_number = f.contract_number), '[]'::json))
      ORDER BY f.contract_number)
    FROM ods_lending_facilities f WHERE f.cif = c.cif), '[]'::json),
  'deposits', COALESCE((SELECT json_agg(json_build_object('productType', dp.product_type,
      'accountNumber', dp.account_number, 'productName', dp.product_name, 'currency', dp.currency,
      'balance', dp.balance::text, 'availableBalance', dp.available_balance::text,
      'principalAmount', dp.principal_amount::text, 'interestRate', dp.interest_rate::text,
      'termMonths', dp.term_months, 'openDate', ${d('dp.open_date')}, 'maturityDate', ${d('dp.maturity_date')},
      'status', dp.status) ORDER BY dp.account_number)
    FROM ods_deposits dp WHERE dp.cif = c.cif), '[]'::json),
  'payroll', COALESCE((SELECT json_agg(json_build_object('employerName', pr.employer_name,
      'accountNumber', pr.account_number, 'period', pr.period, 'amount', pr.amount::text,
      'currency', pr.currency, 'creditDate', ${d('pr.credit_date')}) ORDER BY pr.position)
    FROM ods_payroll_credits pr WHERE pr.cif = c.cif), '[]'::json)
) AS snapshot,
${instant('c.loaded_at')} AS loaded_at, c.extracted_at IS NOT NULL AS extracted_known, c.quality_flags
FROM ods_customers c
WHERE c.cif = $1`;

/** CASA accounts, fixed deposits and payroll credits of one CIF, for other modules. */
const ACCOUNTS_SQL = `
SELECT json_build_object(
  'cif', c.cif, 'status', c.status,
  'casaAccounts', COALESCE((SELECT json_agg(json_build_object('accountNumber', dp.account_number,
      'type', CASE dp.product_type WHEN 'CURRENT_ACCOUNT' THEN 'CURRENT' ELSE 'SAVINGS' END,
      'productName', dp.product_name, 'currency', dp.currency, 'balance', dp.balance::text,
      'availableBalance', dp.available_balance::text, 'status', dp.status, 'openDate', ${d('dp.open_date')})
      ORDER BY dp.account_number)
    FROM ods_deposits dp WHERE dp.cif = c.cif AND dp.product_type <> 'FIXED_DEPOSIT'), '[]'::json),
  'termDeposits', COALESCE((SELECT json_agg(json_build_object('accountNumber', td.account_number,
      'currency', td.currency, 'balance', td.balance::text, 'status', td.status,
      'maturityDate', ${d('td.maturity_date')})
      ORDER BY td.account_number)
    FROM ods_deposits td WHERE td.cif = c.cif AND td.product_type = 'FIXED_DEPOSIT'), '[]'::json),
  'payrollCredits', COALESCE((SELECT json_agg(json_build_object('employerName', pr.employer_name,
      'accountNumber', pr.account_number, 'period', pr.period, 'amount', pr.amount::text,
      'currency', pr.currency, 'creditDate', ${d('pr.credit_date')})
      ORDER BY pr.period DESC, pr.credit_date DESC NULLS LAST, pr.amount DESC)
    FROM ods_payroll_credits pr WHERE pr.cif = c.cif), '[]'::json)
) AS accounts
FROM ods_customers c
WHERE c.cif = $1`;

// The lookup's two reads run as named prepared statements (parsed and planned once per connection).
const CANDIDATES: PreparedStatement = { name: 'ods:lookup-candidates', text: CANDIDATES_SQL };
const SNAPSHOT: PreparedStatement = { name: 'ods:lookup-snapshot', text: SNAPSHOT_SQL };

/** The lookup's statements, for the bench's bare baseline (it must issue the very same SQL). */
export const LOOKUP_SQL = { candidates: CANDIDATES_SQL, snapshot: SNAPSHOT_SQL } as const;
