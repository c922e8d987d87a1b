import type { CreateCustomerCommand } from '../application/card-registry.service';

let sequence = 0;

/** A valid PRIVATE customer create body; every call a new regNo unless given. */
export function buildPrivateCustomer(
  overrides: Record<string, unknown> = {},
): CreateCustomerCommand & Record<string, unknown> {
  sequence++;
  return {
    type: 'PRIVATE',
    salutation: 'Mr',
    firstName: 'An',
    middleName: 'Van',
    lastName: 'Nguyen',
    dateOfBirth: '1990-05-14',
    email: 'an.nguyen@example.vn',
    phoneNumber: '024 3825 1234',
    mobileNumber: '0912 345 678',
    address: { address1: '12 Ly Thai To', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: `CRM-${String(sequence).padStart(6, '0')}`,
    regNo: `079090${String(100000 + sequence).slice(-6)}`,
    ...overrides,
  };
}

/** A valid CORPORATE customer create body (a department, vehicle or cost centre is one too). */
export function buildCorporateCustomer(
  overrides: Record<string, unknown> = {},
): CreateCustomerCommand & Record<string, unknown> {
  sequence++;
  return {
    type: 'CORPORATE',
    name: 'Fleet vehicle 51A-12345',
    email: 'fleet@example.vn',
    address: {
      address1: '1 Nguyen Hue',
      address2: 'Floor 9',
      city: 'Ho Chi Minh City',
      zipCode: '700000',
      country: 'VNM',
    },
    locale: 'vi-VN',
    customerNumber: `VAT-${String(sequence).padStart(6, '0')}`,
    regNo: `0312${String(100000 + sequence).slice(-6)}`,
    ...overrides,
  };
}
