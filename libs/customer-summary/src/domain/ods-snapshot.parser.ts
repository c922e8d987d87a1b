// Over 300 lines on purpose: the ODS feed's schema, one rule per field of the NDJSON contract (the
// JSON reading is in strict-json-reader.ts).
import {
  CIF_FORM,
  CIF_STATUSES,
  isDebtGroup,
  isIso3166Alpha3,
  isIso4217Currency,
  normaliseEmail,
  LegalId,
  MobileNumber,
  type CifStatus,
  type LegalIdType,
} from '@hub/shared-kernel';
import { StrictJsonReader, type SnapshotIssue } from './strict-json-reader';
import {
  ADDRESS_TYPES,
  DEPOSIT_PRODUCT_TYPES,
  DEPOSIT_STATUSES,
  FACILITY_STATUSES,
  GENDERS,
  LENDING_PRODUCT_TYPES,
  type OdsAddress,
  type OdsCustomerSnapshot,
  type OdsDeposit,
  type OdsFacility,
  type OdsLegalId,
  type OdsPayment,
  type OdsPayrollCredit,
} from './ods-snapshot';

/**
 * Parses and validates one NDJSON line of the ODS feed (docs/contracts/customer-summary.md). Pure: no I/O.
 * Every problem is reported with the JSON path of the field (never its value, which may be
 * personal data); unknown fields are refused at every level.
 */
export type { SnapshotIssue };

/** Not a reason to refuse the line: reported so the ODS owner can fix the source. */
export interface DataQualityFlag {
  readonly path: string;
  readonly flag: 'CCCD_BIRTH_YEAR_MISMATCH' | 'CCCD_GENDER_MISMATCH';
}

export type SnapshotLineResult =
  | { readonly ok: true; readonly snapshot: OdsCustomerSnapshot; readonly flags: readonly DataQualityFlag[] }
  | {
      readonly ok: false;
      readonly code: 'INVALID_JSON' | 'VALIDATION_FAILED';
      readonly message: string;
      readonly issues: readonly SnapshotIssue[];
    };

export const MAX_ISSUES_IN_MESSAGE = 3;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PERIOD = 'a period YYYY-MM';

const TOP_FIELDS = [
  'cif',
  'extractedAt',
  'status',
  'fullName',
  'dateOfBirth',
  'gender',
  'legalIds',
  'mobileNumbers',
  'email',
  'addresses',
  'lending',
  'deposits',
  'payroll',
];
const LEGAL_ID_FIELDS = ['type', 'number', 'issueDate', 'issuePlace'];
const ADDRESS_FIELDS = ['type', 'line', 'ward', 'district', 'province', 'country'];
const FACILITY_FIELDS = [
  'productType',
  'contractNumber',
  'productName',
  'currency',
  'limitAmount',
  'disbursedAmount',
  'outstandingBalance',
  'status',
  'openDate',
  'maturityDate',
  'interestRate',
  'daysPastDue',
  'overdueAmount',
  'debtGroup',
  'paymentHistory',
];
const PAYMENT_FIELDS = ['period', 'dueAmount', 'paidAmount', 'paidDate', 'daysLate'];
const DEPOSIT_FIELDS = [
  'productType',
  'accountNumber',
  'productName',
  'currency',
  'balance',
  'availableBalance',
  'principalAmount',
  'interestRate',
  'termMonths',
  'openDate',
  'maturityDate',
  'status',
];
const PAYROLL_FIELDS = ['employerName', 'accountNumber', 'period', 'amount', 'currency', 'creditDate'];

/** The fields allowed at each level of a snapshot (every other field is refused). */
export const SNAPSHOT_FIELDS = {
  customer: TOP_FIELDS,
  legalId: LEGAL_ID_FIELDS,
  address: ADDRESS_FIELDS,
  facility: FACILITY_FIELDS,
  payment: PAYMENT_FIELDS,
  deposit: DEPOSIT_FIELDS,
  payrollCredit: PAYROLL_FIELDS,
} as const;

