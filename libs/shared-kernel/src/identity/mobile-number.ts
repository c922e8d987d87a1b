import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { domainError } from '../errors/domain-error';
import { KernelErrors } from '../errors/kernel.errors';

/**
 * A mobile number in E.164. Parsed as Vietnamese by default, so `0912345678`,
 * `+84912345678` and `84 912 345 678` are one number; validated by libphonenumber's metadata
 * (real carrier ranges, not a hand-written regex) and refused when it is not a mobile line.
 */
export class MobileNumber {
  private constructor(readonly e164: string) {}

  static parse(raw: string, field = 'mobileNumber', defaultCountry: CountryCode = 'VN'): MobileNumber {
    const result = MobileNumber.tryParse(raw, defaultCountry);
    if (!result) {
      throw domainError(KernelErrors.INVALID_MOBILE_NUMBER, [{ field, issue: 'format' }]);
    }
    return result;
  }

  static tryParse(raw: string | null | undefined, defaultCountry: CountryCode = 'VN'): MobileNumber | null {
    if (typeof raw !== 'string') return null;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.length > 32) return null;
    const phone = parseCandidates(trimmed, defaultCountry);
    if (!phone) return null;
    const type = phone.getType();
    if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
    return new MobileNumber(phone.number);
  }

  equals(other: MobileNumber): boolean {
    return this.e164 === other.e164;
  }

  toString(): string {
    return this.e164;
  }
}

/** A phone of any kind (landline or mobile) in E.164, for contact fields that are not for SMS. */
export function parsePhoneToE164(raw: string, defaultCountry: CountryCode = 'VN'): string | null {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 32) return null;
  const phone = parseCandidates(raw.trim(), defaultCountry);
  return phone ? phone.number : null;
}

function parseCandidates(raw: string, defaultCountry: CountryCode) {
  // "84 912 345 678" is an international number written without its "+": try it as such
  // when the national reading is not valid.
  const attempts = raw.startsWith('+') ? [raw] : [raw, `+${raw}`];
  for (const attempt of attempts) {
    const phone = parsePhoneNumberFromString(attempt, defaultCountry);
    if (phone && phone.isValid()) return phone;
  }
  return null;
}
