import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction, preparedQuery, type PreparedStatement } from '@hub/platform';
import type { CifCandidate, CifCandidates } from '@hub/shared-kernel';
import {
  DATA_QUALITY_CODES,
  isDataQualityCode,
  recordQualityFlags,
  type DataQualityCode,
} from '../../domain/data-quality';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';
import { OdsCustomerReader, type OdsCustomerAccounts } from '../../application/ports/ods-customer-reader';
import {
  OdsRepository,
  type IdentifierQuery,
  type ReplaceResult,
} from '../../application/ports/ods.repository';

/**
 * The ODS on the module's own `ods_*` tables, with set-based SQL only:
 * - candidates: 1 statement (both identifier lookups, on their indexes, joined to the status);
 * - a whole summary: 1 statement (the customer row with its children aggregated as JSON, its
 *   extraction and load times and its data-quality flags), so the count never depends on the
 *   number of facilities, payments, deposits or credits;
 * - a batch of snapshots, in one transaction whatever the batch size: a transaction-level
 *   advisory lock (loads serialise: the shared-identifier flags read other CIFs' rows), 1 upsert
 *   of the customer rows that skips a CIF holding a newer extraction (and locks the rows, in CIF
 *   order), 1 delete of the written CIFs' children (returning their old identifiers), 7 inserts,
 *   and 1 update of the shared-identifier flags of every CIF holding an old or new identifier of
 *   the batch.
 * Amounts travel as text (numeric -> decimal string), never through a JavaScript float.
 */
@Injectable()
export class TypeormOdsRepository extends OdsRepository implements OdsCustomerReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
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

  override async refreshStatistics(): Promise<void> {
    // Every table of the module (a lookup joins the identifier tables to ods_customers).
    const tables: { name: string }[] = await this.dataSource.query(
      `SELECT quote_ident(c.relname) AS name FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'ods\\_%'`,
    );
    if (tables.length > 0) await this.dataSource.query(`ANALYZE ${tables.map((t) => t.name).join(', ')}`);
  }

  async replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult> {
    if (snapshots.length === 0) return { stale: [] };
    const sorted = [...snapshots].sort((a, b) => (a.cif < b.cif ? -1 : a.cif > b.cif ? 1 : 0));
    return inTransaction(this.dataSource, async (m) => {
      // Loads serialise (the shared-identifier flags read other CIFs' rows). JIT off for this
      // transaction: measured here, compiling the flags statement cost seconds per batch, running it
      // without JIT about 0.1 s.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('ods-load')), set_config('jit', 'off', true)`);
      const written: { cif: string }[] = await m.query(
        `INSERT INTO ods_customers (cif, status, full_name, date_of_birth, gender, email, extracted_at, quality_flags, loaded_at)
         SELECT r.cif, r.status, r.full_name, r.date_of_birth, r.gender, r.email, r.extracted_at, r.quality_flags, now()
           FROM jsonb_to_recordset($1::jsonb) AS r(cif text, status text, full_name text, date_of_birth date, gender text,
                                                    email text, extracted_at timestamptz, quality_flags text[])
          ORDER BY r.cif
         ON CONFLICT (cif) DO UPDATE SET status = EXCLUDED.status, full_name = EXCLUDED.full_name,
           date_of_birth = EXCLUDED.date_of_birth, gender = EXCLUDED.gender, email = EXCLUDED.email,
           extracted_at = EXCLUDED.extracted_at, quality_flags = EXCLUDED.quality_flags, loaded_at = now()
          WHERE ods_customers.extracted_at IS NULL OR ods_customers.extracted_at <= EXCLUDED.extracted_at
         RETURNING cif`,
        [JSON.stringify(customerRows(sorted))],
      );
      const writtenCifs = new Set(written.map((w) => w.cif));
      const stale = sorted.filter((s) => !writtenCifs.has(s.cif)).map((s) => s.cif);
      if (writtenCifs.size === 0) return { stale };
      const toWrite = sorted.filter((s) => writtenCifs.has(s.cif));
      const cifs = toWrite.map((s) => s.cif);
      const [old]: { legal_ids: string[]; mobiles: string[] }[] = await m.query(
        `WITH l AS (DELETE FROM ods_customer_legal_ids WHERE cif = ANY($1::text[]) RETURNING number),
              mo AS (DELETE FROM ods_customer_mobiles WHERE cif = ANY($1::text[]) RETURNING e164),
              a AS (DELETE FROM ods_customer_addresses WHERE cif = ANY($1::text[])),
              d AS (DELETE FROM ods_deposits WHERE cif = ANY($1::text[])),
              pr AS (DELETE FROM ods_payroll_credits WHERE cif = ANY($1::text[])),
              f AS (DELETE FROM ods_lending_facilities WHERE cif = ANY($1::text[])) -- payments cascade
         SELECT ARRAY(SELECT DISTINCT number FROM l) AS legal_ids, ARRAY(SELECT DISTINCT e164 FROM mo) AS mobiles`,
        [cifs],
      );
      const rows = toRows(toWrite);
      for (const insert of INSERTS) {
        const data = rows[insert.rows];
        if (data.length > 0) await m.query(insert.sql, [JSON.stringify(data)]);
      }
      await m.query(SHARED_FLAGS_SQL, [cifs, old.legal_ids, old.mobiles]);
      return { stale };
    });
  }
}

