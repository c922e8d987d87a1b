import { isIso4217Currency, isStorableText } from '@hub/shared-kernel';
import {
  DerivedIds,
  isoDate,
  MAX_PROBLEMS,
  negate,
  type ParsedStatement,
  type StatementAccount,
  type StatementProblem,
  type StatementTransaction,
  UNNAMED_BANK,
} from './statement.types';

interface Field {
  readonly tag: string;
  readonly line: number;
  value: string;
}

const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
// :60F: / :62F: : D/C mark, YYMMDD, currency, amount with a decimal comma.
const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d{0,2})$/;
// :61: value date, optional entry date MMDD, mark (C, D, RC, RD), optional funds code, amount,
// transaction type (N/S/F + 3), reference for the account owner, optional //bank reference.
const LINE_61 =
  /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,15},\d{0,2})([NSF][A-Z0-9]{3})([^/]{1,16}|NONREF)(?:\/\/(.{1,16}))?$/;

/**
 * SWIFT MT940 (customer statement), strictly: optional `{1:..}{2:..}{4:` blocks and `-}`, then
 * per statement `:20:` reference, `:25:` account (`BIC/account` names the bank), `:28C:` number,
 * `:60F:`/`:60M:` opening balance, lines `:61:` each optionally followed by `:86:` (free text, or
 * `?20`-`?29` purpose, `?31` account and `?32`/`?33` name subfields), and `:62F:`/`:62M:` closing
 * balance. Amounts use a decimal comma. No maintained npm library parses MT940, hence this parser.
 */
export function parseMt940Statement(content: string): ParsedStatement {
  const problems: StatementProblem[] = [];
  const problem = (line: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, element: null, message });
  };
  const fields: Field[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    let line = raw.trimEnd();
    if (/^\{1:[^}]*\}/.test(line) || line.startsWith('{2:') || line.startsWith('{4:')) {
      line = line.replace(/^(\{[1-3]:[^}]*\})*(\{4:)?/, '');
      if (line === '') return;
    }
    if (line === '' || line === '-' || line === '-}') return;
    if (!isStorableText(line, 'tab')) return problem(lineNo, 'The line holds a control character');
    const tag = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (tag) fields.push({ tag: tag[1], line: lineNo, value: tag[2] });
    else if (fields.length > 0 && ['86', '61'].includes(fields[fields.length - 1].tag))
      fields[fields.length - 1].value += `\n${line}`;
    else problem(lineNo, `"${line.slice(0, 20)}" is neither a :tag: nor the continuation of :61: or :86:`);
  });
  if (fields.length === 0) {
    problem(1, 'No MT940 field (:20:) found');
    return { format: 'MT940', accounts: [], problems };
  }

  const accounts = new Map<string, { -readonly [K in keyof StatementAccount]: StatementAccount[K] }>();
  let current: {
    start: number;
    bankName: string | null;
    account: string | null;
    currency: string | null;
    closing: string | null;
    has28: boolean;
    transactions: StatementTransaction[];
  } | null = null;
  let last61: { index: number; line: number } | null = null;

  const finish = () => {
    if (!current) return;
    if (!current.account) problem(current.start, 'The statement has no :25: account');
    if (!current.has28) problem(current.start, 'The statement has no :28C: statement number');
    if (!current.currency) problem(current.start, 'The statement has no :60F: opening balance');
    if (current.closing === null) problem(current.start, 'The statement has no :62F: closing balance');
    if (current.account && current.currency && current.closing !== null) {
      const bankName = current.bankName ?? UNNAMED_BANK;
      const key = `${bankName}\u0000${current.account}`;
      const found = accounts.get(key);
      if (found && found.currency !== current.currency) {
        problem(current.start, `Account ${current.account} is in ${found.currency} in an earlier statement`);
      } else if (found) {
        found.transactions.push(...current.transactions);
        found.balance = current.closing;
      } else {
        accounts.set(key, {
          bankName,
          accountNumber: current.account,
          currency: current.currency,
          balance: current.closing,
          transactions: current.transactions,
        });
      }
    }
    current = null;
  };

  for (const field of fields) {
    if (field.tag === '20') {
      finish();
      current = {
        start: field.line,
        bankName: null,
        account: null,
        currency: null,
        closing: null,
        has28: false,
        transactions: [],
      };
      last61 = null;
      continue;
    }
    if (!current) {
      problem(field.line, `:${field.tag}: before the statement's :20: reference`);
      continue;
    }
    const st = current;
    switch (field.tag) {
      case '25': {
        const value = field.value.trim();
        const slash = value.indexOf('/');
        if (slash > 0 && BIC.test(value.slice(0, slash))) {
          st.bankName = value.slice(0, slash);
          st.account = value.slice(slash + 1).trim() || null;
        } else st.account = value || null;
        if (!st.account || value.length > 35)
          problem(field.line, ':25: must name the account (at most 35 characters)');
        break;
      }
      case '28C':
        if (!/^\d{1,5}(\/\d{1,5})?$/.test(field.value.trim()))
          problem(field.line, ':28C: must be a number like 00001/001');
        st.has28 = true;
        break;
      case '60F':
      case '60M': {
        const b = balance(field.value);
        if (!b) problem(field.line, `:${field.tag}: must be like C260301VND1000000,00`);
        else {
          // Kept even when unknown: the statement's other fields are still checked against it.
          if (!isIso4217Currency(b.currency))
            problem(field.line, `:${field.tag}: currency "${b.currency}" is not an ISO 4217 code like VND`);
          st.currency = b.currency;
        }
        break;
      }
      case '61': {
        const [first, ...more] = field.value.split('\n');
        const m = LINE_61.exec(first.trim());
        if (!m) {
          problem(
            field.line,
            ':61: must be like 2603010301C500000,00NTRFNONREF//B123 (date, D/C, amount, type, reference)',
          );
          last61 = null;
          break;
        }
        const [, valueDate, entryDate, mark, , amountRaw, , ownerRef, bankRef] = m;
        const bookingDate = entryBookingDate(valueDate, entryDate);
        if (!bookingDate) {
          problem(
            field.line,
            `:61: date ${valueDate}${entryDate ?? ''} does not exist or lies outside 1970-2099`,
          );
          last61 = null;
          break;
        }
        if (!st.currency) {
          problem(field.line, ':61: before the :60F: opening balance that gives the currency');
          last61 = null;
          break;
        }
        const unsigned = decimal(amountRaw);
        const debit = mark === 'D' || mark === 'RC';
        const amount = debit ? negate(unsigned) : unsigned;
        const reference = bankRef?.trim() || (ownerRef.trim() !== 'NONREF' ? ownerRef.trim() : '');
        st.transactions.push({
          id: reference,
          bookingDate,
          amount,
          currency: st.currency,
          purpose: more.join(' ').trim(),
          counterpartName: '',
          counterpartAccount: null,
        });
        last61 = { index: st.transactions.length - 1, line: field.line };
        break;
      }
      case '86': {
        if (!last61) break; // information about the whole statement
        const details = information(field.value);
        const t = st.transactions[last61.index];
        st.transactions[last61.index] = {
          ...t,
          purpose: [t.purpose, details.purpose].filter(Boolean).join(' '),
          counterpartName: details.name,
          counterpartAccount: details.account,
        };
        last61 = null;
        break;
      }
      case '62F':
      case '62M': {
        const b = balance(field.value);
        if (!b) problem(field.line, `:${field.tag}: must be like C260331VND1500000,00`);
        else if (!isIso4217Currency(b.currency)) {
          problem(field.line, `:${field.tag}: currency "${b.currency}" is not an ISO 4217 code like VND`);
          st.closing = b.amount;
        } else if (st.currency && b.currency !== st.currency)
          problem(
            field.line,
            `:${field.tag}: currency ${b.currency} differs from the opening balance's ${st.currency}`,
          );
        else st.closing = b.amount;
        last61 = null;
        break;
      }
      default:
        last61 = field.tag === '64' || field.tag === '65' ? null : last61;
    }
  }
  finish();
  // Transactions without a reference get one derived from their content (stable across re-imports).
  // So do those whose reference repeats in the account: banks need not keep `//` references unique
  // (the DK specification's own example gives both lines `//55555`), and a shared id would make
  // the import's dedupe drop all but the first.
  const result = [...accounts.values()].map((a) => {
    const derived = new DerivedIds();
    const uses = new Map<string, number>();
    for (const t of a.transactions) if (t.id) uses.set(t.id, (uses.get(t.id) ?? 0) + 1);
    return {
      ...a,
      transactions: a.transactions.map((t) =>
        t.id && uses.get(t.id) === 1
          ? t
          : {
              ...t,
              id: derived.next([
                a.accountNumber,
                // Only a repeated reference joins the parts: ids derived before stay the same.
                ...(t.id ? [t.id] : []),
                t.bookingDate,
                t.amount,
                t.currency,
                t.purpose,
                t.counterpartName,
              ]),
            },
      ),
    };
  });
  return { format: 'MT940', accounts: problems.length > 0 ? [] : result, problems };
}

