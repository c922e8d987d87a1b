import { FieldIssues, isIso4217Currency, isStorableText } from './input-rules';

describe('input rules', () => {
  it.each([
    ['VND', true],
    ['USD', true],
    ['vnd', false],
    ['ABC', false],
    ['VNDX', false],
    [840, false],
  ])('ISO 4217 %p -> %p', (value, expected) => expect(isIso4217Currency(value)).toBe(expected));

  it('storable text: no control characters but the allowed white space, no lone surrogates', () => {
    expect(isStorableText('Nguyễn Văn An 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\tb')).toBe(false);
    expect(isStorableText('a\tb', 'tab')).toBe(true);
    expect(isStorableText('a\nb', 'tab')).toBe(false);
    expect(isStorableText('a\r\nb\tc', 'lineBreaks')).toBe(true);
    expect(isStorableText('a\u007fb', 'lineBreaks')).toBe(false);
    expect(isStorableText('\ud83d', 'lineBreaks')).toBe(false);
    expect(isStorableText(1)).toBe(false);
  });

  it('collects per-field issues and throws them together as VALIDATION_FAILED', () => {
    const issues = new FieldIssues();
    expect(() => issues.throwIfAny()).not.toThrow();
    issues
      .add('currency', 'isIso4217Currency', 'currency must be an ISO 4217 code')
      .add('name', 'required', 'x');
    expect(() => issues.throwIfAny()).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: [
          { field: 'currency', issues: ['isIso4217Currency'], message: 'currency must be an ISO 4217 code' },
          { field: 'name', issues: ['required'], message: 'x' },
        ],
      }),
    );
  });
});
