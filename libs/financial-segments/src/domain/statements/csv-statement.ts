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
 * per line). The first line is exactly this header; each further line is one booked transaction:
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

export function parseCsvStatement(content: string): ParsedStatement {
  const problems: StatementProblem[] = [];
  const problem = (line: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, element: null, message });
  };
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    return {
      format: 'CSV',
      accounts: [],
      problems: [{ line: 1, element: null, message: 'The file is empty' }],
    };
  }
  const header = splitCsvLine(lines[0]);
  if (header === null || header.join(',') !== CSV_HEADER.join(',')) {
    problem(1, `The first line must be the header ${CSV_HEADER.join(',')}`);
    return { format: 'CSV', accounts: [], problems };
  }
  const accounts = new Map<string, { -readonly [K in keyof StatementAccount]: StatementAccount[K] }>();
  const ids = new DerivedIds();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const fields = splitCsvLine(lines[i]);
    if (fields === null) {
      problem(lineNo, 'A quoted field is not closed, or a quote stands inside an unquoted field');
      continue;
    }
    if (fields.length !== CSV_HEADER.length) {
      problem(lineNo, `Expected ${CSV_HEADER.length} fields, found ${fields.length}`);
      continue;
    }
    const [bankRaw, account, currency, dateRaw, amount, balance, description, name, cpAccount, idRaw] =
      fields.map((f) => f.trim());
    const before = problems.length;
    if (fields.some((f) => !isStorableText(f))) problem(lineNo, 'A field holds a control character');
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
  if (lines.length === 1) problem(1, 'The file has a header but no transactions');
  return { format: 'CSV', accounts: problems.length > 0 ? [] : [...accounts.values()], problems };
}

/** The fields of one RFC 4180 line; null when its quoting is broken. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const value = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (value.includes('"')) return null;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