/** The ods_customers rows of a batch (snake_case keys = column names). */
function customerRows(snapshots: readonly OdsCustomerSnapshot[]) {
  return snapshots.map((s) => ({
    cif: s.cif,
    status: s.status,
    full_name: s.fullName,
    date_of_birth: s.dateOfBirth,
    gender: s.gender,
    email: s.email,
    extracted_at: s.extractedAt,
    quality_flags: recordQualityFlags(s),
  }));
}

/**
 * Recomputes SHARED_LEGAL_ID and SHARED_MOBILE_NUMBER for every CIF holding one of the batch's
 * identifiers, old ($2, $3) or new (those of the written CIFs $1), and the written CIFs: set on
 * an open CIF when another open CIF holds one of its legal IDs (mobiles). The CCCD flags, which
 * come before the shared ones in the canonical order, are kept.
 */
const SHARED_FLAGS_SQL = `
WITH ids AS MATERIALIZED (
  SELECT number FROM ods_customer_legal_ids WHERE cif = ANY($1::text[])
  UNION SELECT unnest($2::text[])
), mobs AS MATERIALIZED (
  SELECT e164 FROM ods_customer_mobiles WHERE cif = ANY($1::text[])
  UNION SELECT unnest($3::text[])
), affected AS MATERIALIZED (
  SELECT l.cif FROM ods_customer_legal_ids l JOIN ids ON ids.number = l.number
  UNION SELECT mo.cif FROM ods_customer_mobiles mo JOIN mobs ON mobs.e164 = mo.e164
  UNION SELECT unnest($1::text[])
), shared_legal AS MATERIALIZED (
  SELECT DISTINCT l.cif
    FROM affected a
    JOIN ods_customer_legal_ids l ON l.cif = a.cif
    JOIN ods_customer_legal_ids l2 ON l2.number = l.number AND l2.cif <> l.cif
    JOIN ods_customers c2 ON c2.cif = l2.cif AND c2.status <> 'CLOSED'
), shared_mobile AS MATERIALIZED (
  SELECT DISTINCT mo.cif
    FROM affected a
    JOIN ods_customer_mobiles mo ON mo.cif = a.cif
    JOIN ods_customer_mobiles mo2 ON mo2.e164 = mo.e164 AND mo2.cif <> mo.cif
    JOIN ods_customers c2 ON c2.cif = mo2.cif AND c2.status <> 'CLOSED'
), computed AS (
  SELECT c.cif,
         ARRAY(SELECT f FROM unnest(c.quality_flags) f WHERE f NOT IN ('SHARED_LEGAL_ID', 'SHARED_MOBILE_NUMBER'))
         || CASE WHEN c.status <> 'CLOSED' AND sl.cif IS NOT NULL THEN '{SHARED_LEGAL_ID}'::text[] ELSE '{}'::text[] END
         || CASE WHEN c.status <> 'CLOSED' AND sm.cif IS NOT NULL THEN '{SHARED_MOBILE_NUMBER}'::text[] ELSE '{}'::text[] END
         AS flags
    FROM affected a
    JOIN ods_customers c ON c.cif = a.cif
    LEFT JOIN shared_legal sl ON sl.cif = a.cif
    LEFT JOIN shared_mobile sm ON sm.cif = a.cif
)
UPDATE ods_customers c SET quality_flags = x.flags
  FROM computed x
 WHERE x.cif = c.cif AND c.quality_flags IS DISTINCT FROM x.flags`;

type Rows = ReturnType<typeof toRows>;

