import type { Account } from '../../domain/account';
import type { Card } from '../../domain/card';
import type { CardScope, Customer, CustomerType } from '../../domain/customer';

/** The customer columns, read with `date_of_birth` as text (a `date` is not a JavaScript Date). */
export const CUSTOMER_COLUMNS = `id, institution_id, type, card_scope, salutation, first_name, middle_name, last_name, name,
  date_of_birth::text AS date_of_birth, email, phone_number, mobile_number, address1, address2, city, zip_code, country,
  locale, customer_number, reg_no, version, created_at, updated_at`;

export interface CustomerRow {
  id: string;
  institution_id: string;
  type: string;
  card_scope: string;
  salutation: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  name: string | null;
  date_of_birth: string | null;
  email: string | null;
  phone_number: string | null;
  mobile_number: string | null;
  address1: string;
  address2: string | null;
  city: string;
  zip_code: string;
  country: string;
  locale: string;
  customer_number: string;
  reg_no: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function customerFromRow(r: CustomerRow): Customer {
  return {
    id: r.id,
    institutionId: r.institution_id,
    type: r.type as CustomerType,
    cardScope: r.card_scope as CardScope,
    salutation: r.salutation,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    email: r.email,
    phoneNumber: r.phone_number,
    mobileNumber: r.mobile_number,
    address: {
      address1: r.address1,
      address2: r.address2,
      city: r.city,
      zipCode: r.zip_code,
      country: r.country,
    },
    locale: r.locale,
    customerNumber: r.customer_number,
    regNo: r.reg_no,
    version: r.version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Column values in CUSTOMER_WRITE_COLUMNS order. */
export const CUSTOMER_WRITE_COLUMNS = [
  'id',
  'institution_id',
  'type',
  'card_scope',
  'salutation',
  'first_name',
  'middle_name',
  'last_name',
  'name',
  'date_of_birth',
  'email',
  'phone_number',
  'mobile_number',
  'address1',
  'address2',
  'city',
  'zip_code',
  'country',
  'locale',
  'customer_number',
  'reg_no',
  'version',
  'created_at',
  'updated_at',
] as const;

export function customerValues(c: Customer, institutionId: string): unknown[] {
  return [
    c.id,
    institutionId,
    c.type,
    c.cardScope,
    c.salutation,
    c.firstName,
    c.middleName,
    c.lastName,
    c.name,
    c.dateOfBirth,
    c.email,
    c.phoneNumber,
    c.mobileNumber,
    c.address.address1,
    c.address.address2,
    c.address.city,
    c.address.zipCode,
    c.address.country,
    c.locale,
    c.customerNumber,
    c.regNo,
    c.version,
    c.createdAt,
    c.updatedAt,
  ];
}

export interface AccountRow {
  id: string;
  institution_id: string;
  owner_customer_id: string;
  currency: string;
  credit_limit: string | null;
  created_at: Date;
}

export function accountFromRow(r: AccountRow): Account {
  return {
    id: r.id,
    institutionId: r.institution_id,
    ownerCustomerId: r.owner_customer_id,
    currency: r.currency,
    creditLimit: r.credit_limit,
    createdAt: new Date(r.created_at),
  };
}

export type { Card };
