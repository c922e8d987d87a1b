import { buildSnapshot } from '../testing/ods-snapshot.factory';
import { canonicalFlags, recordQualityFlags, sharedIdentifierFlags } from './data-quality';

describe('data-quality flags', () => {
  // 079090001234: a CCCD of a man born in 1990 (digit 4 = 0: 1900s, male; digits 5-6 = 90).
  it.each([
    [{ dateOfBirth: '1990-05-14', gender: 'M' as const }, []],
    [{ dateOfBirth: '1991-05-14', gender: 'M' as const }, ['CCCD_BIRTH_YEAR_MISMATCH']],
    [{ dateOfBirth: '1990-05-14', gender: 'F' as const }, ['CCCD_GENDER_MISMATCH']],
    [
      { dateOfBirth: '2090-05-14', gender: 'F' as const },
      ['CCCD_BIRTH_YEAR_MISMATCH', 'CCCD_GENDER_MISMATCH'],
    ],
    [{ dateOfBirth: null, gender: 'O' as const }, []],
  ])('checks the CCCD digits against %p', (overrides, expected) => {
    expect(recordQualityFlags(buildSnapshot(overrides))).toEqual(expected);
  });

  it('does not check a CMND or a passport', () => {
    const snapshot = buildSnapshot({
      dateOfBirth: '1991-01-01',
      legalIds: [{ type: 'CMND', number: '212345678', issueDate: null, issuePlace: null }],
    });
    expect(recordQualityFlags(snapshot)).toEqual([]);
  });

  it('flags identifiers shared with another open CIF, on open CIFs only', () => {
    const a = buildSnapshot({ cif: 'A' });
    const b = buildSnapshot({ cif: 'B', mobileNumbers: ['+84912000999'] }); // same CCCD as A
    const c = buildSnapshot({ cif: 'C', status: 'CLOSED', legalIds: [], mobileNumbers: ['+84912000111'] });
    const all = [a, b, c];
    expect(sharedIdentifierFlags(a, all)).toEqual(['SHARED_LEGAL_ID']); // C is CLOSED
    expect(sharedIdentifierFlags(b, all)).toEqual(['SHARED_LEGAL_ID']);
    expect(sharedIdentifierFlags(c, all)).toEqual([]);
    expect(sharedIdentifierFlags(a, [a])).toEqual([]);
  });

  it('lists flags once, in the canonical order', () => {
    expect(canonicalFlags(['SHARED_MOBILE_NUMBER', 'CCCD_GENDER_MISMATCH', 'SHARED_MOBILE_NUMBER'])).toEqual([
      'CCCD_GENDER_MISMATCH',
      'SHARED_MOBILE_NUMBER',
    ]);
  });
});
