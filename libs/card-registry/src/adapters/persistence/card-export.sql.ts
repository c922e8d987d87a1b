import { csvRecord } from '@hub/shared-kernel';
import {
  ACCOUNT_CSV_COLUMNS,
  CARD_CSV_COLUMNS,
  CSV_COLUMNS,
  type ExportFormat,
  type ExportKind,
} from '../../domain/customer-views';

/**
 * The exports formed by PostgreSQL, byte for byte what the kernel's formatter writes for the same
 * records (`formatRecords` with the layouts of `customer-views.ts`; a test compares both on
 * hostile values):
 * - CSV: `COPY (SELECT <one column per cell>) TO STDOUT (FORMAT csv)`. COPY quotes exactly as
 *   `csvField` does (a cell holding `"` `,` CR or LF is quoted, inner quotes doubled, NULL empty);
 *   the SQL adds the rest of `csvField`: the leading apostrophe of a cell that a spreadsheet would
 *   read as a formula (starting with `= + - @`, a tab or a CR), and an empty text as an empty cell
 *   (COPY would write `""`). Records end with LF; `CsvCrlf` makes them CRLF.
 * - NDJSON: `COPY (SELECT row_to_json(…) || LF) TO STDOUT (FORMAT binary)`: `row_to_json` writes
 *   the record's fields in its order, compact as `JSON.stringify`; the binary format escapes
 *   nothing, so `CopyBinaryLines` passes the lines on untouched.
 * - Times are ISO 8601 in UTC with milliseconds (`Date.toISOString`); numbers and booleans as they are.
 */

/**
 * The SQL half of `csvField` for a text expression (COPY's CSV quoting is the other half): the
 * leading apostrophe before a formula start (= + - @ tab CR), and NULL for an empty text (an
 * empty cell). Every formula start, and the empty text, sorts below `A` (0x41) byte-wise: a text
 * whose first byte is `A` or above (letters, UTF-8 lead bytes) is taken as it is after one
 * comparison (`COLLATE "C"`: a memcmp, whatever the column's collation); only the others are
 * looked at with `ascii`.
 */
export function csvCellSql(e: string): string {
  return `CASE WHEN ${e} >= 'A' COLLATE "C" THEN ${e} WHEN ascii(${e}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${e} ELSE nullif(${e}, '') END`;
}

/**
 * A cell `csvField` writes as it is: a number or a boolean (`true`/`false`), or a text that can
 * be neither empty nor start with a formula character (a UUID, an ISO date or time, a JSON
 * array): no CASE to evaluate.
 */
function csvPlainSql(e: string): string {
  return `(${e})::text`;
}

