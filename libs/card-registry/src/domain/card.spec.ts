import { BusinessRuleError, ValidationError } from '@hub/shared-kernel';
import { validateAccountTerms } from './account';
import { assertCardIssuable, validateEmbossName, type CardholderFacts } from './card';
import { assertRegistrable } from './registration';

const dedicated: CardholderFacts = { cardScope: 'DEDICATED', mobileNumber: '+84912345678', cardCount: 0 };
const shared: CardholderFacts = { cardScope: 'SHARED', mobileNumber: '+84912345678', cardCount: 3 };

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BusinessRuleError);
    return (error as BusinessRuleError).code;
  }
}

describe('wallet-card rules', () => {
  it.each([
    ['a wallet card for a DEDICATED holder with a mobile and no card', dedicated, true, null],
    ['a plain card for a SHARED holder with other cards', shared, false, null],
    ['a plain card for a DEDICATED holder with no card', dedicated, false, null],
    ['a wallet card for a SHARED holder', shared, true, 'WALLET_CARDHOLDER_NOT_DEDICATED'],
    [
      'a wallet card for a DEDICATED holder without a mobile',
      { ...dedicated, mobileNumber: null },
      true,
      'WALLET_CARDHOLDER_NO_MOBILE',
    ],
    [
      'a wallet card for a DEDICATED holder with a landline as mobile',
      { ...dedicated, mobileNumber: '+842438251234' },
      true,
      'WALLET_CARDHOLDER_NO_MOBILE',
    ],
    [
      'a wallet card for a DEDICATED holder who has a card',
      { ...dedicated, cardCount: 1 },
      true,
      'CARDHOLDER_ALREADY_HAS_CARD',
    ],
    [
      'a plain card for a DEDICATED holder who has a card',
      { ...dedicated, cardCount: 1 },
      false,
      'CARDHOLDER_ALREADY_HAS_CARD',
    ],
  ])('%s: %p', (_label, facts, wallet, expected) => {
    expect(codeOf(() => assertCardIssuable(facts as CardholderFacts, wallet as boolean))).toBe(expected);
  });
});

describe('one customer once', () => {
  it('a SHARED customer may not repeat a regNo; a DEDICATED one may', () => {
    expect(() => assertRegistrable('SHARED', null)).not.toThrow();
    expect(() => assertRegistrable('DEDICATED', 'existing-id')).not.toThrow();
    try {
      assertRegistrable('SHARED', 'existing-id');
      throw new Error('expected CUSTOMER_EXISTS');
    } catch (error) {
      expect((error as { code: string }).code).toBe('CUSTOMER_EXISTS');
      expect((error as { details: unknown }).details).toEqual([{ existingCustomerId: 'existing-id' }]);
    }
  });
});

describe('account terms and emboss names', () => {
  it('accepts ISO 4217 currencies and a non-negative credit limit, written with 2 decimals', () => {
    expect(validateAccountTerms({ currency: 'VND', creditLimit: '50000000' })).toEqual({
      currency: 'VND',
      creditLimit: '50000000.00',
    });
    expect(validateAccountTerms({ currency: 'EUR' })).toEqual({ currency: 'EUR', creditLimit: null });
  });

  it.each([
    [{ currency: 'XYZ' }, 'currency'],
    [{ currency: 'vnd' }, 'currency'],
    [{}, 'currency'],
    [{ currency: 'VND', creditLimit: '-1.00' }, 'creditLimit'],
    [{ currency: 'VND', creditLimit: 1000 }, 'creditLimit'],
    [{ currency: 'VND', creditLimit: '10.005' }, 'creditLimit'],
  ])('refuses %p (field %s)', (raw, field) => {
    try {
      validateAccountTerms(raw);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('upper-cases emboss names and refuses what an embosser cannot print', () => {
    expect(validateEmbossName(' an  nguyen ')).toBe('AN NGUYEN');
    expect(validateEmbossName(undefined)).toBeNull();
    expect(() => validateEmbossName('Nguyễn Văn An')).toThrow(ValidationError);
    expect(() => validateEmbossName('A'.repeat(27))).toThrow(ValidationError);
  });
});
