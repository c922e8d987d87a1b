import { dec, matchableText, type Decimal } from '@hub/shared-kernel';
import { KEYWORD_RULES, REFUND_KEYWORDS, firstMatchingRule, wordsOf } from './income-rules';
import { type CaseTransaction, type IncomeCategory, monthOf } from './income.types';

/** Recurrence: one counterparty, this many distinct months at least ... */
export const RECURRENCE_MIN_MONTHS = 3;
/** ... with amounts within this fraction of the counterparty's median (inclusive). */
export const RECURRENCE_BAND = '0.20';

export const RECURRING_RULE = 'RECURRING_COUNTERPARTY';

export type ExclusionReason = 'NOT_A_CREDIT' | 'OWN_ACCOUNT_TRANSFER' | 'REFUND' | 'ONE_OFF';

export type Classification =
  | { readonly kind: 'INCOME'; readonly category: IncomeCategory; readonly matchedRule: string }
  | { readonly kind: 'EXCLUDED'; readonly reason: ExclusionReason; readonly matchedRule?: string };

export interface ClassifiedTransaction {
  readonly transaction: CaseTransaction;
  readonly classification: Classification;
}

export interface IncomeTransaction extends CaseTransaction {
  readonly category: IncomeCategory;
  /** `KEYWORD:<keyword>` or `RECURRING_COUNTERPARTY`. */
  readonly matchedRule: string;
}

/**
 * Classifies every transaction of a case (Appendix D). In order:
 * 1. only credits (amount > 0) can be income;
 * 2. a credit whose counterpart account is one of the user's own accounts is a transfer, not income;
 * 3. refunds (`HOAN TIEN`, `REFUND`) are not income;
 * 4. the purpose keyword rules, first match wins (PENSION before SALARY);
 * 5. the remaining credits of one counterparty are OTHER_RECURRING when those within 20% of the
 *    counterparty's median amount fall in 3 or more distinct months; anything else is a one-off.
 * The result keeps the input order.
 */
export function classifyTransactions(
  transactions: readonly CaseTransaction[],
  ownAccountNumbers: Iterable<string>,
): ClassifiedTransaction[] {
  const own = new Set([...ownAccountNumbers].map(normalizeAccountNumber));
  const results: (Classification | null)[] = transactions.map((tx) => classifyOne(tx, own));

  const byCounterparty = new Map<string, number[]>();
  results.forEach((result, index) => {
    if (result !== null) return;
    const key = counterpartyKey(transactions[index]);
    const group = byCounterparty.get(key);
    if (group) group.push(index);
    else byCounterparty.set(key, [index]);
  });
  for (const indexes of byCounterparty.values()) {
    const recurring = recurringMembers(indexes.map((i) => transactions[i]));
    indexes.forEach((i, k) => {
      results[i] = recurring[k]
        ? { kind: 'INCOME', category: 'OTHER_RECURRING', matchedRule: RECURRING_RULE }
        : { kind: 'EXCLUDED', reason: 'ONE_OFF' };
    });
  }
  return transactions.map((transaction, i) => ({
    transaction,
    classification: results[i] as Classification,
  }));
}

/** The income transactions of a case, each with its category and the rule that matched. */
export function classifyIncome(
  transactions: readonly CaseTransaction[],
  ownAccountNumbers: Iterable<string>,
): IncomeTransaction[] {
  const income: IncomeTransaction[] = [];
  for (const { transaction, classification } of classifyTransactions(transactions, ownAccountNumbers)) {
    if (classification.kind === 'INCOME') {
      income.push({
        ...transaction,
        category: classification.category,
        matchedRule: classification.matchedRule,
      });
    }
  }
  return income;
}

/** Decided by the transaction alone, or null when only recurrence can tell. */
function classifyOne(tx: CaseTransaction, own: ReadonlySet<string>): Classification | null {
  if (dec(tx.amount).lte(0)) return { kind: 'EXCLUDED', reason: 'NOT_A_CREDIT' };
  if (tx.counterpartAccount && own.has(normalizeAccountNumber(tx.counterpartAccount))) {
    return { kind: 'EXCLUDED', reason: 'OWN_ACCOUNT_TRANSFER' };
  }
  const words = wordsOf(tx.purpose ?? '');
  const refund = firstMatchingRule(words, REFUND_KEYWORDS);
  if (refund) return { kind: 'EXCLUDED', reason: 'REFUND', matchedRule: `KEYWORD:${refund.keyword}` };
  const rule = firstMatchingRule(words, KEYWORD_RULES);
  if (rule) return { kind: 'INCOME', category: rule.category, matchedRule: `KEYWORD:${rule.keyword}` };
  return null;
}

/**
 * Which credits of one counterparty recur: those within the band around the median, when they
 * fall in at least RECURRENCE_MIN_MONTHS distinct months. Credits outside the band are one-offs.
 */
export function recurringMembers(credits: readonly CaseTransaction[]): boolean[] {
  const median = medianOf(credits.map((c) => dec(c.amount)));
  const tolerance = median.times(RECURRENCE_BAND);
  const inBand = credits.map((c) => dec(c.amount).minus(median).abs().lte(tolerance));
  const months = new Set(credits.filter((_, i) => inBand[i]).map((c) => monthOf(c.bookingDate)));
  return months.size >= RECURRENCE_MIN_MONTHS ? inBand : credits.map(() => false);
}

function medianOf(values: readonly Decimal[]): Decimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).dividedBy(2);
}

/** Counterparties are told apart by name (without diacritics), or by account when nameless. */
export function counterpartyKey(tx: Pick<CaseTransaction, 'counterpartName' | 'counterpartAccount'>): string {
  const name = matchableText(tx.counterpartName ?? '');
  if (name !== '') return `N:${name}`;
  return `A:${normalizeAccountNumber(tx.counterpartAccount ?? '')}`;
}

export function normalizeAccountNumber(accountNumber: string): string {
  return accountNumber.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}
