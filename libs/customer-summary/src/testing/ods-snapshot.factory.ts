import type { OdsCustomerSnapshot, OdsFacility, OdsPayrollCredit } from '../domain/ods-snapshot';
import type { OdsSnapshotRecord } from '../domain/ods-snapshot-record';

/** Wire-format (NDJSON line) builders for tests: plain objects, overridable. */
export type RawSnapshot = Record<string, unknown>;

export function buildRawFacility(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productType: 'UNSECURED_LOAN',
    contractNumber: 'LN0000000001',
    productName: 'Vay tiêu dùng tín chấp',
    currency: 'VND',
    limitAmount: null,
    disbursedAmount: '100000000.00',
    outstandingBalance: '80000000.00',
    status: 'ACTIVE',
    openDate: '2025-01-15',
    maturityDate: '2028-01-15',
    interestRate: '0.1250',
    daysPastDue: 0,
    overdueAmount: '0.00',
    debtGroup: null,
    paymentHistory: [
      {
        period: '2026-09',
        dueAmount: '3500000.00',
        paidAmount: '3500000.00',
        paidDate: '2026-09-15',
        daysLate: 0,
      },
      {
        period: '2026-10',
        dueAmount: '3500000.00',
        paidAmount: '3500000.00',
        paidDate: '2026-10-15',
        daysLate: 0,
      },
    ],
    ...overrides,
  };
}

/** The extraction time of the factories' snapshots. */
export const FACTORY_EXTRACTED_AT = '2026-10-31T18:00:00.000Z';

export function buildRawSnapshot(overrides: RawSnapshot = {}): RawSnapshot {
  return {
    cif: '7700000001',
    extractedAt: '2026-11-01T01:00:00+07:00',
    status: 'ACTIVE',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-14',
    gender: 'M',
    legalIds: [
      { type: 'CCCD', number: '079090001234', issueDate: '2021-04-01', issuePlace: 'Cục CS QLHC về TTXH' },
    ],
    mobileNumbers: ['0912000111'],
    email: 'an.nguyen@example.vn',
    addresses: [
      {
        type: 'PERMANENT',
        line: '12 Lê Lợi',
        ward: 'Phường Bến Nghé',
        district: 'Quận 1',
        province: 'TP. Hồ Chí Minh',
        country: 'VNM',
      },
    ],
    lending: [buildRawFacility()],
    deposits: [
      {
        productType: 'CURRENT_ACCOUNT',
        accountNumber: '1010000001',
        productName: 'Tài khoản thanh toán',
        currency: 'VND',
        balance: '15000000.00',
        availableBalance: '15000000.00',
        principalAmount: null,
        interestRate: '0.0010',
        termMonths: null,
        openDate: '2020-01-02',
        maturityDate: null,
        status: 'ACTIVE',
      },
    ],
    payroll: [
      {
        employerName: 'Công ty TNHH ABC',
        accountNumber: '1010000001',
        period: '2026-10',
        amount: '25000000.00',
        currency: 'VND',
        creditDate: '2026-10-25',
      },
    ],
    ...overrides,
  };
}

/** Domain (normalised) builders. */
export function buildFacility(overrides: Partial<OdsFacility> = {}): OdsFacility {
  return {
    productType: 'UNSECURED_LOAN',
    contractNumber: 'LN0000000001',
    productName: 'Vay tiêu dùng',
    currency: 'VND',
    limitAmount: null,
    disbursedAmount: '100000000.00',
    outstandingBalance: '80000000.00',
    status: 'ACTIVE',
    openDate: '2025-01-15',
    maturityDate: '2028-01-15',
    interestRate: '0.1250',
    daysPastDue: 0,
    overdueAmount: '0.00',
    debtGroup: null,
    paymentHistory: [],
    ...overrides,
  };
}

export function buildPayrollCredit(overrides: Partial<OdsPayrollCredit> = {}): OdsPayrollCredit {
  return {
    employerName: 'Công ty TNHH ABC',
    accountNumber: '1010000001',
    period: '2026-10',
    amount: '25000000.00',
    currency: 'VND',
    creditDate: '2026-10-25',
    ...overrides,
  };
}

export function buildSnapshot(overrides: Partial<OdsCustomerSnapshot> = {}): OdsCustomerSnapshot {
  return {
    cif: '7700000001',
    extractedAt: FACTORY_EXTRACTED_AT,
    status: 'ACTIVE',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-14',
    gender: 'M',
    legalIds: [{ type: 'CCCD', number: '079090001234', issueDate: null, issuePlace: null }],
    mobileNumbers: ['+84912000111'],
    email: null,
    addresses: [],
    lending: [],
    deposits: [],
    payroll: [],
    ...overrides,
  };
}

/** A snapshot as the ODS port returns it (extracted and loaded at FACTORY_EXTRACTED_AT, no flags). */
export function buildRecord(
  snapshot: OdsCustomerSnapshot = buildSnapshot(),
  overrides: Partial<OdsSnapshotRecord> = {},
): OdsSnapshotRecord {
  return {
    snapshot,
    dataAsOf: { extractedAt: snapshot.extractedAt, loadedAt: FACTORY_EXTRACTED_AT, extractedAtSource: 'ODS' },
    dataQualityFlags: [],
    ...overrides,
  };
}
