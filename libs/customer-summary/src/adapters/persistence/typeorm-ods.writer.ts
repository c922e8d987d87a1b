// Over 300 lines on purpose: one batch's write path (staging COPY, lock, upserts, flags) is one
// transaction, read best in order.
import { finished } from 'node:stream/promises';
import type { PoolClient, QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { inTransaction } from '@hub/platform';
import { recordQualityFlags } from '../../domain/data-quality';
import type { OdsCustomerSnapshot } from '../../domain/ods-snapshot';
import type { ReplaceResult } from '../../application/ports/ods.repository';
import {
  OdsCustomerAddressOrmEntity,
  OdsCustomerLegalIdOrmEntity,
  OdsCustomerMobileOrmEntity,
  OdsDepositOrmEntity,
  OdsLendingFacilityOrmEntity,
  OdsLendingPaymentOrmEntity,
  OdsPayrollCreditOrmEntity,
} from './ods-customer-children.orm-entity';
import { OdsCustomerOrmEntity } from './ods-customer.orm-entity';

/**
 * The write side of the ODS on the module's own `ods_*` tables (the loads). A batch of snapshots
 * is one transaction whatever its size:
 * 1. COPY of the batch's customer rows into a session-local staging table
 *    (`pg_temp.staged_ods_customers`, made once per connection `LIKE` the real table, emptied at
 *    every commit): no JSON, no parameters;
 * 2. in one round trip, a transaction-level advisory lock (loads serialise: the shared-identifier
 *    flags read other CIFs' rows) and 1 upsert of the customer rows from staging that skips a CIF holding a newer extraction (and
 *    locks the rows, in CIF order), returning which CIFs were new;
 * 4. for the CIFs that already existed only, 1 delete of their children (returning their old
 *    identifiers); a new CIF has no children to delete;
 * 5. COPY of the children of the written CIFs (a stale CIF's left out) straight into their tables,
 *    parents before children: what a plain COPY of the same rows costs, with no staging;
 * 6. 1 update of the shared-identifier flags of every CIF holding an old or new identifier of the
 *    batch.
 * Every row is encoded before the transaction starts (during a bulk load, while the previous
 * batch is written: {@link TypeormOdsWriter.prepare}), so the connection waits on no JavaScript.
 * The tables' shape is written once, in the entities: the copied columns are the entities'
 * columns (TypeORM metadata), and each row below is typed by its entity. Amounts travel as text,
 * never through a JavaScript float.
 */
export class TypeormOdsWriter {
  private tables?: readonly StagedTable[];
  private prepared?: { snapshots: readonly OdsCustomerSnapshot[]; batch: EncodedBatch };

  constructor(private readonly dataSource: DataSource) {}

  /**
   * ANALYZE of every `ods_` table, of the columns the hub's queries filter, join or group on
   * ({@link PLANNED_COLUMNS}; a table not listed there in full): the row counts and those columns'
   * statistics are what the next lookup's plan needs, at a third of the cost of every column (the
   * payment and address texts). Such an ANALYZE leaves the table's count of changes since its
   * last ANALYZE as it was, so autovacuum still analyzes every column afterwards.
   */
  async refreshStatistics(): Promise<void> {
    const tables: { name: string; relname: string }[] = await this.dataSource.query(
      `SELECT quote_ident(c.relname) AS name, c.relname FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'ods\\_%'`,
    );
    if (tables.length === 0) return;
    const targets = tables.map((t) => {
      const columns = PLANNED_COLUMNS[t.relname];
      return columns ? `${t.name} (${columns.join(', ')})` : t.name;
    });
    await this.dataSource.query(`ANALYZE ${targets.join(', ')}`);
  }

  /**
   * Sorts a batch and encodes its rows ahead of {@link replaceSnapshots} (called with the same
   * array). Only the latest batch is kept.
   */
  prepare(snapshots: readonly OdsCustomerSnapshot[]): void {
    this.prepared = { snapshots, batch: this.encode(snapshots) };
  }

  private encode(snapshots: readonly OdsCustomerSnapshot[]): EncodedBatch {
    const sorted = [...snapshots].sort((a, b) => (a.cif < b.cif ? -1 : a.cif > b.cif ? 1 : 0));
    const [customers, ...children] = (this.tables ??= stagedTables(this.dataSource));
    return {
      sorted,
      customerRows: customers.encode(sorted),
      childRows: children.map((t) => t.encode(sorted)),
    };
  }

  async replaceSnapshots(snapshots: readonly OdsCustomerSnapshot[]): Promise<ReplaceResult> {
    if (snapshots.length === 0) return { stale: [] };
    // Encoded ahead by prepare() during a bulk load, else here, before the transaction.
    const prepared = this.prepared?.snapshots === snapshots ? this.prepared.batch : this.encode(snapshots);
    if (this.prepared?.snapshots === snapshots) this.prepared = undefined;
    const { sorted, customerRows } = prepared;
    let { childRows } = prepared;
    const [customers, ...children] = (this.tables ??= stagedTables(this.dataSource));
    return inTransaction(this.dataSource, async (m) => {
      const client = await pgClient(m);
      // The customer rows are staged in a session-local table first (so before the lock: the lock
      // is held from the upsert on). JIT off for this transaction: measured here, compiling the
      // flags statement cost seconds per batch, running it without JIT about 0.1 s.
      await client.query(
        `SET LOCAL client_min_messages = warning; SET LOCAL jit = off;
         CREATE TEMP TABLE IF NOT EXISTS ${customers.stage} (LIKE ${customers.name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;`,
      );
      await copyInto(client, customers.stage, customers.columns, customerRows);
      // The lock and the upsert in one round trip (two statements, two results).
      // (xmax = 0: the row version was inserted by this statement, not updated.)
      const names = customers.columns;
      const [, upserted] = (await client.query(
        `SELECT pg_advisory_xact_lock(hashtext('ods-load'));
         INSERT INTO ${customers.name} (${names.join(', ')}, loaded_at)
         SELECT ${names.join(', ')}, now() FROM ${customers.stage} ORDER BY cif
         ON CONFLICT (cif) DO UPDATE SET ${names
           .filter((n) => n !== 'cif')
           .map((n) => `${n} = EXCLUDED.${n}`)
           .join(', ')}, loaded_at = now()
          WHERE ${customers.name}.extracted_at IS NULL OR ${customers.name}.extracted_at <= EXCLUDED.extracted_at
         RETURNING cif, (xmax = 0) AS inserted`,
      )) as unknown as [QueryResult, QueryResult<{ cif: string; inserted: boolean }>];
      const written = upserted.rows;
      const writtenCifs = new Set(written.map((w) => w.cif));
      const stale = sorted.filter((s) => !writtenCifs.has(s.cif)).map((s) => s.cif);
      if (writtenCifs.size === 0) return { stale };
      // The children of the written CIFs only: a stale CIF's are left out.
      if (stale.length > 0) {
        const fresh = sorted.filter((s) => writtenCifs.has(s.cif));
        childRows = children.map((t) => t.encode(fresh));
      }
      const replaced = written.filter((w) => !w.inserted).map((w) => w.cif);
      let old = { legal_ids: [] as string[], mobiles: [] as string[] };
      if (replaced.length > 0) {
        const deleted = await client.query<typeof old>(
          `WITH l AS (DELETE FROM ods_customer_legal_ids WHERE cif = ANY($1::text[]) RETURNING number),
                mo AS (DELETE FROM ods_customer_mobiles WHERE cif = ANY($1::text[]) RETURNING e164),
                a AS (DELETE FROM ods_customer_addresses WHERE cif = ANY($1::text[])),
                d AS (DELETE FROM ods_deposits WHERE cif = ANY($1::text[])),
                pr AS (DELETE FROM ods_payroll_credits WHERE cif = ANY($1::text[])),
                f AS (DELETE FROM ods_lending_facilities WHERE cif = ANY($1::text[])) -- payments cascade
           SELECT ARRAY(SELECT DISTINCT number FROM l) AS legal_ids, ARRAY(SELECT DISTINCT e164 FROM mo) AS mobiles`,
          [replaced],
        );
        old = deleted.rows[0];
      }
      // Straight into their tables, as COPY would load them: parents before children (a facility
      // before its payments).
      for (let i = 0; i < children.length; i++) {
        await copyInto(client, children[i].name, children[i].columns, childRows[i]);
      }
      await client.query(SHARED_FLAGS_SQL, [[...writtenCifs], old.legal_ids, old.mobiles]);
      return { stale };
    });
  }
}

/**
 * Per table, the columns the module's statements filter, join, group or sort on (lookups,
 * snapshots, accounts, the shared-identifier flags): the ones whose statistics plans depend on.
 */
const PLANNED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  ods_customers: ['cif', 'status'],
  ods_customer_legal_ids: ['cif', 'number', 'position'],
  ods_customer_mobiles: ['cif', 'e164', 'position'],
  ods_customer_addresses: ['cif', 'position'],
  ods_lending_facilities: ['cif', 'contract_number'],
  ods_lending_payments: ['cif', 'contract_number', 'period'],
  ods_deposits: ['cif', 'account_number', 'product_type'],
  ods_payroll_credits: ['cif', 'position', 'period'],
};

