import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isIso4217Currency, isStorableText } from '@hub/shared-kernel';
import {
  checkIsoDate,
  DerivedIds,
  MAX_PROBLEMS,
  negate,
  type ParsedStatement,
  type StatementAccount,
  type StatementProblem,
  type StatementTransaction,
  UNNAMED_BANK,
  unsignedAmount,
} from './statement.types';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => ['Stmt', 'Ntry', 'Bal', 'TxDtls', 'Ustrd'].includes(name),
});

/**
 * ISO 20022 camt.053 (Bank-to-Customer Statement), any version 02-13 (namespaces ignored):
 * `Document/BkToCstmrStmt/Stmt`, each with `Acct` (`Id/IBAN` or `Id/Othr/Id`, `Ccy`, the bank
 * `Svcr/FinInstnId/BICFI|BIC`), the closing booked balance `Bal` with `Tp/CdOrPrtry/Cd = CLBD`,
 * and entries `Ntry` (`Amt@Ccy`, `CdtDbtInd` CRDT/DBIT, `BookgDt/Dt|DtTm`, `AcctSvcrRef`,
 * `NtryDtls/TxDtls` with `RmtInf/Ustrd` and `RltdPties`). Pending entries (`Sts` PDNG, INFO) are
 * not booked and are left out.
 */