/** `Date.toISOString()` of a timestamptz (milliseconds, truncated as a JavaScript Date holds them). */
export function isoSql(e: string): string {
  return `to_char(${e} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The additional addresses as `JSON.stringify` writes the record's array: compact, keys in the
 * record's order, `[]` when there are none.
 */
const ADDITIONAL_ADDRESSES_JSON = `CASE WHEN jsonb_array_length(t.additional_addresses) = 0 THEN '[]'::json ELSE (
  SELECT array_to_json(array_agg(row_to_json(x) ORDER BY e.n))
    FROM jsonb_array_elements(t.additional_addresses) WITH ORDINALITY AS e(v, n),
         LATERAL (SELECT e.v->>'type' AS "type", e.v->>'address1' AS "address1", e.v->>'address2' AS "address2",
                         e.v->>'city' AS "city", e.v->>'zipCode' AS "zipCode", e.v->>'country' AS "country") x) END`;

/**
 * A field: its key in the NDJSON object, how its CSV cell is written (`text`: `csvCellSql`;
 * `plain`: as it is, see `csvPlainSql`; `none`: not a CSV column), and its SQL.
 */
type Column = readonly [jsonKey: string, csv: 'text' | 'plain' | 'none', sql: string];

/** The customer record's fields (NDJSON order); `csv` columns are taken again in CSV_COLUMNS order below. */
const CUSTOMER_FIELDS: readonly Column[] = [
  ['id', 'plain', 't.id::text'],
  ['institutionId', 'text', 't.institution_id'],
  ['type', 'text', 't.type'],
  ['salutation', 'text', 't.salutation'],
  ['firstName', 'text', 't.first_name'],
  ['middleName', 'text', 't.middle_name'],
  ['lastName', 'text', 't.last_name'],
  ['name', 'text', 't.name'],
  ['dateOfBirth', 'plain', 't.date_of_birth::text'],
  ['email', 'text', 't.email'],
  ['phoneNumber', 'text', 't.phone_number'],
  ['mobileNumber', 'text', 't.mobile_number'],
  ['address', 'none', 'row_to_json(a)'],
  ['additionalAddresses', 'plain', `(${ADDITIONAL_ADDRESSES_JSON})`],
  ['locale', 'text', 't.locale'],
  ['nationality', 'text', 't.nationality'],
  ['countryOfBirth', 'text', 't.country_of_birth'],
  ['customerNumber', 'text', 't.customer_number'],
  ['regNo', 'text', 't.reg_no'],
  ['cardScope', 'text', 't.card_scope'],
  ['version', 'plain', 't.version'],
  ['createdAt', 'plain', isoSql('t.created_at')],
  ['updatedAt', 'plain', isoSql('t.updated_at')],
];

const ADDRESS_FIELDS: readonly Column[] = [
  ['address1', 'text', 't.address1'],
  ['address2', 'text', 't.address2'],
  ['city', 'text', 't.city'],
  ['zipCode', 'text', 't.zip_code'],
  ['country', 'text', 't.country'],
];

const ACCOUNT_FIELDS: readonly Column[] = [
  ['id', 'plain', 't.id::text'],
  ['institutionId', 'text', 't.institution_id'],
  ['ownerCustomerId', 'plain', 't.owner_customer_id::text'],
  ['currency', 'text', 't.currency'],
  ['creditLimit', 'text', 't.credit_limit::text'],
  ['createdAt', 'plain', isoSql('t.created_at')],
];

const CARD_FIELDS: readonly Column[] = [
  ['id', 'plain', 't.id::text'],
  ['institutionId', 'text', 't.institution_id'],
  ['accountId', 'plain', 't.account_id::text'],
  ['cardholderCustomerId', 'plain', 't.cardholder_customer_id::text'],
  ['digitalWalletEnabled', 'plain', 't.digital_wallet_enabled'],
  ['embossName', 'text', 't.emboss_name'],
  ['status', 'text', 't.status'],
  ['expiryDate', 'plain', 't.expiry_date::text'],
  ['version', 'plain', 't.version'],
  ['createdAt', 'plain', isoSql('t.created_at')],
  ['updatedAt', 'plain', isoSql('t.updated_at')],
];

interface ExportSource {
  readonly table: string;
  /** The change time the export is ordered and filtered by. */
  readonly changed: 'updated_at' | 'created_at';
  readonly fields: readonly Column[];
  readonly csvColumns: readonly string[];
  /** Extra FROM items (the customer's address object). */
  readonly lateral?: string;
}

const ADDRESS_LATERAL = `LATERAL (SELECT ${ADDRESS_FIELDS.map(([key, , sql]) => `${sql} AS "${key}"`).join(', ')}) a`;

const SOURCES: Record<ExportKind, ExportSource> = {
  customers: {
    table: 'card_customers',
    changed: 'updated_at',
    fields: [...CUSTOMER_FIELDS, ...ADDRESS_FIELDS],
    csvColumns: CSV_COLUMNS,
    lateral: ADDRESS_LATERAL,
  },
  accounts: {
    table: 'card_accounts',
    changed: 'created_at',
    fields: ACCOUNT_FIELDS,
    csvColumns: ACCOUNT_CSV_COLUMNS,
  },
  cards: { table: 'card_cards', changed: 'updated_at', fields: CARD_FIELDS, csvColumns: CARD_CSV_COLUMNS },
};

/**
 * The COPY statement of one export: one institution's rows, oldest change first (change time, then
 * id). `institution` and `changedSince` are SQL literals (COPY takes no parameters): the caller
 * escapes them.
 */
export function exportCopySql(
  kind: ExportKind,
  format: ExportFormat,
  institution: string,
  changedSince: string | null,
): string {
  const source = SOURCES[kind];
  const where = `t.institution_id = ${institution}${changedSince ? ` AND t.${source.changed} >= ${changedSince}` : ''}`;
  const order = `ORDER BY t.${source.changed}, t.id`;
  if (format === 'ndjson') {
    const top = kind === 'customers' ? CUSTOMER_FIELDS : source.fields;
    const select = top.map(([key, , sql]) => `${sql} AS "${key}"`).join(', ');
    const from = `${source.table} t${source.lateral ? `, ${source.lateral}` : ''}`;
    return `COPY (SELECT row_to_json(r)::text || E'\\n' FROM ${from}, LATERAL (SELECT ${select}) r WHERE ${where} ${order}) TO STDOUT (FORMAT binary)`;
  }
  const byKey = new Map(source.fields.map(([key, csv, sql]) => [key, { csv, sql }]));
  const cells = source.csvColumns.map((column, i) => {
    const field = byKey.get(column);
    if (!field || field.csv === 'none') throw new Error(`no CSV field for column ${column}`);
    return `${field.csv === 'plain' ? csvPlainSql(field.sql) : csvCellSql(field.sql)} AS c${i}`;
  });
  return `COPY (SELECT ${cells.join(', ')} FROM ${source.table} t WHERE ${where} ${order}) TO STDOUT (FORMAT csv)`;
}

/** What comes before the first record: the CSV header row (the kernel's `csvRecord`), nothing for NDJSON. */
export function exportHeader(kind: ExportKind, format: ExportFormat): string {
  return format === 'csv' ? csvRecord(SOURCES[kind].csvColumns) : '';
}
