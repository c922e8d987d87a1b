import { parseSnapshotLine, validateSnapshot } from './ods-snapshot.parser';
import { buildRawFacility, buildRawSnapshot } from '../testing/ods-snapshot.factory';

function ok(raw: unknown) {
  const result = validateSnapshot(raw);
  if (!result.ok) throw new Error(`expected a valid snapshot, got: ${result.message}`);
  return result;
}

function issuesOf(raw: unknown) {
  const result = validateSnapshot(raw);
  if (result.ok) throw new Error('expected the snapshot to be refused');
  expect(result.code).toBe('VALIDATION_FAILED');
  return result.issues.map((i) => `${i.path}: ${i.issue}`);
}

describe('ODS snapshot line parser', () => {
  it('accepts the Appendix A example and normalises it', () => {
    const { snapshot, flags } = ok(buildRawSnapshot());
    expect(snapshot.cif).toBe('7700000001');
    expect(snapshot.mobileNumbers).toEqual(['+84912000111']);
    expect(snapshot.legalIds[0]).toEqual({
      type: 'CCCD',
      number: '079090001234',
      issueDate: '2021-04-01',
      issuePlace: 'Cục CS QLHC về TTXH',
    });
    expect(snapshot.lending[0].outstandingBalance).toBe('80000000.00');
    expect(snapshot.lending[0].paymentHistory).toHaveLength(2);
    expect(snapshot.payroll[0].amount).toBe('25000000.00');
    expect(flags).toEqual([]);
  });

  it('parses a line of text, and refuses a line that is not JSON', () => {
    expect(parseSnapshotLine(JSON.stringify(buildRawSnapshot())).ok).toBe(true);
    const bad = parseSnapshotLine('{"cif": "77",');
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_JSON' });
  });

  it('fills absent optional fields with null and absent lists with []', () => {
    const { snapshot } = ok({
      cif: 'C1',
      extractedAt: '2026-10-31T18:00:00Z',
      status: 'DORMANT',
      fullName: 'Trần Thị Bình',
    });
    expect(snapshot).toEqual({
      cif: 'C1',
      extractedAt: '2026-10-31T18:00:00.000Z',
      status: 'DORMANT',
      fullName: 'Trần Thị Bình',
      dateOfBirth: null,
      gender: null,
      legalIds: [],
      mobileNumbers: [],
      email: null,
      addresses: [],
      lending: [],
      deposits: [],
      payroll: [],
    });
  });

  it('takes null as absent for optional fields', () => {
    const { snapshot } = ok(
      buildRawSnapshot({ email: null, dateOfBirth: null, gender: null, addresses: null }),
    );
    expect(snapshot.email).toBeNull();
    expect(snapshot.addresses).toEqual([]);
  });

  it('normalises legal IDs with spaces and lower case, and every mobile form to one E.164', () => {
    const { snapshot } = ok(
      buildRawSnapshot({
        legalIds: [
          { type: 'CCCD', number: ' 079 090 001 234 ' },
          { type: 'PASSPORT', number: 'b 1234567' },
          { type: 'CMND', number: '012345678' },
        ],
        mobileNumbers: ['0912000111', '+84912000111', '84 912 000 111', '0987 654 321'],
      }),
    );
    expect(snapshot.legalIds.map((l) => l.number)).toEqual(['079090001234', 'B1234567', '012345678']);
    expect(snapshot.mobileNumbers).toEqual(['+84912000111', '+84987654321']);
  });

  it('normalises amounts to 2 decimals and rates to 4', () => {
    const { snapshot } = ok(
      buildRawSnapshot({
        lending: [
          buildRawFacility({ outstandingBalance: '1500', overdueAmount: '12.5', interestRate: '0.12' }),
        ],
      }),
    );
    expect(snapshot.lending[0]).toMatchObject({
      outstandingBalance: '1500.00',
      overdueAmount: '12.50',
      interestRate: '0.1200',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown top-level field', { nickname: 'An' }, 'nickname: unknown field'],
    ['a missing cif', { cif: undefined }, 'cif: is required'],
    ['a cif with punctuation', { cif: '77-01' }, 'cif: must be 1 to 20 letters or digits'],
    ['an unknown status', { status: 'OPEN' }, 'status: must be one of ACTIVE, DORMANT, CLOSED'],
    ['a missing full name', { fullName: '  ' }, 'fullName: must not be empty'],
    ['a date that does not exist', { dateOfBirth: '1990-02-30' }, 'dateOfBirth: must be a date YYYY-MM-DD'],
    ['an unknown gender', { gender: 'X' }, 'gender: must be one of M, F, O'],
    ['a bad e-mail', { email: 'an at example' }, 'email: must be an e-mail address'],
    [
      'a landline as mobile',
      { mobileNumbers: ['02838123456'] },
      'mobileNumbers[0]: must be a valid mobile number',
    ],
    [
      'a mobile that is not a string',
      { mobileNumbers: [912000111] },
      'mobileNumbers[0]: must be a valid mobile number',
    ],
    ['legal IDs that are not an array', { legalIds: 'x' }, 'legalIds: must be an array'],
    [
      'a malformed legal ID',
      { legalIds: [{ type: 'CCCD', number: '12345' }] },
      'legalIds[0].number: must be a CMND (9 digits), CCCD (12 digits) or passport number',
    ],
    [
      'a legal ID of another type',
      { legalIds: [{ type: 'CCCD', number: '012345678' }] },
      'legalIds[0].number: is not a CCCD number',
    ],
    [
      'an unknown legal ID type',
      { legalIds: [{ type: 'DL', number: '012345678' }] },
      'legalIds[0].type: must be one of CCCD, CMND, PASSPORT',
    ],
    [
      'an unknown field in a legal ID',
      { legalIds: [{ type: 'CMND', number: '012345678', expiry: '2030-01-01' }] },
      'legalIds[0].expiry: unknown field',
    ],
    [
      'a duplicate legal ID',
      {
        legalIds: [
          { type: 'CMND', number: '012345678' },
          { type: 'CMND', number: '012 345 678' },
        ],
      },
      'legalIds[1].number: is a duplicate within the snapshot',
    ],
    ['an address without a line', { addresses: [{ type: 'CONTACT' }] }, 'addresses[0].line: is required'],
    [
      'a bad country',
      { addresses: [{ type: 'CONTACT', line: 'x', country: 'VN' }] },
      'addresses[0].country: must be an ISO 3166 alpha-3 code',
    ],
    [
      'an amount as a number',
      { lending: [buildRawFacility({ outstandingBalance: 80000000 })] },
      'lending[0].outstandingBalance: must be a decimal string such as "1500000.00"',
    ],
    [
      'an amount with 3 decimals',
      { lending: [buildRawFacility({ overdueAmount: '1.005' })] },
      'lending[0].overdueAmount: must be a decimal string with at most 2 decimals',
    ],
    [
      'a negative outstanding',
      { lending: [buildRawFacility({ outstandingBalance: '-1.00' })] },
      'lending[0].outstandingBalance: must not be negative',
    ],
    [
      'an amount too large for numeric(20,2)',
      { lending: [buildRawFacility({ limitAmount: '1234567890123456789' })] },
      'lending[0].limitAmount: must be a decimal string with at most 2 decimals',
    ],
    [
      'an unknown product',
      { lending: [buildRawFacility({ productType: 'MORTGAGE' })] },
      'lending[0].productType: must be one of CREDIT_CARD, SECURED_LOAN, UNSECURED_LOAN, REVOLVING_LOAN, OVERDRAFT',
    ],
    [
      'an unknown facility status',
      { lending: [buildRawFacility({ status: 'OVERDUE' })] },
      'lending[0].status: must be one of ACTIVE, CLOSED, WRITTEN_OFF',
    ],
    [
      'a lower-case currency',
      { lending: [buildRawFacility({ currency: 'vnd' })] },
      'lending[0].currency: must be an ISO 4217 code',
    ],
    [
      'negative days past due',
      { lending: [buildRawFacility({ daysPastDue: -1 })] },
      'lending[0].daysPastDue: must be an integer from 0 to 100000',
    ],
    [
      'fractional days past due',
      { lending: [buildRawFacility({ daysPastDue: 1.5 })] },
      'lending[0].daysPastDue: must be an integer from 0 to 100000',
    ],
    [
      'debt group 6',
      { lending: [buildRawFacility({ debtGroup: 6 })] },
      'lending[0].debtGroup: must be null or an integer from 1 to 5',
    ],
    [
      'maturity before opening',
      { lending: [buildRawFacility({ openDate: '2025-01-01', maturityDate: '2024-01-01' })] },
      'lending[0].maturityDate: must not be before openDate',
    ],
    [
      'a bad payment period',
      { lending: [buildRawFacility({ paymentHistory: [{ period: '2026-13' }] })] },
      'lending[0].paymentHistory[0].period: must be a period YYYY-MM',
    ],
    [
      'an unknown payment field',
      { lending: [buildRawFacility({ paymentHistory: [{ period: '2026-10', note: 'x' }] })] },
      'lending[0].paymentHistory[0].note: unknown field',
    ],
    [
      'a duplicate contract',
      { lending: [buildRawFacility(), buildRawFacility()] },
      'lending[1].contractNumber: is a duplicate within the snapshot',
    ],
    [
      'an unknown deposit product',
      {
        deposits: [
          { productType: 'GOLD', accountNumber: '1', currency: 'VND', balance: '1.00', status: 'ACTIVE' },
        ],
      },
      'deposits[0].productType: must be one of FIXED_DEPOSIT, CURRENT_ACCOUNT, SAVINGS_ACCOUNT',
    ],
    [
      'a deposit without a balance',
      {
        deposits: [{ productType: 'SAVINGS_ACCOUNT', accountNumber: '1', currency: 'VND', status: 'ACTIVE' }],
      },
      'deposits[0].balance: is required',
    ],
    [
      'a payroll credit without an amount',
      { payroll: [{ employerName: 'X', period: '2026-10', currency: 'VND' }] },
      'payroll[0].amount: is required',
    ],
    [
      'a payroll credit with an unknown field',
      { payroll: [{ employerName: 'X', period: '2026-10', amount: '1.00', currency: 'VND', bonus: true }] },
      'payroll[0].bonus: unknown field',
    ],
  ])('refuses %s', (_name, overrides, expected) => {
    expect(issuesOf(buildRawSnapshot(overrides))).toContain(expected);
  });

  it.each([null, 42, 'text', [], [buildRawSnapshot()]])(
    'refuses a line that is not an object: %p',
    (value) => {
      expect(issuesOf(value)).toEqual(['$: must be an object']);
    },
  );

  it.each([
    ['a NUL character', { fullName: 'Nguyễn\u0000An' }, 'fullName'],
    ['a line break', { addresses: [{ type: 'CONTACT', line: '12 Lê Lợi\nQuận 1' }] }, 'addresses[0].line'],
    ['a lone high surrogate', { email: 'an\ud800@example.vn' }, 'email'],
    [
      'a lone low surrogate',
      { lending: [buildRawFacility({ productName: 'Vay \udc00' })] },
      'lending[0].productName',
    ],
  ])('refuses text PostgreSQL cannot store: %s', (_name, patch, path) => {
    expect(issuesOf({ ...buildRawSnapshot(), ...patch })).toEqual([
      `${path}: must not contain control characters or invalid Unicode`,
    ]);
  });

  it('keeps tabs and characters outside the BMP (a surrogate pair)', () => {
    expect(ok({ ...buildRawSnapshot(), fullName: 'Nguyễn\tVăn 𠀀' }).snapshot.fullName).toBe(
      'Nguyễn\tVăn 𠀀',
    );
  });

  it('accepts a negative CASA balance (an arranged overdraft)', () => {
    const { snapshot } = ok(
      buildRawSnapshot({
        deposits: [
          {
            productType: 'CURRENT_ACCOUNT',
            accountNumber: '1',
            currency: 'VND',
            balance: '-500000.00',
            status: 'ACTIVE',
          },
        ],
      }),
    );
    expect(snapshot.deposits[0].balance).toBe('-500000.00');
  });

  it('reports every issue with its path, and at most three of them in the message', () => {
    const result = validateSnapshot(
      buildRawSnapshot({ status: 'X', gender: 'X', email: 'x', nickname: 1, cif: '' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(5);
    expect(result.message).toMatch(/; and 2 more$/);
  });

  it('never puts a value in the message (values may be personal data)', () => {
    const result = validateSnapshot(
      buildRawSnapshot({ legalIds: [{ type: 'CCCD', number: '99999' }], mobileNumbers: ['0000'] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).not.toContain('99999');
    expect(result.message).not.toContain('0000');
  });

  it('flags a CCCD whose birth year or gender disagrees with the ODS, without refusing the line', () => {
    const { snapshot, flags } = ok(buildRawSnapshot({ dateOfBirth: '1991-05-14', gender: 'F' }));
    expect(snapshot.legalIds).toHaveLength(1);
    expect(flags).toEqual([
      { path: 'legalIds[0].number', flag: 'CCCD_BIRTH_YEAR_MISMATCH' },
      { path: 'legalIds[0].number', flag: 'CCCD_GENDER_MISMATCH' },
    ]);
  });

  describe('extractedAt', () => {
    it('is required', () => {
      const { extractedAt: _, ...raw } = buildRawSnapshot();
      expect(issuesOf(raw)).toEqual(['extractedAt: is required']);
    });

    it.each([
      ['2026-10-31T18:00:00Z', '2026-10-31T18:00:00.000Z'],
      ['2026-11-01T01:00:00+07:00', '2026-10-31T18:00:00.000Z'],
      ['2026-10-31T18:00:00.123456-01:30', '2026-10-31T19:30:00.123Z'],
      // The kernel's one date-time rule (RFC 3339 allows a lower-case t and z).
      ['2026-10-31t18:00:00z', '2026-10-31T18:00:00.000Z'],
    ])('accepts the RFC 3339 date-time %s and keeps it as the UTC instant %s', (value, expected) => {
      expect(ok(buildRawSnapshot({ extractedAt: value })).snapshot.extractedAt).toBe(expected);
    });

    it.each<[unknown, string]>([
      ['2026-10-31', 'a date without a time'],
      ['2026-10-31T18:00:00', 'no time zone'],
      ['2026-10-31 18:00:00Z', 'a space for the T'],
      ['2026-02-30T18:00:00Z', 'no such day'],
      ['2026-10-31T24:00:00Z', 'no such hour'],
      ['0000-10-31T18:00:00Z', 'year 0000 (the kernel refuses it)'],
      [1761933600000, 'a number'],
    ])('refuses %p (%s)', (value) => {
      expect(issuesOf(buildRawSnapshot({ extractedAt: value }))[0]).toMatch(/^extractedAt: must be/);
    });

    it('refuses an extraction in the future (more than 5 minutes of clock skew): it would block every later load', () => {
      const now = new Date('2026-10-31T18:00:00Z');
      const at = (iso: string) => validateSnapshot(buildRawSnapshot({ extractedAt: iso }), { now });
      expect(at('2026-10-31T18:04:59Z').ok).toBe(true);
      const refused = at('2026-10-31T18:05:01Z');
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.message).toBe('extractedAt: must not be in the future');
    });
  });
});