export function parseCamt053Statement(content: string): ParsedStatement {
  const problems: StatementProblem[] = [];
  const problem = (element: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line: null, element, message });
  };
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    return {
      format: 'CAMT053',
      accounts: [],
      problems: [{ line: valid.err.line, element: null, message: `Not well-formed XML: ${valid.err.msg}` }],
    };
  }
  const doc = parser.parse(content) as Node;
  const statements = path(doc, 'Document', 'BkToCstmrStmt', 'Stmt') as Node[] | undefined;
  if (!Array.isArray(statements) || statements.length === 0) {
    problem('Document/BkToCstmrStmt/Stmt', 'No statement: this is not a camt.053 Bank-to-Customer Statement');
    return { format: 'CAMT053', accounts: [], problems };
  }
  const accounts: StatementAccount[] = [];
  statements.forEach((stmt, s) => {
    const at = `Stmt[${s + 1}]`;
    const accountNumber =
      text(path(stmt, 'Acct', 'Id', 'IBAN')) ?? text(path(stmt, 'Acct', 'Id', 'Othr', 'Id'));
    if (!accountNumber || !isStorableText(accountNumber))
      problem(`${at}/Acct/Id`, 'The account has no IBAN or Othr/Id');
    const bic =
      text(path(stmt, 'Acct', 'Svcr', 'FinInstnId', 'BICFI')) ??
      text(path(stmt, 'Acct', 'Svcr', 'FinInstnId', 'BIC'));
    const closing = ((path(stmt, 'Bal') as Node[] | undefined) ?? []).find(
      (b) => text(path(b, 'Tp', 'CdOrPrtry', 'Cd')) === 'CLBD',
    );
    let balance: string | null = null;
    let currency = text(path(stmt, 'Acct', 'Ccy'));
    if (!closing) problem(`${at}/Bal`, 'No closing booked balance (Bal with Tp/CdOrPrtry/Cd CLBD)');
    else {
      const amt = amountOf(closing.Amt);
      currency = currency ?? amt.currency;
      const indicator = text(closing.CdtDbtInd);
      if (!amt.value) problem(`${at}/Bal/Amt`, `"${amt.raw}" is not an amount with at most 2 decimals`);
      else if (indicator !== 'CRDT' && indicator !== 'DBIT')
        problem(`${at}/Bal/CdtDbtInd`, 'Must be CRDT or DBIT');
      else balance = indicator === 'DBIT' ? negate(amt.value) : amt.value;
    }
    if (!isIso4217Currency(currency)) problem(`${at}/Acct/Ccy`, 'The account has no ISO 4217 currency');
    const transactions: StatementTransaction[] = [];
    const ids = new DerivedIds();
    ((path(stmt, 'Ntry') as Node[] | undefined) ?? []).forEach((entry, n) => {
      const e = `${at}/Ntry[${n + 1}]`;
      const status = text(entry.Sts) ?? text(path(entry, 'Sts', 'Cd'));
      if (status === 'PDNG' || status === 'INFO') return;
      const amt = amountOf(entry.Amt);
      const indicator = text(entry.CdtDbtInd);
      const dateRaw =
        text(path(entry, 'BookgDt', 'Dt')) ?? text(path(entry, 'BookgDt', 'DtTm'))?.slice(0, 10) ?? '';
      const bookingDate = checkIsoDate(dateRaw);
      const before = problems.length;
      if (!amt.value) problem(`${e}/Amt`, `"${amt.raw}" is not an amount with at most 2 decimals`);
      if (!isIso4217Currency(amt.currency))
        problem(`${e}/Amt`, 'The Ccy attribute is missing or not ISO 4217');
      if (indicator !== 'CRDT' && indicator !== 'DBIT') problem(`${e}/CdtDbtInd`, 'Must be CRDT or DBIT');
      if (!bookingDate) problem(`${e}/BookgDt`, `"${dateRaw}" is not a booking date in 1970-2099`);
      if (problems.length > before || !amt.value || !bookingDate || !amt.currency) return;
      const tx = (path(entry, 'NtryDtls', 'TxDtls') as Node[] | undefined)?.[0] ?? {};
      const purpose =
        ((path(tx, 'RmtInf', 'Ustrd') as unknown[] | undefined) ?? []).map(text).filter(Boolean).join(' ') ||
        (text(entry.AddtlNtryInf) ?? '');
      const party = indicator === 'CRDT' ? 'Dbtr' : 'Cdtr';
      const counterpartName =
        text(path(tx, 'RltdPties', party, 'Nm')) ?? text(path(tx, 'RltdPties', party, 'Pty', 'Nm')) ?? '';
      const counterpartAccount =
        text(path(tx, 'RltdPties', `${party}Acct`, 'Id', 'IBAN')) ??
        text(path(tx, 'RltdPties', `${party}Acct`, 'Id', 'Othr', 'Id')) ??
        null;
      // The JSON import's rules: free text may hold tabs and line breaks, an account number nothing.
      if (
        !isStorableText(purpose, 'lineBreaks') ||
        !isStorableText(counterpartName, 'lineBreaks') ||
        !isStorableText(counterpartAccount ?? '')
      ) {
        problem(e, 'A text holds a control character');
        return;
      }
      const amount = indicator === 'DBIT' ? negate(amt.value) : amt.value;
      const ref = text(entry.AcctSvcrRef) ?? text(path(tx, 'Refs', 'AcctSvcrRef'));
      transactions.push({
        id:
          ref ?? ids.next([accountNumber ?? '', bookingDate, amount, amt.currency, purpose, counterpartName]),
        bookingDate,
        amount,
        currency: amt.currency,
        purpose,
        counterpartName,
        counterpartAccount,
      });
    });
    if (accountNumber && currency && balance !== null) {
      accounts.push({ bankName: bic ?? UNNAMED_BANK, accountNumber, currency, balance, transactions });
    }
  });
  return { format: 'CAMT053', accounts: problems.length > 0 ? [] : accounts, problems };
}

function path(node: unknown, ...keys: string[]): unknown {
  let current = node;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Node)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'object' && value !== null && typeof (value as Node)['#text'] === 'string') {
    return ((value as Node)['#text'] as string).trim() || undefined;
  }
  return undefined;
}

function amountOf(node: unknown): { raw: string; value: string | null; currency: string | undefined } {
  const raw = text(node) ?? '';
  const currency = typeof node === 'object' && node !== null ? text((node as Node)['@Ccy']) : undefined;
  return { raw, value: unsignedAmount(raw), currency };
}
