import { DataSource } from 'typeorm';
import { inTransaction } from '@hub/platform';
import { recordQualityFlags } from '../../domain/data-quality';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { ReplaceResult } from '../../application/ports/ods.repository';

/**
 * The write side of the ODS on the module's own `ods_*` tables (the loads), with set-based SQL
 * only: a batch of snapshots in one transaction whatever the batch size: a transaction-level
 * advisory lock (loads serialise: the shared-identifier flags read other CIFs' rows), 1 upsert
 * of the customer rows that skips a CIF holding a newer extraction (and locks the rows, in CIF
 * order), 1 delete of the written CIFs' children (returning their old identifiers), 7 inserts,
 * and 1 update of the shared-identifier flags of every CIF holding an old or new identifier of
 * the batch. Amounts travel as text, never through a JavaScript float.
 */
export class TypeormOdsWriter {
  constructor(private readonly dataSource: DataSource) {}

  async refreshStatistics(): Promise<void> {
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
