import { ValidationError } from '../errors/domain-error';
import { LegalId } from './legal-id';

describe('LegalId', () => {
  it.each([
    ['123456789', 'CMND', '123456789'],
    ['079090001234', 'CCCD', '079090001234'],
    [' 079 090 001 234 ', 'CCCD', '079090001234'],
    ['b1234567', 'PASSPORT', 'B1234567'],
    ['c 123 4567', 'PASSPORT', 'C1234567'],
    ['x12ab345', 'PASSPORT', 'X12AB345'],
    ['AB123456789012345678', 'PASSPORT', 'AB123456789012345678'],
  ])('%p is a %s, normalised to %p', (raw, type, value) => {
    const id = LegalId.parse(raw);
    expect(id.type).toBe(type);
    expect(id.value).toBe(value);
  });

  it.each([
    '',
    '12345678',
    '1234567890',
    '12345678901',
    '1234567890123',
    'AB12',
    'A-1234567',
    'AB1234567890123456789',
    '079090001234!',
  ])('refuses %p', (raw) => {
    expect(LegalId.tryParse(raw)).toBeNull();
    expect(() => LegalId.parse(raw)).toThrow(ValidationError);
  });

  it('reads birth year and gender from a CCCD', () => {
    expect(LegalId.parse('079090001234').cccdBirthInfo()).toEqual({ birthYear: 1990, gender: 'M' });
    expect(LegalId.parse('079305001234').cccdBirthInfo()).toEqual({ birthYear: 2005, gender: 'F' });
    expect(LegalId.parse('123456789').cccdBirthInfo()).toBeNull();
  });

  it('reports the field in the error details', () => {
    try {
      LegalId.parse('bad');
      throw new Error('not thrown');
    } catch (error) {
      expect((error as ValidationError).code).toBe('INVALID_LEGAL_ID');
      expect((error as ValidationError).details).toEqual([{ field: 'legalId', issue: 'format' }]);
    }
  });
});
