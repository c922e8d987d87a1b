import { ValidationError } from '@hub/shared-kernel';
import { buildCorporateCustomer, buildPrivateCustomer } from '../testing/customer.factory';
import { normaliseRegNo, validateCustomerFields, type RawCustomerFields } from './customer';

const TODAY = '2026-11-21';

function issuesOf(raw: RawCustomerFields): Array<{ field: string; issues: string[] }> {
  try {
    validateCustomerFields(raw, TODAY);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
    return (error as ValidationError).details as never;
  }
  throw new Error('expected a validation failure');
}

describe('customer validation', () => {
  it('accepts a private customer and normalises it', () => {
    const c = validateCustomerFields(
      buildPrivateCustomer({
        regNo: ' 079 090 001234 ',
        locale: 'vi-vn',
        address: { address1: ' 12 Ly Thai To ', city: 'Ha Noi', zipCode: '100000', country: 'vnm' },
      }),
      TODAY,
    );
    expect(c).toMatchObject({
      type: 'PRIVATE',
      firstName: 'An',
      lastName: 'Nguyen',
      name: null,
      regNo: '079090001234',
      locale: 'vi-VN',
      mobileNumber: '+84912345678',
      phoneNumber: '+842438251234',
      address: {
        address1: '12 Ly Thai To',
        address2: null,
        city: 'Ha Noi',
        zipCode: '100000',
        country: 'VNM',
      },
    });
  });

  it('accepts a corporate customer (a vehicle) with only the required fields', () => {
    const c = validateCustomerFields(
      {
        type: 'CORPORATE',
        name: 'Truck 7',
        address: { address1: 'Depot 1', city: 'Espoo', zipCode: '02150', country: 'FIN' },
        locale: 'fi-FI',
        customerNumber: 'C1',
        regNo: '1234567-8',
      },
      TODAY,
    );
    expect(c).toMatchObject({
      type: 'CORPORATE',
      name: 'Truck 7',
      firstName: null,
      email: null,
      dateOfBirth: null,
    });
  });

  it("accepts Enfuce's fuller model: locale fi_FI (stored fi-FI), nationality, countryOfBirth, additionalAddresses", () => {
    const c = validateCustomerFields(
      buildPrivateCustomer({
        locale: 'fi_FI',
        nationality: 'fin',
        countryOfBirth: ' SWE ',
        additionalAddresses: [
          { type: 'CARD_DELIVERY', address1: 'Box 1', city: 'Espoo', zipCode: '02150', country: 'fin' },
          {
            type: 'PIN_MAILER',
            address1: 'Box 2',
            address2: 'c/o A',
            city: 'Oulu',
            zipCode: '90100',
            country: 'FIN',
          },
        ],
      }),
      TODAY,
    );
    expect(c).toMatchObject({ locale: 'fi-FI', nationality: 'FIN', countryOfBirth: 'SWE' });
    expect(c.additionalAddresses).toEqual([
      {
        type: 'CARD_DELIVERY',
        address1: 'Box 1',
        address2: null,
        city: 'Espoo',
        zipCode: '02150',
        country: 'FIN',
      },
      {
        type: 'PIN_MAILER',
        address1: 'Box 2',
        address2: 'c/o A',
        city: 'Oulu',
        zipCode: '90100',
        country: 'FIN',
      },
    ]);
    expect(validateCustomerFields(buildPrivateCustomer(), TODAY)).toMatchObject({
      nationality: null,
      countryOfBirth: null,
      additionalAddresses: [],
    });
  });

  it('refuses additional addresses of an unknown or repeated type, and broken ones, naming each', () => {
    const addr = { address1: 'Box 1', city: 'Espoo', zipCode: '02150', country: 'FIN' };
    expect(
      issuesOf({
        ...buildPrivateCustomer(),
        additionalAddresses: [
          { ...addr, type: 'STATEMENT' },
          { ...addr, type: 'STATEMENT' },
          { ...addr, type: 'HOLIDAY' },
          { type: 'TEMPORARY', address1: 'x', city: 'y', zipCode: '1', country: 'ZZZ', colour: 'red' },
        ],
      }).map((d) => `${d.field}:${d.issues[0]}`),
    ).toEqual([
      'additionalAddresses.1.type:unique',
      'additionalAddresses.2.type:isIn',
      'additionalAddresses.3.country:isISO31661Alpha3',
      'additionalAddresses.3.colour:whitelistValidation',
    ]);
    const five = ['STATEMENT', 'CARD_DELIVERY', 'PIN_MAILER', 'TEMPORARY', 'STATEMENT'].map((type) => ({
      ...addr,
      type,
    }));
    expect(issuesOf({ ...buildPrivateCustomer(), additionalAddresses: five })[0]).toMatchObject({
      field: 'additionalAddresses',
      issues: ['arrayMaxSize'],
    });
  });

  it('reads national phone numbers in the country of the address', () => {
    const c = validateCustomerFields(
      buildPrivateCustomer({
        mobileNumber: '040 123 4567',
        phoneNumber: '09 1234 5678',
        address: { address1: 'Mannerheimintie 1', city: 'Helsinki', zipCode: '00100', country: 'FIN' },
      }),
      TODAY,
    );
    expect(c.mobileNumber).toBe('+358401234567');
    expect(c.phoneNumber).toBe('+358912345678');
  });

  it.each([
    ['type', { type: undefined }],
    ['firstName', { firstName: undefined }],
    ['lastName', { lastName: '  ' }],
    ['locale', { locale: undefined }],
    ['customerNumber', { customerNumber: undefined }],
    ['regNo', { regNo: null }],
    ['address', { address: undefined }],
  ])('a private customer without %s is refused, naming the field', (field, override) => {
    expect(issuesOf(buildPrivateCustomer(override))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, issues: ['required'] })]),
    );
  });

  it.each(['address1', 'city', 'zipCode', 'country'])(
    'an address without %s is refused as address.%s',
    (key) => {
      const address: Record<string, unknown> = { address1: 'a', city: 'b', zipCode: '1', country: 'VNM' };
      delete address[key];
      expect(issuesOf(buildPrivateCustomer({ address }))).toEqual([
        expect.objectContaining({ field: `address.${key}`, issues: ['required'] }),
      ]);
    },
  );

  it('a corporate customer needs a name and takes no person names', () => {
    const issues = issuesOf(buildCorporateCustomer({ name: undefined, firstName: 'An' }));
    expect(issues).toEqual([
      expect.objectContaining({ field: 'firstName', issues: ['notAllowed'] }),
      expect.objectContaining({ field: 'name', issues: ['required'] }),
    ]);
  });

  it('a private customer takes no corporate name', () => {
    expect(issuesOf(buildPrivateCustomer({ name: 'ACME' }))).toEqual([
      expect.objectContaining({ field: 'name', issues: ['notAllowed'] }),
    ]);
  });

  it.each([
    ['email', { email: 'not-an-email' }, 'isEmail'],
    ['mobileNumber', { mobileNumber: '12345' }, 'isMobilePhone'],
    ['mobileNumber', { mobileNumber: '024 3825 1234' }, 'isMobilePhone'],
    ['phoneNumber', { phoneNumber: 'call me' }, 'isPhoneNumber'],
    ['dateOfBirth', { dateOfBirth: '1990-02-30' }, 'format'],
    ['dateOfBirth', { dateOfBirth: '14/05/1990' }, 'format'],
    ['dateOfBirth', { dateOfBirth: '2027-01-01' }, 'notInFuture'],
    ['locale', { locale: 'vi__VN' }, 'format'],
    ['locale', { locale: 'not a locale' }, 'format'],
    ['nationality', { nationality: 'XX' }, 'isISO31661Alpha3'],
    ['countryOfBirth', { countryOfBirth: 'UNK' }, 'isISO31661Alpha3'],
    ['additionalAddresses', { additionalAddresses: 'home' }, 'isArray'],
    ['type', { type: 'PERSON' }, 'isIn'],
    ['firstName', { firstName: 'x'.repeat(101) }, 'maxLength'],
    ['firstName', { firstName: 42 }, 'isString'],
    ['lastName', { lastName: 'Ng\nuyen' }, 'format'],
  ])('a bad %s is refused (%p)', (field, override, issue) => {
    expect(issuesOf(buildPrivateCustomer(override))).toEqual([
      expect.objectContaining({ field, issues: [issue] }),
    ]);
  });

  it.each(['VN', 'XXX', 'UNK', 'Vietnam', 12])('country %p is not an ISO 3166 alpha-3 code', (country) => {
    expect(
      issuesOf(buildPrivateCustomer({ address: { address1: 'a', city: 'b', zipCode: '1', country } })),
    ).toEqual([expect.objectContaining({ field: 'address.country', issues: ['isISO31661Alpha3'] })]);
  });

  it('reports every broken field at once', () => {
    const fields = issuesOf({ type: 'PRIVATE', email: 'x' }).map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'firstName',
        'lastName',
        'customerNumber',
        'regNo',
        'address',
        'locale',
        'email',
      ]),
    );
  });

  it('refuses unknown address keys', () => {
    expect(
      issuesOf(
        buildPrivateCustomer({
          address: { address1: 'a', city: 'b', zipCode: '1', country: 'VNM', street: 'x' },
        }),
      ),
    ).toEqual([expect.objectContaining({ field: 'address.street' })]);
  });

  it('normalises regNo to one key', () => {
    expect(normaliseRegNo(' 010190-123a ')).toBe('010190-123A');
    expect(normaliseRegNo('0791 9000 1234')).toBe('079190001234');
  });
});
