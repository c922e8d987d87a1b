// Over 300 lines on purpose: the card customer's normalisation and rules for both kinds (private,
// corporate), which share addresses and contacts.
import {
  alpha3ToAlpha2,
  canonicalLocaleTag,
  isCalendarDate,
  isIso3166Alpha3,
  MobileNumber,
  normaliseEmail,
  parsePhoneToE164,
  FieldIssues,
  isStorableText,
} from '@hub/shared-kernel';

export const CUSTOMER_TYPES = ['PRIVATE', 'CORPORATE'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** SHARED: the institution's one record of a person/organisation. DEDICATED: made for one wallet card. */
export const CARD_SCOPES = ['SHARED', 'DEDICATED'] as const;
export type CardScope = (typeof CARD_SCOPES)[number];

/** Enfuce's address types besides the main (legal) address. */
export const ADDITIONAL_ADDRESS_TYPES = ['STATEMENT', 'CARD_DELIVERY', 'PIN_MAILER', 'TEMPORARY'] as const;
export type AdditionalAddressType = (typeof ADDITIONAL_ADDRESS_TYPES)[number];

export interface CustomerAddress {
  readonly address1: string;
  readonly address2: string | null;
  readonly city: string;
  readonly zipCode: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
}

/** An address for one purpose (statements, card delivery, PIN mailer, a temporary stay). */
export interface AdditionalAddress extends CustomerAddress {
  readonly type: AdditionalAddressType;
}

/** What a client states about a customer (create and PATCH), normalised. */
export interface CustomerFields {
  readonly type: CustomerType;
  readonly salutation: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly lastName: string | null;
  readonly name: string | null;
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string | null;
  readonly email: string | null;
  /** E.164. */
  readonly phoneNumber: string | null;
  /** E.164, a mobile line. */
  readonly mobileNumber: string | null;
  readonly address: CustomerAddress;
  /** BCP 47, canonical case (the underscore form `fi_FI` is accepted and stored as `fi-FI`). */
  readonly locale: string;
  /** ISO 3166-1 alpha-3. */
  readonly nationality: string | null;
  /** ISO 3166-1 alpha-3. */
  readonly countryOfBirth: string | null;
  /** At most one per type, in the order given. */
  readonly additionalAddresses: readonly AdditionalAddress[];
  readonly customerNumber: string;
  /** Trimmed, inner white space removed, upper case: the one-customer-once key. */
  readonly regNo: string;
}

export interface Customer extends CustomerFields {
  readonly id: string;
  readonly institutionId: string;
  readonly cardScope: CardScope;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Raw input as it comes off the wire (types not yet trusted). */
export type RawCustomerFields = { readonly [K in keyof CustomerFields]?: unknown };

export const CUSTOMER_FIELD_NAMES: readonly (keyof CustomerFields)[] = [
  'type',
  'salutation',
  'firstName',
  'middleName',
  'lastName',
  'name',
  'dateOfBirth',
  'email',
  'phoneNumber',
  'mobileNumber',
  'address',
  'locale',
  'nationality',
  'countryOfBirth',
  'additionalAddresses',
  'customerNumber',
  'regNo',
];

/** At most one additional address per type: four. */
const MAX_ADDITIONAL_ADDRESSES = ADDITIONAL_ADDRESS_TYPES.length;

const ADDRESS_FIELD_NAMES = ['address1', 'address2', 'city', 'zipCode', 'country'] as const;

export const FIELD_LIMITS = {
  salutation: 32,
  firstName: 100,
  middleName: 100,
  lastName: 100,
  name: 200,
  address1: 200,
  address2: 200,
  city: 100,
  zipCode: 16,
  customerNumber: 64,
  regNo: 64,
} as const;

const EARLIEST_DATE_OF_BIRTH = '1800-01-01';
const ZIP_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/**
 * Validates and normalises a whole customer (a create, or a PATCH merged onto the current
 * version). Every broken field is reported, one detail each; throws 400 VALIDATION_FAILED.
 * `today` (YYYY-MM-DD) bounds the date of birth.
 */
export function validateCustomerFields(raw: RawCustomerFields, today: string): CustomerFields {
  const issues = new FieldIssues();
  const type = raw.type;
  if (type === undefined || type === null) issues.add('type', 'required', 'type is required');
  else if (!CUSTOMER_TYPES.includes(type as CustomerType))
    issues.add('type', 'isIn', `type must be one of ${CUSTOMER_TYPES.join(', ')}`);
  const isPrivate = type === 'PRIVATE';
  const isCorporate = type === 'CORPORATE';

  const salutation = text(raw, 'salutation', issues, isPrivate || !isCorporate ? 'optional' : 'forbidden');
  const firstName = text(
    raw,
    'firstName',
    issues,
    isPrivate ? 'required' : isCorporate ? 'forbidden' : 'optional',
  );
  const middleName = text(raw, 'middleName', issues, isCorporate ? 'forbidden' : 'optional');
  const lastName = text(
    raw,
    'lastName',
    issues,
    isPrivate ? 'required' : isCorporate ? 'forbidden' : 'optional',
  );
  const name = text(raw, 'name', issues, isCorporate ? 'required' : isPrivate ? 'forbidden' : 'optional');
  const customerNumber = text(raw, 'customerNumber', issues, 'required');
  const regNoText = text(raw, 'regNo', issues, 'required');
  const regNo = regNoText === null ? null : normaliseRegNo(regNoText);

  const address = parseAddress(raw.address, issues);
  const region = (address && alpha3ToAlpha2(address.country)) ?? 'VN';

  let locale: string | null = null;
  if (isAbsent(raw.locale)) issues.add('locale', 'required', 'locale is required');
  else {
    // Enfuce's own examples write POSIX-style `fi_FI`: read as the BCP 47 tag `fi-FI`.
    locale = canonicalLocaleTag(typeof raw.locale === 'string' ? raw.locale.replace(/_/g, '-') : raw.locale);
    if (locale === null)
      issues.add('locale', 'format', 'locale must be a BCP 47 language tag such as vi-VN (or vi_VN)');
  }

  const nationality = countryCode(raw.nationality, 'nationality', issues);
  const countryOfBirth = countryCode(raw.countryOfBirth, 'countryOfBirth', issues);
  const additionalAddresses = parseAdditionalAddresses(raw.additionalAddresses, issues);

  let dateOfBirth: string | null = null;
  if (!isAbsent(raw.dateOfBirth)) {
    if (!isCalendarDate(raw.dateOfBirth))
      issues.add('dateOfBirth', 'format', 'dateOfBirth must be a real date written YYYY-MM-DD');
    else if (raw.dateOfBirth > today)
      issues.add('dateOfBirth', 'notInFuture', 'dateOfBirth must not be in the future');
    else if (raw.dateOfBirth < EARLIEST_DATE_OF_BIRTH)
      issues.add('dateOfBirth', 'range', `dateOfBirth must not be before ${EARLIEST_DATE_OF_BIRTH}`);
    else dateOfBirth = raw.dateOfBirth;
  }

  let email: string | null = null;
  if (!isAbsent(raw.email)) {
    email = normaliseEmail(raw.email);
    if (email === null) issues.add('email', 'isEmail', 'email must be a valid e-mail address');
  }

  let phoneNumber: string | null = null;
  if (!isAbsent(raw.phoneNumber)) {
    phoneNumber =
      typeof raw.phoneNumber === 'string' ? parsePhoneToE164(raw.phoneNumber, region as never) : null;
    if (phoneNumber === null)
      issues.add('phoneNumber', 'isPhoneNumber', 'phoneNumber must be a valid phone number');
  }

  let mobileNumber: string | null = null;
  if (!isAbsent(raw.mobileNumber)) {
    mobileNumber =
      typeof raw.mobileNumber === 'string'
        ? (MobileNumber.tryParse(raw.mobileNumber, region as never)?.e164 ?? null)
        : null;
    if (mobileNumber === null)
      issues.add('mobileNumber', 'isMobilePhone', 'mobileNumber must be a valid mobile number');
  }

  issues.throwIfAny();
  return {
    type: type as CustomerType,
    salutation,
    firstName,
    middleName,
    lastName,
    name,
    dateOfBirth,
    email,
    phoneNumber,
    mobileNumber,
    address: address!,
    locale: locale!,
    nationality,
    countryOfBirth,
    additionalAddresses: additionalAddresses ?? [],
    customerNumber: customerNumber!,
    regNo: regNo!,
  };
}

/** The one-customer-once key: `  010190-123a ` and `010190-123A` are one registration number. */
export function normaliseRegNo(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Customer-number search keeps the stored form: trimmed. */
export function normaliseCustomerNumber(raw: string): string {
  return raw.trim();
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

type Presence = 'required' | 'optional' | 'forbidden';

function text(
  raw: Record<string, unknown>,
  field: keyof typeof FIELD_LIMITS,
  issues: FieldIssues,
  presence: Presence,
  path: string = field,
): string | null {
  const value = raw[field];
  if (isAbsent(value)) {
    if (presence === 'required')
      issues.add(path, 'required', `${path} is required${requiredFor(field, raw)}`);
    return null;
  }
  if (presence === 'forbidden') {
    issues.add(path, 'notAllowed', `${path} does not apply to a ${String(raw.type)} customer`);
    return null;
  }
  if (typeof value !== 'string') {
    issues.add(path, 'isString', `${path} must be a string`);
    return null;
  }
  const trimmed = value.trim();
  if (trimmed.length > FIELD_LIMITS[field]) {
    issues.add(path, 'maxLength', `${path} must be at most ${FIELD_LIMITS[field]} characters`);
    return null;
  }
  if (!isStorableText(trimmed)) {
    issues.add(path, 'format', `${path} must not contain control characters`);
    return null;
  }
  return trimmed;
}

function requiredFor(field: string, raw: Record<string, unknown>): string {
  if (field === 'firstName' || field === 'lastName' || field === 'name')
    return ` for a ${String(raw.type)} customer`;
  return '';
}

function countryCode(value: unknown, field: string, issues: FieldIssues): string | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'string' || !isIso3166Alpha3(value.trim().toUpperCase())) {
    issues.add(field, 'isISO31661Alpha3', `${field} must be an ISO 3166-1 alpha-3 country code such as VNM`);
    return null;
  }
  return value.trim().toUpperCase();
}

function parseAddress(
  value: unknown,
  issues: FieldIssues,
  path = 'address',
  extraFields: readonly string[] = [],
): CustomerAddress | null {
  if (value === undefined || value === null) {
    issues.add(path, 'required', `${path} is required`);
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.add(path, 'isObject', `${path} must be an object`);
    return null;
  }
  const raw = value as Record<string, unknown>;
  const before = issues.list.length;
  const address1 = text(raw, 'address1', issues, 'required', `${path}.address1`);
  const address2 = text(raw, 'address2', issues, 'optional', `${path}.address2`);
  const city = text(raw, 'city', issues, 'required', `${path}.city`);
  const zipCode = text(raw, 'zipCode', issues, 'required', `${path}.zipCode`);
  if (zipCode !== null && !ZIP_CODE.test(zipCode))
    issues.add(`${path}.zipCode`, 'format', `${path}.zipCode may hold letters, digits, spaces and hyphens`);
  let country: string | null = null;
  if (isAbsent(raw.country)) issues.add(`${path}.country`, 'required', `${path}.country is required`);
  else if (typeof raw.country !== 'string' || !isIso3166Alpha3(raw.country.trim().toUpperCase())) {
    issues.add(
      `${path}.country`,
      'isISO31661Alpha3',
      `${path}.country must be an ISO 3166-1 alpha-3 country code such as VNM`,
    );
  } else country = raw.country.trim().toUpperCase();
  for (const key of Object.keys(raw)) {
    if (!(ADDRESS_FIELD_NAMES as readonly string[]).includes(key) && !extraFields.includes(key))
      issues.add(`${path}.${key}`, 'whitelistValidation', `${path}.${key} is not a known field`);
  }
  if (issues.list.length > before) return null;
  return { address1: address1!, address2, city: city!, zipCode: zipCode!, country: country! };
}

/** `additionalAddresses`: a list of addresses with a `type`, at most one per type. Absent or null: none. */
function parseAdditionalAddresses(value: unknown, issues: FieldIssues): AdditionalAddress[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add('additionalAddresses', 'isArray', 'additionalAddresses must be an array');
    return null;
  }
  if (value.length > MAX_ADDITIONAL_ADDRESSES) {
    issues.add(
      'additionalAddresses',
      'arrayMaxSize',
      `additionalAddresses holds at most ${MAX_ADDITIONAL_ADDRESSES} addresses (one per type)`,
    );
    return null;
  }
  const before = issues.list.length;
  const out: AdditionalAddress[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, i) => {
    const path = `additionalAddresses.${i}`;
    const type = item !== null && typeof item === 'object' ? (item as { type?: unknown }).type : undefined;
    if (!ADDITIONAL_ADDRESS_TYPES.includes(type as AdditionalAddressType)) {
      issues.add(
        `${path}.type`,
        'isIn',
        `${path}.type must be one of ${ADDITIONAL_ADDRESS_TYPES.join(', ')}`,
      );
    } else if (seen.has(type as string)) {
      issues.add(
        `${path}.type`,
        'unique',
        `${path}.type ${String(type)} is given twice (one address per type)`,
      );
    } else seen.add(type as string);
    const address = parseAddress(item, issues, path, ['type']);
    if (address) out.push({ type: type as AdditionalAddressType, ...address });
  });
  return issues.list.length > before ? null : out;
}

/** The fields of a customer, as a plain object (for merging and for the version history). */
export function customerFieldsOf(customer: CustomerFields): CustomerFields {
  const out: Record<string, unknown> = {};
  for (const key of CUSTOMER_FIELD_NAMES) {
    if (key === 'address') out[key] = { ...customer.address };
    else if (key === 'additionalAddresses') out[key] = customer.additionalAddresses.map((a) => ({ ...a }));
    else out[key] = customer[key];
  }
  return out as unknown as CustomerFields;
}