export interface ParseOptions {
  /** The current time, against which a future `extractedAt` is refused (default: now). */
  readonly now?: Date;
}

/**
 * How far in the future an `extractedAt` may lie (clock skew between the ODS and the hub). A
 * snapshot dated further ahead would block every later load of its CIF (an older extraction never
 * replaces a newer one), so it is refused.
 */
export const MAX_EXTRACTED_AT_SKEW_MS = 5 * 60 * 1000;

/** Parses one line of text (JSON); see {@link validateSnapshot}. */
export function parseSnapshotLine(line: string, options: ParseOptions = {}): SnapshotLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {
      ok: false,
      code: 'INVALID_JSON',
      message: 'The line is not valid JSON',
      issues: [{ path: '$', issue: 'invalid JSON' }],
    };
  }
  return validateSnapshot(value, options);
}

/** Validates and normalises a decoded snapshot object. */
export function validateSnapshot(value: unknown, options: ParseOptions = {}): SnapshotLineResult {
  const r = new StrictJsonReader();
  const o = r.object(value, '', TOP_FIELDS);
  if (!o) return failure(r);

  const cif = r.pattern(o, 'cif', '', true, CIF_FORM, '1 to 20 letters or digits');
  const extractedAt = r.instant(o, 'extractedAt', '', true);
  if (
    extractedAt !== null &&
    Date.parse(extractedAt) > (options.now ?? new Date()).getTime() + MAX_EXTRACTED_AT_SKEW_MS
  )
    r.fail('extractedAt', 'must not be in the future');
  const status = r.oneOf<CifStatus>(o, 'status', '', true, CIF_STATUSES);
  const fullName = r.text(o, 'fullName', '', true);
  const dateOfBirth = r.date(o, 'dateOfBirth', '', false);
  const gender = r.oneOf(o, 'gender', '', false, GENDERS);
  const email = r.text(o, 'email', '', false);
  if (email !== null && normaliseEmail(email) === null) r.fail('email', 'must be an e-mail address');

  const flags: DataQualityFlag[] = [];
  const legalIds = r
    .array(o, 'legalIds', '')
    .map((item, i) => readLegalId(r, item, `legalIds[${i}]`, dateOfBirth, gender, flags));
  r.unique(
    legalIds.map((l) => l?.number ?? null),
    'legalIds',
    'number',
  );

  const mobileNumbers: string[] = [];
  r.array(o, 'mobileNumbers', '').forEach((item, i) => {
    const mobile = typeof item === 'string' ? MobileNumber.tryParse(item) : null;
    if (!mobile) r.fail(`mobileNumbers[${i}]`, 'must be a valid mobile number');
    else if (!mobileNumbers.includes(mobile.e164)) mobileNumbers.push(mobile.e164);
  });

  const addresses = r.array(o, 'addresses', '').map((item, i) => readAddress(r, item, `addresses[${i}]`));
  const lending = r.array(o, 'lending', '').map((item, i) => readFacility(r, item, `lending[${i}]`));
  r.unique(
    lending.map((f) => f?.contractNumber ?? null),
    'lending',
    'contractNumber',
  );
  const deposits = r.array(o, 'deposits', '').map((item, i) => readDeposit(r, item, `deposits[${i}]`));
  r.unique(
    deposits.map((d) => d?.accountNumber ?? null),
    'deposits',
    'accountNumber',
  );
  const payroll = r.array(o, 'payroll', '').map((item, i) => readPayroll(r, item, `payroll[${i}]`));

  if (r.issues.length > 0) return failure(r);
  return {
    ok: true,
    flags,
    snapshot: {
      cif: cif!,
      extractedAt: extractedAt!,
      status: status!,
      fullName: fullName!,
      dateOfBirth,
      gender,
      legalIds: legalIds as OdsLegalId[],
      mobileNumbers,
      email,
      addresses: addresses as OdsAddress[],
      lending: lending as OdsFacility[],
      deposits: deposits as OdsDeposit[],
      payroll: payroll as OdsPayrollCredit[],
    },
  };
}

