import { isCif, normaliseCif } from './cif';

describe('CIF', () => {
  it.each([
    ['7700000001', '7700000001'],
    [' 7700000001 ', '7700000001'],
    ['ab12', 'AB12'],
    ['A'.repeat(20), 'A'.repeat(20)],
  ])('reads %p as %p', (raw, cif) => {
    expect(normaliseCif(raw)).toBe(cif);
    expect(isCif(raw)).toBe(true);
  });

  // 'ı' (dotless i) and 'ﬀ' upper-case to ASCII letters: refused before, not after, the upper-casing.
  it.each(['', '   ', '77 01', '77-01', 'A'.repeat(21), '77\u000001', 'ı', 'ﬀ', 7700000001, null, undefined])(
    'refuses %p',
    (raw) => {
      expect(normaliseCif(raw)).toBeNull();
      expect(isCif(raw)).toBe(false);
    },
  );
});
