import { PreconditionFailedError, ValidationError } from '@hub/shared-kernel';
import { buildPrivateCustomer } from '../testing/customer.factory';
import { validateCustomerFields, type Customer } from './customer';
import { assertIfMatch, etagOf, mergeCustomerPatch, parseIfMatch, reviseCustomer } from './customer-version';

const TODAY = '2026-11-21';
const T0 = new Date('2026-11-01T00:00:00Z');
const T1 = new Date('2026-11-02T00:00:00Z');

function customer(version = 3): Customer {
  return {
    ...validateCustomerFields(
      buildPrivateCustomer({
        address: { address1: 'a', address2: 'b', city: 'c', zipCode: '1', country: 'VNM' },
      }),
      TODAY,
    ),
    id: '11111111-1111-4111-8111-111111111111',
    institutionId: 'INST-A',
    cardScope: 'SHARED',
    version,
    createdAt: T0,
    updatedAt: T0,
  };
}

describe('If-Match and ETag', () => {
  it('the ETag is the quoted version', () => expect(etagOf(7)).toBe('"7"'));

  it.each([
    ['"3"', 3, true],
    ['3', 3, true],
    ['"2", "3"', 3, true],
    ['*', 99, true],
    ['"2"', 3, false],
    ['W/"3"', 3, false],
    ['"abc"', 3, false],
    ['"99999999999"', 3, false],
  ])('If-Match %s against version %d matches: %p', (header, version, matches) => {
    const check = () => assertIfMatch(parseIfMatch(header), version);
    if (matches) expect(check).not.toThrow();
    else expect(check).toThrow(PreconditionFailedError);
  });

  it.each(['garbage', '"1" junk', '"1', ',', '*, "1"', 'W/1'])(
    'a malformed If-Match %p is 400 naming If-Match',
    (header) => {
      try {
        parseIfMatch(header);
        throw new Error('expected a validation failure');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).details).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      }
    },
  );

  it('no If-Match matches any version', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(() => assertIfMatch(null, 5)).not.toThrow();
  });

  it('the mismatch names the current version', () => {
    try {
      assertIfMatch(parseIfMatch('"1"'), 4);
      throw new Error('expected a mismatch');
    } catch (error) {
      expect((error as PreconditionFailedError).code).toBe('VERSION_MISMATCH');
      expect((error as PreconditionFailedError).details).toEqual([{ currentVersion: 4 }]);
    }
  });
});

describe('PATCH merge and revision', () => {
  it('merges the given fields, clears nulls and merges the address key by key', () => {
    const merged = mergeCustomerPatch(customer(), {
      email: null,
      lastName: 'Tran',
      address: { city: 'Hue', address2: null },
    });
    expect(merged).toMatchObject({
      email: null,
      lastName: 'Tran',
      firstName: 'An',
      address: { address1: 'a', address2: null, city: 'Hue', country: 'VNM' },
    });
  });

  it('bumps the version and keeps identity when something changes', () => {
    const { customer: next, changed } = reviseCustomer(
      customer(3),
      { mobileNumber: '+84987654321' },
      parseIfMatch('"3"'),
      T1,
      TODAY,
    );
    expect(changed).toBe(true);
    expect(next).toMatchObject({
      version: 4,
      mobileNumber: '+84987654321',
      updatedAt: T1,
      createdAt: T0,
      id: customer().id,
      cardScope: 'SHARED',
    });
  });

  it('a PATCH that changes nothing records no new version', () => {
    const current = customer(3);
    const { customer: same, changed } = reviseCustomer(
      current,
      { firstName: ' An ', mobileNumber: '0912345678' },
      null,
      T1,
      TODAY,
    );
    expect(changed).toBe(false);
    expect(same).toBe(current);
  });

  it('re-validates the merged customer: removing a required field or switching type without a name fails', () => {
    expect(() => reviseCustomer(customer(), { lastName: null }, null, T1, TODAY)).toThrow(ValidationError);
    expect(() => reviseCustomer(customer(), { type: 'CORPORATE' }, null, T1, TODAY)).toThrow(ValidationError);
    const { customer: corporate } = reviseCustomer(
      customer(),
      {
        type: 'CORPORATE',
        name: 'ACME',
        salutation: null,
        firstName: null,
        middleName: null,
        lastName: null,
      },
      null,
      T1,
      TODAY,
    );
    expect(corporate).toMatchObject({ type: 'CORPORATE', name: 'ACME', firstName: null });
  });

  it('a stale If-Match is refused before anything else', () => {
    expect(() => reviseCustomer(customer(3), { lastName: null }, parseIfMatch('"2"'), T1, TODAY)).toThrow(
      PreconditionFailedError,
    );
  });
});
