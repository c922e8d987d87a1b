import { CsvError, parse } from 'csv-parse/sync';
import { isIso4217Currency, isStorableText } from '@hub/shared-kernel';
import {
  checkIsoDate,
  DerivedIds,
  MAX_PROBLEMS,
  type ParsedStatement,
  type StatementAccount,
  type StatementProblem,
  UNNAMED_BANK,
} from './statement.types';

/**
 * The hub's CSV layout (RFC 4180: comma-separated, `"` quotes with `""` inside, UTF-8, one record
 * per line; a quoted field may span lines). The first line is exactly this header; each further line is one booked transaction:
 *
 * - `bank`: the bank's name or BIC (empty: `STATEMENT_IMPORT`)
 * - `account_number`, `currency` (ISO 4217, e.g. `VND`)
 * - `booking_date`: `YYYY-MM-DD`
 * - `amount`: signed decimal with `.` and at most 2 decimals (`-150000`, `2500.50`); credits positive
 * - `balance_after`: the account's balance after the transaction (same form); the last line of an
 *   account gives its balance
 * - `description`, `counterpart_name`, `counterpart_account` (may be empty)
 * - `transaction_id`: the bank's reference (empty: one derived from the line's content)
 */
export const CSV_HEADER = [
  'bank',
  'account_number',
  'currency',
  'booking_date',
  'amount',
  'balance_after',
  'description',
  'counterpart_name',
  'counterpart_account',
  'transaction_id',
] as const;

const SIGNED_AMOUNT = /^-?\d{1,18}(\.\d{1,2})?$/;

/** One record as the tokeniser gave it, with the line it starts on (1-based). */
interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/**
 * Tokenises with `csv-parse` (RFC 4180: a quoted field may hold commas, `""` and line breaks;
 * a quote inside an unquoted field or text after a closing quote is an error, never relaxed). The
 * records read before a quoting error are returned with the error's line: past a broken quote
 * the record boundaries are unknown, so the rest of the file is not guessed at.
 */
export function tokenizeCsv(content: string): { records: CsvRecord[]; quoteError: number | null } {
  const records: CsvRecord[] = [];
  let line = 1;
  try {
    parse(content, {
      bom: true,
      delimiter: ',',
      quote: '"',
      escape: '"',
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true, // the field count is checked per line below, with its message
      raw: true,
      // With `raw`, the record comes as { record, raw } (the typings say string[]); raw counts the lines.
      on_record: (value, context) => {
        records.push({ line, fields: (value as unknown as { record: string[] }).record });
        line += (context.raw?.match(/\r\n|\n|\r/g) ?? []).length;
        return null; // kept here, not in parse's own result
      },
    });
  } catch (error) {
    if (error instanceof CsvError) return { records, quoteError: line };
    throw error;
  }
  // Blank lines at the end of the file are not records.
  while (
    records.length > 0 &&
    records[records.length - 1].fields.join('') === '' &&
    records[records.length - 1].fields.length === 1
  )
    records.pop();
  return { records, quoteError: null };
}

export function parseCsvStatement(content: string): ParsedStatement {
  const problems: StatementProblem[] = [];
  const problem = (line: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, element: null, message });
  };
  const { records, quoteError } = tokenizeCsv(content);
  const quoteProblem = () =>
    quoteError !== null &&
    problem(
      quoteError,
      'A quoted field is not closed, or a quote stands inside an unquoted field (the lines after it are not read)',
    );
  if (records.length === 0 && quoteError === null) {
    return {
      format: 'CSV',
      accounts: [],
      problems: [{ line: 1, element: null, message: 'The file is empty' }],
    };
  }
  const header = records[0]?.fields;
  if (header === undefined || header.join(',') !== CSV_HEADER.join(',')) {
    problem(1, `The first line must be the header ${CSV_HEADER.join(',')}`);
    return { format: 'CSV', accounts: [], problems };
  }
  const accounts = new Map<string, { -readonly [K in keyof StatementAccount]: StatementAccount[K] }>();
  const ids = new DerivedIds();
  for (const { line: lineNo, fields } of records.slice(1)) {
    if (fields.length !== CSV_HEADER.length) {
      problem(lineNo, `Expected ${CSV_HEADER.length} fields, found ${fields.length}`);
      continue;
    }
    const [bankRaw, account, currency, dateRaw, amount, balance, description, name, cpAccount, idRaw] =
      fields.map((f) => f.trim());
    const before = problems.length;
    // Free text (description, counterpart_name) may hold the line breaks a quoted field can carry.
    const freeText = new Set([6, 7]);
    if (fields.some((f, i) => !isStorableText(f, freeText.has(i) ? 'lineBreaks' : 'none')))
      problem(lineNo, 'A field holds a control character');
    if (!account) problem(lineNo, 'account_number is empty');
    if (!isIso4217Currency(currency))
      problem(lineNo, `currency "${currency}" is not an ISO 4217 code like VND`);
    const bookingDate = checkIsoDate(dateRaw);
    if (!bookingDate) problem(lineNo, `booking_date "${dateRaw}" is not a date YYYY-MM-DD in 1970-2099`);
    if (!SIGNED_AMOUNT.test(amount))
      problem(lineNo, `amount "${amount}" is not a decimal like -150000 or 2500.50`);
    if (!SIGNED_AMOUNT.test(balance))
      problem(lineNo, `balance_after "${balance}" is not a decimal like 2500.50`);
    if (problems.length > before || !bookingDate) continue;
    const bankName = bankRaw || UNNAMED_BANK;
    const key = `${bankName}\u0000${account}`;
    let found = accounts.get(key);
    if (!found) {
      found = { bankName, accountNumber: account, currency, balance, transactions: [] };
      accounts.set(key, found);
    } else if (found.currency !== currency) {
      problem(
        lineNo,
        `currency ${currency} differs from ${found.currency} on an earlier line of account ${account}`,
      );
      continue;
    }
    const id = idRaw || ids.next([account, bookingDate, amount, currency, description, name]);
    found.transactions.push({
      id,
      bookingDate,
      amount,
      currency,
      purpose: description,
      counterpartName: name,
      counterpartAccount: cpAccount || null,
    });
    found.balance = balance;
  }
  quoteProblem();
  if (records.length === 1 && quoteError === null) problem(1, 'The file has a header but no transactions');
  return { format: 'CSV', accounts: problems.length > 0 ? [] : [...accounts.values()], problems };
}