function decimal(raw: string): string {
  const [int, frac] = raw.split(',');
  const integer = int.replace(/^0+(?=\d)/, '');
  return frac ? `${integer}.${frac}` : integer;
}

function balance(raw: string): { amount: string; currency: string } | null {
  const m = BALANCE.exec(raw.trim());
  if (!m || !yymmdd(m[2])) return null;
  const unsigned = decimal(m[4]);
  if (unsigned.replace('.', '').length > 20 || unsigned.split('.')[0].length > 18) return null;
  return { amount: m[1] === 'D' ? negate(unsigned) : unsigned, currency: m[3] };
}

function yymmdd(raw: string): string | null {
  const yy = Number(raw.slice(0, 2));
  return isoDate(yy >= 70 ? 1900 + yy : 2000 + yy, Number(raw.slice(2, 4)), Number(raw.slice(4, 6)));
}

/** The entry date (MMDD) in the value date's year, or the year next to it across new year. */
function entryBookingDate(valueDate: string, entryDate: string | undefined): string | null {
  const value = yymmdd(valueDate);
  if (!value || !entryDate) return value;
  let year = Number(value.slice(0, 4));
  const valueMonth = Number(value.slice(5, 7));
  const month = Number(entryDate.slice(0, 2));
  if (valueMonth === 12 && month === 1) year++;
  if (valueMonth === 1 && month === 12) year--;
  return isoDate(year, month, Number(entryDate.slice(2, 4)));
}

/** `:86:` free text, or the structured `?NN` subfields (purpose ?20-?29, account ?31, name ?32/?33). */
function information(raw: string): { purpose: string; name: string; account: string | null } {
  const text = raw.replace(/\n/g, '');
  if (!/^\d{3}\?\d\d|^\?\d\d/.test(text))
    return { purpose: raw.replace(/\n/g, ' ').trim(), name: '', account: null };
  const purpose: string[] = [];
  const name: string[] = [];
  let account: string | null = null;
  for (const m of text.matchAll(/\?(\d\d)([^?]*)/g)) {
    const code = Number(m[1]);
    const value = m[2].trim();
    if (code >= 20 && code <= 29) purpose.push(value);
    else if (code === 31) account = value || null;
    else if (code === 32 || code === 33) name.push(value);
    else if (code >= 60 && code <= 63) purpose.push(value);
  }
  return { purpose: purpose.filter(Boolean).join(' '), name: name.join(''), account };
}
