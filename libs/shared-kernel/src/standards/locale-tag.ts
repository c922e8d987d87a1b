/**
 * BCP 47 language tags (`vi-VN`, `en`, `zh-Hant-TW`). Well-formedness and canonical case come
 * from the runtime's ICU (`Intl.getCanonicalLocales`), which implements the Unicode BCP 47 locale
 * identifier grammar; `vi_VN`, `vi-`, `english` and an unknown-length subtag are refused.
 * Returns the canonical form (`vi-vn` -> `vi-VN`) or null.
 */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export function canonicalLocaleTag(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  // The language subtag is an ISO 639 code of 2-3 letters (the 5-8 letter form is reserved and
  // unused) that ICU knows by name; "und" is not a language a customer speaks.
  if (value === '' || value.length > 64 || !/^[A-Za-z]{2,3}(-|$)/.test(value)) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (!canonical) return null;
    const language = new Intl.Locale(canonical).language;
    if (language === 'und' || LANGUAGE_NAMES.of(language) === language) return null;
    return canonical;
  } catch {
    return null;
  }
}
