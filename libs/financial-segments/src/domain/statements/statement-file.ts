import { parseCamt053Statement } from './camt053-statement';
import { parseCsvStatement } from './csv-statement';
import { parseMt940Statement } from './mt940-statement';
import type { ParsedStatement, StatementAccount, StatementProblem } from './statement.types';

export interface StatementFileSummary {
  readonly name: string;
  readonly format: ParsedStatement['format'];
  readonly accounts: {
    readonly bankName: string;
    readonly accountNumber: string;
    readonly currency: string;
    readonly balance: string;
    readonly transactions: number;
    /** First and last booking date; null when the account has no transaction. */
    readonly from: string | null;
    readonly to: string | null;
  }[];
  readonly problems: StatementProblem[];
}

/**
 * Parses one uploaded file, the format told by its content: XML (`<`) is camt.053, a first field
 * `:20:` (after optional SWIFT blocks) is MT940, anything else the CSV layout.
 */
export function parseStatementFile(content: string): ParsedStatement {
  const head = content.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return parseCamt053Statement(content);
  if (/^(\{1:|:20:)/.test(head)) return parseMt940Statement(content);
  return parseCsvStatement(content);
}

export function summarize(name: string, parsed: ParsedStatement): StatementFileSummary {
  return {
    name,
    format: parsed.format,
    accounts: parsed.accounts.map((a) => {
      const dates = a.transactions.map((t) => t.bookingDate).sort();
      return {
        bankName: a.bankName,
        accountNumber: a.accountNumber,
        currency: a.currency,
        balance: a.balance,
        transactions: a.transactions.length,
        from: dates[0] ?? null,
        to: dates[dates.length - 1] ?? null,
      };
    }),
    problems: parsed.problems,
  };
}

/**
 * The accounts of several files, one per (bank, account number): transactions together (the
 * import's dedupe drops the ones met twice), the balance of the file given last. An account met
 * in two currencies is a problem.
 */
export function mergeAccounts(files: readonly ParsedStatement[]): {
  accounts: StatementAccount[];
  problems: string[];
} {
  const merged = new Map<string, { -readonly [K in keyof StatementAccount]: StatementAccount[K] }>();
  const problems: string[] = [];
  for (const file of files) {
    for (const a of file.accounts) {
      const key = `${a.bankName}\u0000${a.accountNumber}`;
      const found = merged.get(key);
      if (!found) merged.set(key, { ...a, transactions: [...a.transactions] });
      else if (found.currency !== a.currency)
        problems.push(
          `Account ${a.accountNumber} is in ${found.currency} in one file and ${a.currency} in another`,
        );
      else {
        found.transactions.push(...a.transactions);
        found.balance = a.balance;
      }
    }
  }
  return { accounts: [...merged.values()], problems };
}