/** Flattens snapshots into one array of rows per table (snake_case keys = column names). */
function toRows(snapshots: readonly OdsCustomerSnapshot[]) {
  const legalIds = snapshots.flatMap((s) =>
    s.legalIds.map((l, position) => ({
      cif: s.cif,
      number: l.number,
      position,
      type: l.type,
      issue_date: l.issueDate,
      issue_place: l.issuePlace,
    })),
  );
  const mobiles = snapshots.flatMap((s) =>
    s.mobileNumbers.map((e164, position) => ({ cif: s.cif, e164, position })),
  );
  const addresses = snapshots.flatMap((s) =>
    s.addresses.map((a, position) => ({
      cif: s.cif,
      position,
      type: a.type,
      line: a.line,
      ward: a.ward,
      district: a.district,
      province: a.province,
      country: a.country,
    })),
  );
  const facilities = snapshots.flatMap((s) =>
    s.lending.map((f) => ({
      cif: s.cif,
      contract_number: f.contractNumber,
      product_type: f.productType,
      product_name: f.productName,
      currency: f.currency,
      limit_amount: f.limitAmount,
      disbursed_amount: f.disbursedAmount,
      outstanding_balance: f.outstandingBalance,
      status: f.status,
      open_date: f.openDate,
      maturity_date: f.maturityDate,
      interest_rate: f.interestRate,
      days_past_due: f.daysPastDue,
      overdue_amount: f.overdueAmount,
      debt_group: f.debtGroup,
    })),
  );
  const payments = snapshots.flatMap((s) =>
    s.lending.flatMap((f) =>
      f.paymentHistory.map((p) => ({
        cif: s.cif,
        contract_number: f.contractNumber,
        period: p.period,
        due_amount: p.dueAmount,
        paid_amount: p.paidAmount,
        paid_date: p.paidDate,
        days_late: p.daysLate,
      })),
    ),
  );
  const deposits = snapshots.flatMap((s) =>
    s.deposits.map((d) => ({
      cif: s.cif,
      account_number: d.accountNumber,
      product_type: d.productType,
      product_name: d.productName,
      currency: d.currency,
      balance: d.balance,
      available_balance: d.availableBalance,
      principal_amount: d.principalAmount,
      interest_rate: d.interestRate,
      term_months: d.termMonths,
      open_date: d.openDate,
      maturity_date: d.maturityDate,
      status: d.status,
    })),
  );
  const payroll = snapshots.flatMap((s) =>
    s.payroll.map((p, position) => ({
      cif: s.cif,
      position,
      employer_name: p.employerName,
      account_number: p.accountNumber,
      period: p.period,
      amount: p.amount,
      currency: p.currency,
      credit_date: p.creditDate,
    })),
  );
  return { legalIds, mobiles, addresses, facilities, payments, deposits, payroll };
}

/** INSERT ... SELECT FROM jsonb_to_recordset: one statement per table for the whole batch. */
function insertFrom(table: string, columns: Record<string, string>): string {
  const names = Object.keys(columns);
  const definition = names.map((n) => `${n} ${columns[n]}`).join(', ');
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${definition})`;
}

const INSERTS: { rows: keyof Rows; sql: string }[] = [
  {
    rows: 'legalIds',
    sql: insertFrom('ods_customer_legal_ids', {
      cif: 'text',
      number: 'text',
      position: 'smallint',
      type: 'text',
      issue_date: 'date',
      issue_place: 'text',
    }),
  },
  {
    rows: 'mobiles',
    sql: insertFrom('ods_customer_mobiles', { cif: 'text', e164: 'text', position: 'smallint' }),
  },
  {
    rows: 'addresses',
    sql: insertFrom('ods_customer_addresses', {
      cif: 'text',
      position: 'smallint',
      type: 'text',
      line: 'text',
      ward: 'text',
      district: 'text',
      province: 'text',
      country: 'text',
    }),
  },
  {
    rows: 'facilities',
    sql: insertFrom('ods_lending_facilities', {
      cif: 'text',
      contract_number: 'text',
      product_type: 'text',
      product_name: 'text',
      currency: 'text',
      limit_amount: 'numeric(20,2)',
      disbursed_amount: 'numeric(20,2)',
      outstanding_balance: 'numeric(20,2)',
      status: 'text',
      open_date: 'date',
      maturity_date: 'date',
      interest_rate: 'numeric(20,4)',
      days_past_due: 'integer',
      overdue_amount: 'numeric(20,2)',
      debt_group: 'smallint',
    }),
  },
  {
    rows: 'payments',
    sql: insertFrom('ods_lending_payments', {
      cif: 'text',
      contract_number: 'text',
      period: 'text',
      due_amount: 'numeric(20,2)',
      paid_amount: 'numeric(20,2)',
      paid_date: 'date',
      days_late: 'integer',
    }),
  },
  {
    rows: 'deposits',
    sql: insertFrom('ods_deposits', {
      cif: 'text',
      account_number: 'text',
      product_type: 'text',
      product_name: 'text',
      currency: 'text',
      balance: 'numeric(20,2)',
      available_balance: 'numeric(20,2)',
      principal_amount: 'numeric(20,2)',
      interest_rate: 'numeric(20,4)',
      term_months: 'integer',
      open_date: 'date',
      maturity_date: 'date',
      status: 'text',
    }),
  },
  {
    rows: 'payroll',
    sql: insertFrom('ods_payroll_credits', {
      cif: 'text',
      position: 'integer',
      employer_name: 'text',
      account_number: 'text',
      period: 'text',
      amount: 'numeric(20,2)',
      currency: 'text',
      credit_date: 'date',
    }),
  },
];

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