function readLegalId(
  r: StrictJsonReader,
  item: unknown,
  path: string,
  dateOfBirth: string | null,
  gender: string | null,
  flags: DataQualityFlag[],
): OdsLegalId | null {
  const o = r.object(item, path, LEGAL_ID_FIELDS);
  if (!o) return null;
  const type = r.oneOf<LegalIdType>(o, 'type', path, true, ['CCCD', 'CMND', 'PASSPORT']);
  const raw = r.text(o, 'number', path, true, 40);
  const issueDate = r.date(o, 'issueDate', path, false);
  const issuePlace = r.text(o, 'issuePlace', path, false);
  if (raw === null || type === null) return null;
  const legalId = LegalId.tryParse(raw);
  if (!legalId)
    return r.fail(`${path}.number`, 'must be a CMND (9 digits), CCCD (12 digits) or passport number');
  if (legalId.type !== type) return r.fail(`${path}.number`, `is not a ${type} number`);
  const info = legalId.cccdBirthInfo();
  if (info && dateOfBirth && Number(dateOfBirth.slice(0, 4)) !== info.birthYear) {
    flags.push({ path: `${path}.number`, flag: 'CCCD_BIRTH_YEAR_MISMATCH' });
  }
  if (info && (gender === 'M' || gender === 'F') && gender !== info.gender) {
    flags.push({ path: `${path}.number`, flag: 'CCCD_GENDER_MISMATCH' });
  }
  return { type, number: legalId.value, issueDate, issuePlace };
}

function readAddress(r: StrictJsonReader, item: unknown, path: string): OdsAddress | null {
  const o = r.object(item, path, ADDRESS_FIELDS);
  if (!o) return null;
  const type = r.oneOf(o, 'type', path, true, ADDRESS_TYPES);
  const line = r.text(o, 'line', path, true);
  const ward = r.text(o, 'ward', path, false);
  const district = r.text(o, 'district', path, false);
  const province = r.text(o, 'province', path, false);
  const country = r.pattern(o, 'country', path, false, isIso3166Alpha3, 'an ISO 3166 alpha-3 code') ?? 'VNM';
  if (type === null || line === null) return null;
  return { type, line, ward, district, province, country };
}

function readFacility(r: StrictJsonReader, item: unknown, path: string): OdsFacility | null {
  const o = r.object(item, path, FACILITY_FIELDS);
  if (!o) return null;
  const productType = r.oneOf(o, 'productType', path, true, LENDING_PRODUCT_TYPES);
  const contractNumber = r.text(o, 'contractNumber', path, true, 40);
  const productName = r.text(o, 'productName', path, false);
  const currency = r.pattern(o, 'currency', path, true, isIso4217Currency, 'an ISO 4217 code');
  const limitAmount = r.decimal(o, 'limitAmount', path, false, 2);
  const disbursedAmount = r.decimal(o, 'disbursedAmount', path, false, 2);
  const outstandingBalance = r.decimal(o, 'outstandingBalance', path, true, 2);
  const status = r.oneOf(o, 'status', path, true, FACILITY_STATUSES);
  const openDate = r.date(o, 'openDate', path, false);
  const maturityDate = r.date(o, 'maturityDate', path, false);
  const interestRate = r.decimal(o, 'interestRate', path, false, 4);
  const daysPastDue = r.integer(o, 'daysPastDue', path, false, 0, 100_000) ?? 0;
  const overdueAmount = r.decimal(o, 'overdueAmount', path, false, 2) ?? '0.00';
  let debtGroup: number | null = null;
  if (r.present(o, 'debtGroup')) {
    if (isDebtGroup(o.debtGroup)) debtGroup = o.debtGroup;
    else r.fail(`${path}.debtGroup`, 'must be null or an integer from 1 to 5');
  }
  if (openDate && maturityDate && maturityDate < openDate)
    r.fail(`${path}.maturityDate`, 'must not be before openDate');
  const paymentHistory = r
    .array(o, 'paymentHistory', path)
    .map((p, i) => readPayment(r, p, `${path}.paymentHistory[${i}]`));
  r.unique(
    paymentHistory.map((p) => p?.period ?? null),
    `${path}.paymentHistory`,
    'period',
  );
  if (
    productType === null ||
    contractNumber === null ||
    currency === null ||
    outstandingBalance === null ||
    status === null
  ) {
    return null;
  }
  return {
    productType,
    contractNumber,
    productName,
    currency,
    limitAmount,
    disbursedAmount,
    outstandingBalance,
    status,
    openDate,
    maturityDate,
    interestRate,
    daysPastDue,
    overdueAmount,
    debtGroup,
    paymentHistory: paymentHistory as OdsPayment[],
  };
}

