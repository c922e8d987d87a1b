import { domainError } from '../errors/domain-error';
import { KernelErrors } from '../errors/kernel.errors';

export type LegalIdType = 'CMND' | 'CCCD' | 'PASSPORT';

const CMND = /^\d{9}$/;
const CCCD = /^\d{12}$/;
const VN_PASSPORT = /^[A-Z]\d{7}$/;
const OTHER_PASSPORT = /^[A-Z0-9]{6,20}$/;

/**
 * A Vietnamese legal identifier (docs/contracts/customer-summary.md): CMND (9 digits), CCCD (12 digits), Vietnamese
 * passport (one letter + 7 digits) or another passport (6-20 alphanumerics with a letter).
 * Normalised: trimmed, upper-cased, inner white space removed.
 */
export class LegalId {
  private constructor(
    readonly value: string,
    readonly type: LegalIdType,
  ) {}

  static normalise(raw: string): string {
    return raw.replace(/\s+/g, '').toUpperCase();
  }

  static parse(raw: string): LegalId {
    const result = LegalId.tryParse(raw);
    if (!result) {
      throw domainError(KernelErrors.INVALID_LEGAL_ID, [{ field: 'legalId', issue: 'format' }]);
    }
    return result;
  }

  static tryParse(raw: string | null | undefined): LegalId | null {
    if (typeof raw !== 'string') return null;
    const value = LegalId.normalise(raw);
    if (CMND.test(value)) return new LegalId(value, 'CMND');
    if (CCCD.test(value)) return new LegalId(value, 'CCCD');
    if (VN_PASSPORT.test(value)) return new LegalId(value, 'PASSPORT');
    // Other passports must hold at least one letter, so an all-digit string of the wrong
    // length (a mistyped CMND/CCCD) is refused instead of being taken for a passport.
    if (OTHER_PASSPORT.test(value) && /[A-Z]/.test(value)) return new LegalId(value, 'PASSPORT');
    return null;
  }

  /**
   * For a CCCD, the birth year and gender it encodes (digit 4: century and gender, digits 5-6:
   * year). Used to flag data-quality mismatches with the ODS date of birth, never to reject.
   */
  cccdBirthInfo(): { birthYear: number; gender: 'M' | 'F' } | null {
    if (this.type !== 'CCCD') return null;
    const code = Number(this.value[3]);
    const yy = Number(this.value.slice(4, 6));
    const century = 1900 + Math.floor(code / 2) * 100;
    return { birthYear: century + yy, gender: code % 2 === 0 ? 'M' : 'F' };
  }

  equals(other: LegalId): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
