import type { Account } from '../../domain/account';
import type { Card, CardStatus } from '../../domain/card';
import type { AdditionalAddress, CardScope, Customer, CustomerType } from '../../domain/customer';
import type { ExportFormat, ExportKind } from '../../domain/customer-views';
import type { ExportFileView } from '../../application/ports/card-registry.repository';

/** The customer columns, read with `date_of_birth` as text (a `date` is not a JavaScript Date). */
export const CUSTOMER_COLUMNS = `id, institution_id, type, card_scope, salutation, first_name, middle_name, last_name, name,
  date_of_birth::text AS date_of_birth, email, phone_number, mobile_number, address1, address2, city, zip_code, country,
  locale, nationality, country_of_birth, additional_addresses, customer_number, reg_no, version, created_at, updated_at`;

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
  nationality: string | null;
  country_of_birth: string | null;
  additional_addresses: AdditionalAddress[];
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
    nationality: r.nationality,
    countryOfBirth: r.country_of_birth,
    additionalAddresses: r.additional_addresses,
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
  'nationality',
  'country_of_birth',
  'additional_addresses',
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
    c.nationality,
    c.countryOfBirth,
    JSON.stringify(c.additionalAddresses),
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

export const CARD_COLUMNS = `id, institution_id, account_id, cardholder_customer_id, digital_wallet_enabled, emboss_name,
  status, expiry_date, version, created_at, updated_at`;

export interface CardRow {
  id: string;
  institution_id: string;
  account_id: string;
  cardholder_customer_id: string;
  digital_wallet_enabled: boolean;
  emboss_name: string | null;
  status: string;
  expiry_date: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function cardFromRow(r: CardRow): Card {
  return {
    id: r.id,
    institutionId: r.institution_id,
    accountId: r.account_id,
    cardholderCustomerId: r.cardholder_customer_id,
    digitalWalletEnabled: r.digital_wallet_enabled,
    embossName: r.emboss_name,
    status: r.status as CardStatus,
    expiryDate: r.expiry_date,
    version: r.version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

export const ACCOUNT_COLUMNS = 'id, institution_id, owner_customer_id, currency, credit_limit, created_at';

export const EXPORT_FILE_COLUMNS = `id, institution_id, kind, period::text AS period, format, file_name, row_count,
  byte_count::text AS byte_count, sha256, created_at`;

export interface ExportFileRow {
  id: string;
  institution_id: string;
  kind: string;
  period: string;
  format: string;
  file_name: string;
  row_count: number;
  byte_count: string;
  sha256: string;
  created_at: Date;
}

export function exportFileFromRow(r: ExportFileRow): ExportFileView {
  return {
    id: r.id,
    institutionId: r.institution_id,
    kind: r.kind as ExportKind,
    period: r.period,
    format: r.format as ExportFormat,
    fileName: r.file_name,
    rowCount: r.row_count,
    byteCount: Number(r.byte_count),
    sha256: r.sha256,
    createdAt: new Date(r.created_at),
  };
}
