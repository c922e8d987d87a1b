import { LegalId } from '../identity/legal-id';
import { MobileNumber } from '../identity/mobile-number';
import { syntheticCccd, syntheticMobile } from './synthetic-identifiers';

describe('synthetic identifiers', () => {
  it.each([
    [1990, 'M' as const],
    [1985, 'F' as const],
    [2005, 'F' as const],
    [2001, 'M' as const],
  ])('a CCCD for %i %s parses and encodes that birth year and gender', (birthYear, gender) => {
    const id = LegalId.parse(syntheticCccd(42, birthYear, gender));
    expect({ type: id.type, info: id.cccdBirthInfo() }).toEqual({
      type: 'CCCD',
      info: { birthYear, gender },
    });
  });

  it('distinct serials give distinct identifiers; out-of-range serials are refused', () => {
    expect(syntheticCccd(1)).not.toBe(syntheticCccd(2));
    expect(() => syntheticCccd(1_000_000)).toThrow(RangeError);
    expect(MobileNumber.parse(syntheticMobile(1234)).e164).toBe('+84910001234');
    expect(() => syntheticMobile(-1)).toThrow(RangeError);
  });
});
