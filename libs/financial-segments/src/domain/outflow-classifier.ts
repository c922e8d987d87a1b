import { dec } from '@hub/shared-kernel';
import { normalizeAccountNumber } from './income-classifier';
import { containsKeyword, wordsOf } from './income-rules';
import type { CaseTransaction } from './income.types';

export const OUTFLOW_CATEGORIES = [
  'HOUSING',
  'UTILITIES',
  'GROCERIES',
  'TRANSPORT',
  'LOAN_REPAYMENT',
  'INSURANCE',
  'CASH_WITHDRAWAL',
  'GAMBLING',
  'TRANSFER_OUT',
  'OTHER',
] as const;
export type OutflowCategory = (typeof OUTFLOW_CATEGORIES)[number];

/** Outflows that recur whatever the month: what affordability takes off income. */
export const FIXED_OUTFLOW_CATEGORIES: readonly OutflowCategory[] = [
  'HOUSING',
  'UTILITIES',
  'LOAN_REPAYMENT',
  'INSURANCE',
];

interface OutflowRule {
  readonly category: Exclude<OutflowCategory, 'OTHER'>;
  /** Upper case, no diacritics: also the rule's name in `matchedRule`. */
  readonly keyword: string;
  /** The words with their Vietnamese diacritics, for texts that carry them. */
  readonly accented?: string;
}

const rule = (category: OutflowRule['category'], keyword: string, accented?: string): OutflowRule => ({
  category,
  keyword,
  accented,
});

/**
 * Keyword rules over the purpose text and then the counterpart name, first match wins, matched
 * like the income rules (word by word without diacritics; a word written with diacritics must
 * carry the keyword's own, so `thuế nhà`, a property tax, is not `thuê nhà`, rent). Gambling comes
 * first (a transfer to a betting site is gambling, not a transfer), loans and insurance before
 * housing (`tra gop tien nha` repays a loan), cash and plain transfers last.
 */
export const OUTFLOW_RULES: readonly OutflowRule[] = [
  rule('GAMBLING', 'CA CUOC', 'cá cược'),
  rule('GAMBLING', 'CA DO', 'cá độ'),
  rule('GAMBLING', 'XO SO', 'xổ số'),
  rule('GAMBLING', 'VIETLOTT'),
  rule('GAMBLING', 'CASINO'),
  rule('GAMBLING', 'BETTING'),
  rule('GAMBLING', 'LOTTERY'),
  rule('LOAN_REPAYMENT', 'TRA NO', 'trả nợ'),
  rule('LOAN_REPAYMENT', 'TRA GOP', 'trả góp'),
  rule('LOAN_REPAYMENT', 'KHOAN VAY', 'khoản vay'),
  rule('LOAN_REPAYMENT', 'GOC LAI', 'gốc lãi'),
  rule('LOAN_REPAYMENT', 'LOAN'),
  rule('LOAN_REPAYMENT', 'REPAYMENT'),
  rule('LOAN_REPAYMENT', 'INSTALMENT'),
  rule('LOAN_REPAYMENT', 'INSTALLMENT'),
  rule('INSURANCE', 'BAO HIEM', 'bảo hiểm'),
  rule('INSURANCE', 'BHNT'),
  rule('INSURANCE', 'INSURANCE'),
  rule('INSURANCE', 'PREMIUM'),
  rule('HOUSING', 'THUE NHA', 'thuê nhà'),
  rule('HOUSING', 'TIEN NHA', 'tiền nhà'),
  rule('HOUSING', 'TIEN PHONG', 'tiền phòng'),
  rule('HOUSING', 'PHI QUAN LY', 'phí quản lý'),
  rule('HOUSING', 'RENT'),
  rule('HOUSING', 'MORTGAGE'),
  rule('UTILITIES', 'TIEN DIEN', 'tiền điện'),
  rule('UTILITIES', 'TIEN NUOC', 'tiền nước'),
  rule('UTILITIES', 'EVN'),
  rule('UTILITIES', 'INTERNET'),
  rule('UTILITIES', 'CUOC DIEN THOAI', 'cước điện thoại'),
  rule('UTILITIES', 'VIETTEL'),
  rule('UTILITIES', 'VNPT'),
  rule('UTILITIES', 'ELECTRICITY'),
  rule('UTILITIES', 'WATER'),
  rule('GROCERIES', 'SIEU THI', 'siêu thị'),
  rule('GROCERIES', 'DI CHO', 'đi chợ'),
  rule('GROCERIES', 'BACH HOA XANH', 'bách hóa xanh'),
  rule('GROCERIES', 'WINMART'),
  rule('GROCERIES', 'COOPMART'),
  rule('GROCERIES', 'GROCERY'),
  rule('GROCERIES', 'SUPERMARKET'),
  rule('TRANSPORT', 'XANG', 'xăng'),
  rule('TRANSPORT', 'GRAB'),
  rule('TRANSPORT', 'TAXI'),
  rule('TRANSPORT', 'GUI XE', 'gửi xe'),
  rule('TRANSPORT', 'VETC'),
  rule('TRANSPORT', 'PETROLIMEX'),
  rule('TRANSPORT', 'FUEL'),
  rule('CASH_WITHDRAWAL', 'RUT TIEN', 'rút tiền'),
  rule('CASH_WITHDRAWAL', 'ATM'),
  rule('CASH_WITHDRAWAL', 'CASH WITHDRAWAL'),
  rule('TRANSFER_OUT', 'CHUYEN TIEN', 'chuyển tiền'),
  rule('TRANSFER_OUT', 'CHUYEN KHOAN', 'chuyển khoản'),
  rule('TRANSFER_OUT', 'CK'),
  rule('TRANSFER_OUT', 'TRANSFER'),
];