/** The pg connection of a TypeORM transaction (COPY and multi-statement text go through it). */
async function pgClient(m: EntityManager): Promise<PoolClient> {
  return (await m.queryRunner!.connect()) as PoolClient;
}

/**
 * A batch sorted by CIF, with its rows in COPY's text format, UTF-8 (the children's in table
 * order). Bytes rather than the strings built row by row: a prepared batch waits while another is
 * written, and the garbage collector would otherwise copy every piece of those strings.
 */
interface EncodedBatch {
  readonly sorted: readonly OdsCustomerSnapshot[];
  readonly customerRows: Buffer;
  readonly childRows: readonly Buffer[];
}

interface StagedTable {
  /** The real table. */
  readonly name: string;
  /** Its session-local staging twin (only ods_customers is staged, for its upsert). */
  readonly stage: string;
  /** The columns the load writes, in the entity's order. */
  readonly columns: readonly string[];
  /** The snapshots' rows of this table in COPY's text format, UTF-8. */
  encode(snapshots: readonly OdsCustomerSnapshot[]): Buffer;
}

/** A table's row: every column of its entity, by property name (the relation properties aside). */
type RowOf<E, Omit extends keyof E = never> = {
  [K in Exclude<keyof E, 'customer' | 'facility' | Omit>]: unknown;
};

