import { foldVietnamese } from '@hub/shared-kernel';
import type { IncomeCategory } from './income.types';

/**
 * The purpose-text rules of Appendix D, in the order they are tried: PENSION before SALARY,
 * because `LUONG HUU` (pension) contains `LUONG` (salary).
 *
 * A keyword is matched word by word on the text without diacritics (`Lương` = `LUONG`). Where the
 * text does carry diacritics, a word must carry the keyword's own ones: `số lượng` (quantity)
 * folds to `SO LUONG` but is not `lương` (salary), `thuế nhà` (property tax) is not `thuê nhà`
 * (rent). Words written without diacritics match on their folded form alone.
 */
export interface KeywordRule {
  readonly category: Exclude<IncomeCategory, 'OTHER_RECURRING'>;
  /** Upper-case, no diacritics, single spaces: also the rule's name in `matchedRule`. */
  readonly keyword: string;
  /** The same words with their Vietnamese diacritics, lower case; absent for English keywords. */
  readonly accented?: string;
}

export const KEYWORD_RULES: readonly KeywordRule[] = [
  { category: 'PENSION', keyword: 'LUONG HUU', accented: 'lương hưu' },
  { category: 'PENSION', keyword: 'HUU TRI', accented: 'hưu trí' },
  { category: 'PENSION', keyword: 'PENSION' },
  { category: 'SALARY', keyword: 'LUONG', accented: 'lương' },
  { category: 'SALARY', keyword: 'SALARY' },
  { category: 'SALARY', keyword: 'PAYROLL' },
  { category: 'RENTAL', keyword: 'THUE NHA', accented: 'thuê nhà' },
  { category: 'RENTAL', keyword: 'TIEN NHA', accented: 'tiền nhà' },
  { category: 'RENTAL', keyword: 'CHO THUE', accented: 'cho thuê' },
  { category: 'RENTAL', keyword: 'RENT' },
  { category: 'RENTAL', keyword: 'RENTAL' },
  { category: 'SOCIAL_BENEFIT', keyword: 'TRO CAP', accented: 'trợ cấp' },
  { category: 'SOCIAL_BENEFIT', keyword: 'BHXH' },
  { category: 'SOCIAL_BENEFIT', keyword: 'BAO HIEM XA HOI', accented: 'bảo hiểm xã hội' },
  { category: 'SOCIAL_BENEFIT', keyword: 'BENEFIT' },
  { category: 'INTEREST', keyword: 'LAI TIET KIEM', accented: 'lãi tiết kiệm' },
  { category: 'INTEREST', keyword: 'LAI TIEN GUI', accented: 'lãi tiền gửi' },
  { category: 'INTEREST', keyword: 'INTEREST' },
];

/** Credits that give money back rather than earn it. */
export const REFUND_KEYWORDS: readonly KeywordRule[] = [
  { category: 'SALARY', keyword: 'HOAN TIEN', accented: 'hoàn tiền' },
  { category: 'SALARY', keyword: 'REFUND' },
];

interface Word {
  readonly folded: string;
  readonly original: string;
  readonly accented: boolean;
}

/** The words of a text, each in its original (NFC, lower case) and folded (upper case) forms. */
export function wordsOf(text: string): Word[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((original) => {
      const plain = foldVietnamese(original);
      return { original, folded: plain.toUpperCase(), accented: plain !== original };
    });
}

type KeywordParts = { readonly folded: string[]; readonly accented: string[] | undefined };

/** Each rule's words, split and normalised once (this runs for every rule on every transaction). */
const compiled = new WeakMap<object, KeywordParts>();

function partsOf(rule: Pick<KeywordRule, 'keyword' | 'accented'>): KeywordParts {
  let parts = compiled.get(rule);
  if (!parts) {
    parts = { folded: rule.keyword.split(' '), accented: rule.accented?.normalize('NFC').split(' ') };
    compiled.set(rule, parts);
  }
  return parts;
}

export function containsKeyword(
  words: readonly Word[],
  rule: Pick<KeywordRule, 'keyword' | 'accented'>,
): boolean {
  const { folded, accented } = partsOf(rule);
  outer: for (let start = 0; start + folded.length <= words.length; start++) {
    for (let k = 0; k < folded.length; k++) {
      const word = words[start + k];
      if (word.folded !== folded[k]) continue outer;
      if (word.accented && accented !== undefined && word.original !== accented[k]) continue outer;
    }
    return true;
  }
  return false;
}

export function firstMatchingRule(words: readonly Word[], rules: readonly KeywordRule[]): KeywordRule | null {
  return rules.find((rule) => containsKeyword(words, rule)) ?? null;
}
