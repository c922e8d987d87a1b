/**
 * Vietnamese text without its diacritics, for matching what people and banks write both ways:
 * `Lương tháng 10` and `LUONG THANG 10` fold to the same `LUONG THANG 10`. Tone marks and vowel
 * modifiers are combining marks after NFD; `đ` is a letter of its own and maps to `d`.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Folded, upper-cased, punctuation to single spaces: the form rules match against. */
export function matchableText(text: string): string {
  return foldVietnamese(text)
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