function readPayment(r: StrictJsonReader, item: unknown, path: string): OdsPayment | null {
  const o = r.object(item, path, PAYMENT_FIELDS);
  if (!o) return null;
  const period = r.pattern(o, 'period', path, true, PERIOD_PATTERN, PERIOD);
  const dueAmount = r.decimal(o, 'dueAmount', path, false, 2);
  const paidAmount = r.decimal(o, 'paidAmount', path, false, 2);
  const paidDate = r.date(o, 'paidDate', path, false);
  const daysLate = r.integer(o, 'daysLate', path, false, 0, 100_000);
  if (period === null) return null;
  return { period, dueAmount, paidAmount, paidDate, daysLate };
}

function readDeposit(r: StrictJsonReader, item: unknown, path: string): OdsDeposit | null {
  const o = r.object(item, path, DEPOSIT_FIELDS);
  if (!o) return null;
  const productType = r.oneOf(o, 'productType', path, true, DEPOSIT_PRODUCT_TYPES);
  const accountNumber = r.text(o, 'accountNumber', path, true, 40);
  const productName = r.text(o, 'productName', path, false);
  const currency = r.pattern(o, 'currency', path, true, isIso4217Currency, 'an ISO 4217 code');
  // CASA balances may be negative (an arranged overdraft on a current account).
  const balance = r.decimal(o, 'balance', path, true, 2, true);
  const availableBalance = r.decimal(o, 'availableBalance', path, false, 2, true);
  const principalAmount = r.decimal(o, 'principalAmount', path, false, 2);
  const interestRate = r.decimal(o, 'interestRate', path, false, 4);
  const termMonths = r.integer(o, 'termMonths', path, false, 0, 1200);
  const openDate = r.date(o, 'openDate', path, false);
  const maturityDate = r.date(o, 'maturityDate', path, false);
  const status = r.oneOf(o, 'status', path, true, DEPOSIT_STATUSES);
  if (
    productType === null ||
    accountNumber === null ||
    currency === null ||
    balance === null ||
    status === null
  )
    return null;
  return {
    productType,
    accountNumber,
    productName,
    currency,
    balance,
    availableBalance,
    principalAmount,
    interestRate,
    termMonths,
    openDate,
    maturityDate,
    status,
  };
}

function readPayroll(r: StrictJsonReader, item: unknown, path: string): OdsPayrollCredit | null {
  const o = r.object(item, path, PAYROLL_FIELDS);
  if (!o) return null;
  const employerName = r.text(o, 'employerName', path, true);
  const accountNumber = r.text(o, 'accountNumber', path, false, 40);
  const period = r.pattern(o, 'period', path, true, PERIOD_PATTERN, PERIOD);
  const amount = r.decimal(o, 'amount', path, true, 2);
  const currency = r.pattern(o, 'currency', path, true, isIso4217Currency, 'an ISO 4217 code');
  const creditDate = r.date(o, 'creditDate', path, false);
  if (employerName === null || period === null || amount === null || currency === null) return null;
  return { employerName, accountNumber, period, amount, currency, creditDate };
}

function failure(r: StrictJsonReader): SnapshotLineResult {
  const shown = r.issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((i) => `${i.path}: ${i.issue}`);
  const more = r.issues.length - shown.length;
  return {
    ok: false,
    code: 'VALIDATION_FAILED',
    message: shown.join('; ') + (more > 0 ? `; and ${more} more` : ''),
    issues: r.issues,
  };
}