function staged<E, Skip extends keyof E = never>(
  dataSource: DataSource,
  entity: new () => E,
  rows: (snapshot: OdsCustomerSnapshot) => readonly RowOf<E, Skip>[],
  skip: readonly string[] = [],
): StagedTable {
  const metadata = dataSource.getMetadata(entity);
  const columns: ColumnMetadata[] = [];
  for (const c of metadata.columns) {
    if (skip.includes(c.databaseName) || columns.some((k) => k.databaseName === c.databaseName)) continue;
    columns.push(c);
  }
  const name = metadata.tableName;
  const stage = `pg_temp.staged_${name}`;
  const names = columns.map((c) => c.databaseName);
  // Only text can hold COPY's separators: numbers, dates and decimal strings go as they are.
  const fields = columns.map((c) => ({
    property: c.propertyName,
    encode: c.type === 'text' || c.isArray ? copyField : plainField,
  }));
  return {
    name,
    stage,
    columns: names,
    encode(snapshots) {
      let text = '';
      for (const s of snapshots) {
        for (const row of rows(s)) {
          const r = row as Record<string, unknown>;
          for (let i = 0; i < fields.length; i++) {
            if (i > 0) text += '\t';
            text += fields[i].encode(r[fields[i].property]);
          }
          text += '\n';
        }
      }
      return Buffer.from(text, 'utf8');
    },
  };
}

/** COPY of `rows` (COPY's text format) into `target`. */
function copyInto(
  client: PoolClient,
  target: string,
  columns: readonly string[],
  rows: Buffer,
): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  const stream = client.query(copyFrom(`COPY ${target} (${columns.join(', ')}) FROM STDIN`));
  stream.end(rows);
  return finished(stream);
}

/** A number, a date or a decimal string in COPY's text format (nothing to escape). */
function plainField(value: unknown): string {
  return value === null || value === undefined ? '\\N' : String(value);
}

/** One field of COPY's text format: \N for null, backslash escapes for the separators. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Array.isArray(value)) return copyField(`{${value.map(arrayElement).join(',')}}`);
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : text;
}

/** An element of a PostgreSQL array literal, always quoted. */
function arrayElement(value: unknown): string {
  return `"${String(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The module's tables as a load writes them, ods_customers first, then parents before children. */
function stagedTables(ds: DataSource): readonly StagedTable[] {
  return [
    staged<OdsCustomerOrmEntity, 'loadedAt'>(
      ds,
      OdsCustomerOrmEntity,
      (s) => [
        {
          cif: s.cif,
          status: s.status,
          fullName: s.fullName,
          dateOfBirth: s.dateOfBirth,
          gender: s.gender,
          email: s.email,
          extractedAt: s.extractedAt,
          qualityFlags: recordQualityFlags(s),
        },
      ],
      ['loaded_at'],
    ),
    staged(ds, OdsCustomerLegalIdOrmEntity, (s) =>
      s.legalIds.map((l, position) => ({
        cif: s.cif,
        number: l.number,
        position,
        type: l.type,
        issueDate: l.issueDate,
        issuePlace: l.issuePlace,
      })),
    ),
    staged(ds, OdsCustomerMobileOrmEntity, (s) =>
      s.mobileNumbers.map((e164, position) => ({ cif: s.cif, e164, position })),
    ),
    staged(ds, OdsCustomerAddressOrmEntity, (s) =>
      s.addresses.map((a, position) => ({ cif: s.cif, position, ...a })),
    ),
    staged(ds, OdsLendingFacilityOrmEntity, (s) =>
      s.lending.map(({ paymentHistory: _payments, ...f }) => ({ cif: s.cif, ...f })),
    ),
    staged(ds, OdsLendingPaymentOrmEntity, (s) =>
      s.lending.flatMap((f) =>
        f.paymentHistory.map((p) => ({ cif: s.cif, contractNumber: f.contractNumber, ...p })),
      ),
    ),
    staged(ds, OdsDepositOrmEntity, (s) => s.deposits.map((d) => ({ cif: s.cif, ...d }))),
    staged(ds, OdsPayrollCreditOrmEntity, (s) =>
      s.payroll.map((p, position) => ({ cif: s.cif, position, ...p })),
    ),
  ];
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