export const OTHER_RULE = 'NO_RULE';

export interface OutflowTransaction extends CaseTransaction {
  readonly category: OutflowCategory;
  /** `KEYWORD:<keyword>` (purpose), `COUNTERPART:<keyword>` (counterpart name) or `NO_RULE`. */
  readonly matchedRule: string;
}

/**
 * The outflows of a case (debits, amount < 0), each with its category and the rule that matched.
 * A debit to one of the case's own accounts is a transfer between them, not an outflow.
 */
export function classifyOutflows(
  transactions: readonly CaseTransaction[],
  ownAccountNumbers: Iterable<string>,
): OutflowTransaction[] {
  const own = new Set([...ownAccountNumbers].map(normalizeAccountNumber));
  const outflows: OutflowTransaction[] = [];
  for (const t of transactions) {
    if (!dec(t.amount).isNegative() || dec(t.amount).isZero()) continue;
    if (isOwnTransfer(t, own)) continue;
    outflows.push({ ...t, ...classifyOutflow(t) });
  }
  return outflows;
}

export function isOwnTransfer(t: CaseTransaction, own: ReadonlySet<string>): boolean {
  return Boolean(t.counterpartAccount && own.has(normalizeAccountNumber(t.counterpartAccount)));
}

export function classifyOutflow(t: Pick<CaseTransaction, 'purpose' | 'counterpartName'>): {
  category: OutflowCategory;
  matchedRule: string;
} {
  const purpose = wordsOf(t.purpose ?? '');
  const byPurpose = OUTFLOW_RULES.find((r) => containsKeyword(purpose, r));
  if (byPurpose) return { category: byPurpose.category, matchedRule: `KEYWORD:${byPurpose.keyword}` };
  const counterpart = wordsOf(t.counterpartName ?? '');
  const byCounterpart = OUTFLOW_RULES.find((r) => containsKeyword(counterpart, r));
  if (byCounterpart) {
    return { category: byCounterpart.category, matchedRule: `COUNTERPART:${byCounterpart.keyword}` };
  }
  return { category: 'OTHER', matchedRule: OTHER_RULE };
}
