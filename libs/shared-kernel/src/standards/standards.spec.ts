import fc from 'fast-check';
import {
  alpha3ToAlpha2,
  canonicalLocaleTag,
  csvField,
  csvRecord,
  isCalendarDate,
  csvUnneutralise,
  isIso3166Alpha3,
  ISO3166_ALPHA3_CODES,
  neutraliseCsvFormula,
  normaliseEmail,
  parseCsv,
} from './index';

describe('ISO 3166-1 alpha-3', () => {
  it('holds the 249 officially assigned codes, each with a distinct alpha-2 twin', () => {
    expect(ISO3166_ALPHA3_CODES).toHaveLength(249);
    const alpha2 = ISO3166_ALPHA3_CODES.map((c) => alpha3ToAlpha2(c));
    expect(new Set(alpha2).size).toBe(249);
    // ICU knows a display name for every alpha-2 twin: none of them is made up.
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of alpha2) expect(names.of(code!)).not.toBe(code);
  });

  it.each([
    ['VNM', 'VN'],
    ['FIN', 'FI'],
    ['DEU', 'DE'],
    ['GBR', 'GB'],
    ['ALA', 'AX'],
    ['SSD', 'SS'],
    ['BES', 'BQ'],
  ])('accepts %s (alpha-2 %s)', (alpha3, alpha2) => {
    expect(isIso3166Alpha3(alpha3)).toBe(true);
    expect(alpha3ToAlpha2(alpha3)).toBe(alpha2);
  });

  it.each(['VN', 'vnm', 'XXX', 'UNK', 'EUE', 'ANT', 'SCG', 'VNMM', '', 'ZZZ'])('refuses %p', (code) => {
    expect(isIso3166Alpha3(code)).toBe(false);
    expect(alpha3ToAlpha2(code)).toBeNull();
  });
});

describe('BCP 47 locale tags', () => {
  it.each([
    ['vi-VN', 'vi-VN'],
    ['vi-vn', 'vi-VN'],
    ['en', 'en'],
    ['fi-FI', 'fi-FI'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    [' sv-FI ', 'sv-FI'],
  ])('%p is well formed (%p)', (raw, canonical) => {
    expect(canonicalLocaleTag(raw)).toBe(canonical);
  });

  it.each(['vi_VN', 'vi-', 'english', 'e', '', 'und', '12-VN', 'vi-VN-', 'vi--VN', 'xq-VN', 42, null])(
    '%p is refused',
    (raw) => {
      expect(canonicalLocaleTag(raw)).toBeNull();
    },
  );
});

describe('e-mail addresses', () => {
  it.each([
    ['an@example.vn', 'an@example.vn'],
    [' An.Nguyen+cards@Example.COM.vn ', 'An.Nguyen+cards@example.com.vn'],
  ])('%p is accepted as %p', (raw, normalised) => {
    expect(normaliseEmail(raw)).toBe(normalised);
  });

  it.each([
    'an',
    'an@',
    '@example.vn',
    'an@example',
    'an@@example.vn',
    'a n@example.vn',
    'an@-example.vn',
    '.an@example.vn',
    'a..n@example.vn',
    `${'a'.repeat(65)}@example.vn`,
  ])('%p is refused', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });
});

describe('calendar dates', () => {
  it.each(['1990-05-14', '2024-02-29', '2000-02-29', '0001-01-01'])('%p exists', (d) =>
    expect(isCalendarDate(d)).toBe(true),
  );
  it.each([
    '2023-02-29',
    '1900-02-29',
    '1990-13-01',
    '1990-00-10',
    '1990-04-31',
    '1990-5-14',
    '14/05/1990',
    '1990-05-14T00:00:00Z',
    '',
  ])('%p is refused', (d) => expect(isCalendarDate(d)).toBe(false));
});

describe('RFC 4180 CSV', () => {
  it('quotes only fields that need it and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvRecord(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
  });

  it('round-trips any record through parseCsv', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (records) => {
          // A record of one empty field is written as an empty line, which reads back as [''].
          const text = records.map((r) => csvRecord(r)).join('');
          expect(parseCsv(text)).toEqual(records.map((r) => r.map(neutraliseCsvFormula)));
        },
      ),
    );
  });

  it.each(['=1+2', '+84912345678', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
    'neutralises a cell a spreadsheet would read as a formula: %p',
    (cell) => {
      const field = csvField(cell);
      const [[read]] = parseCsv(csvRecord([cell]));
      expect(read).toBe(`'${cell}`);
      expect(field.startsWith("'") || field.startsWith(`"'`)).toBe(true);
      expect(csvUnneutralise(read)).toBe(cell);
    },
  );

  it('leaves other cells, numbers and booleans as they are', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("'quoted")).toBe("'quoted");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(true)).toBe('true');
    expect(csvField('')).toBe('');
  });
});
