import { generateSyntheticCustomers } from '@hub/customer-summary';
import { LogCapture } from '@hub/platform/testing';
import { RUN_ID, uniqueCif, uniqueDigits, uniqueLegalId, uniqueMobile } from '../support/run-keys';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { postOversized } from '../support/oversized-request';

/**
 * getCusSummary and the ODS ingest over HTTP, through the whole hub. The suite loads its own
 * customers through POST /api/v1/ods/customers:bulk, so it also runs against a deployed hub
 * (E2E_BASE_URL): every CIF, legal ID and mobile it loads and reads back is made per run below.
 */
/**
 * The keys of this run (test/support/run-keys.ts): two runs against one hub never load nor read
 * each other's customers. `CIF[n]` and `CMND[n]` are numbered as the fixed keys the suite used
 * to have (88000000nn, 2123456nn). The CCCDs keep the prefix their checks need: province 036,
 * then the century-and-gender digit and the year of birth (036195: a woman born in 1995,
 * 036095: a man born in 1995).
 */
const CIF = Array.from({ length: 25 }, () => uniqueCif());
const CMND = Array.from({ length: 80 }, () => uniqueDigits(9, '2'));
const MOBILE = Array.from({ length: 15 }, () => uniqueMobile());
const CCCD_FULL = uniqueDigits(12, '036195');
const CCCD_RENEWED = uniqueDigits(12, '036095');
const CCCD_OLD = uniqueDigits(12, '036095');
/** Passports: a letter and seven digits. */
const PASSPORT_C = `C${uniqueDigits(7)}`;
const PASSPORT_N = `N${uniqueDigits(7)}`;
/** A national mobile (0...) in the international form the hub answers with. */
const intl = (mobile: string) => `+84${mobile.slice(1)}`;
/** `digits` cut into groups of the given sizes, joined by `sep`. */
const groups = (digits: string, a: number, b: number, c: number, sep: string) =>
  [digits.slice(0, a), digits.slice(a, a + b), digits.slice(a + b, a + b + c)].join(sep);
/** A CCCD as people write it: 3 digit groups of 3, with blanks around. */
const spaced = (cccd: string) => ` ${[0, 3, 6, 9].map((i) => cccd.slice(i, i + 3)).join(' ')} `;

const FULL = {
  cif: CIF[1],
  status: 'ACTIVE',
  fullName: 'Đặng Thị Hương',
  dateOfBirth: '1995-07-20',
  gender: 'F',
  legalIds: [
    {
      type: 'CCCD',
      number: CCCD_FULL,
      issueDate: '2021-06-01',
      issuePlace: 'Cục Cảnh sát QLHC về TTXH',
    },
  ],
  mobileNumbers: [MOBILE[0]],
  email: 'huong.dang@example.vn',
  addresses: [
    {
      type: 'PERMANENT',
      line: '5 Trần Phú',
      ward: 'Phường Lộc Thọ',
      district: 'Thành phố Nha Trang',
      province: 'Tỉnh Khánh Hòa',
      country: 'VNM',
    },
  ],
  lending: [
    facility('CREDIT_CARD', 'E2E-CC-1', 'VND', 'ACTIVE', '12500000.50', 0, '0.00', {
      limitAmount: '50000000.00',
      paymentHistory: [
        {
          period: '2026-08',
          dueAmount: '1000000.00',
          paidAmount: '1000000.00',
          paidDate: '2026-08-10',
          daysLate: 0,
        },
        { period: '2026-10', dueAmount: '1200000.00', paidAmount: null, paidDate: null, daysLate: null },
        {
          period: '2026-09',
          dueAmount: '1100000.00',
          paidAmount: '1100000.00',
          paidDate: '2026-09-12',
          daysLate: 2,
        },
      ],
    }),
    facility('SECURED_LOAN', 'E2E-SL-1', 'VND', 'ACTIVE', '900000000.00', 45, '15000000.00', {
      disbursedAmount: '1000000000.00',
    }),
    facility('UNSECURED_LOAN', 'E2E-UL-1', 'VND', 'ACTIVE', '60000000.00', 120, '9000000.00'),
    facility('REVOLVING_LOAN', 'E2E-RL-1', 'USD', 'ACTIVE', '2000.25', 200, '300.10'),
    facility('OVERDRAFT', 'E2E-OD-1', 'VND', 'ACTIVE', '5000000.00', 400, '5000000.00'),
    facility('UNSECURED_LOAN', 'E2E-UL-2', 'USD', 'CLOSED', '0.00', 0, '0.00'),
    facility('CREDIT_CARD', 'E2E-CC-2', 'VND', 'WRITTEN_OFF', '7000000.00', 500, '7000000.00', {
      debtGroup: 5,
    }),
  ],
  deposits: [
    deposit('FIXED_DEPOSIT', 'E2E-FD-1', 'USD', '5000.00', {
      principalAmount: '5000.00',
      termMonths: 12,
      interestRate: '0.0450',
    }),
    deposit('CURRENT_ACCOUNT', 'E2E-CA-1', 'VND', '15250000.00', { availableBalance: '15000000.00' }),
    deposit('SAVINGS_ACCOUNT', 'E2E-SA-1', 'VND', '80000000.00'),
  ],
  payroll: ['2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04'].map((period, i) => ({
    employerName: 'Công ty Cổ phần Sữa Việt Nam',
    accountNumber: 'E2E-CA-1',
    period,
    amount: i === 5 ? '20000000.10' : i === 6 ? '99000000.00' : '20000000.00',
    currency: 'VND',
    creditDate: `${period}-25`,
  })),
};

const person = (cif: string, status: string, legalId: { type: string; number: string }, mobile: string) => ({
  cif,
  status,
  fullName: `Khách hàng ${cif}`,
  legalIds: [legalId],
  mobileNumbers: [mobile],
});

const OTHERS = [
  person(CIF[2], 'ACTIVE', { type: 'CMND', number: CMND[70] }, MOBILE[1]),
  person(CIF[3], 'DORMANT', { type: 'PASSPORT', number: PASSPORT_C }, intl(MOBILE[1])),
  person(CIF[4], 'CLOSED', { type: 'PASSPORT', number: PASSPORT_N }, MOBILE[2]),
  person(CIF[5], 'ACTIVE', { type: 'PASSPORT', number: PASSPORT_N }, MOBILE[2]),
];

function facility(
  productType: string,
  contractNumber: string,
  currency: string,
  status: string,
  outstandingBalance: string,
  daysPastDue: number,
  overdueAmount: string,
  extra: Record<string, unknown> = {},
) {
  return {
    productType,
    contractNumber,
    productName: `Sản phẩm ${contractNumber}`,
    currency,
    limitAmount: null,
    disbursedAmount: null,
    outstandingBalance,
    status,
    openDate: '2024-01-15',
    maturityDate: '2029-01-15',
    interestRate: '0.1100',
    daysPastDue,
    overdueAmount,
    debtGroup: null,
    paymentHistory: [],
    ...extra,
  };
}

function deposit(
  productType: string,
  accountNumber: string,
  currency: string,
  balance: string,
  extra: Record<string, unknown> = {},
) {
  return {
    productType,
    accountNumber,
    productName: null,
    currency,
    balance,
    status: 'ACTIVE',
    openDate: '2023-03-01',
    ...extra,
  };
}

/** When the suite's snapshots were extracted (now: no STALE_DATA warning unless a test asks for one). */
const EXTRACTED_AT = new Date().toISOString();

/** NDJSON lines; an object without `extractedAt` is stamped with EXTRACTED_AT (the field is required). */
const ndjson = (...objects: unknown[]) =>
  objects
    .map((o) =>
      typeof o === 'string'
        ? o
        : JSON.stringify(
            typeof o === 'object' && o !== null && !Array.isArray(o) && !('extractedAt' in o)
              ? { extractedAt: EXTRACTED_AT, ...o }
              : o,
          ),
    )
    .join('\n') + '\n';

describe('customer summary (e2e)', () => {
  let t: TestApp;
  let reader: string;
  let writer: string;
  const logs = new LogCapture();

  const lookup = (body: Record<string, unknown>, lang?: string) => {
    const req = t.http.post('/api/v1/customer-summary').set('Authorization', reader);
    if (lang) req.set('Accept-Language', lang);
    return req.send(body);
  };
  const load = (body: string | Buffer) =>
    t.http
      .post('/api/v1/ods/customers:bulk')
      .set('Authorization', writer)
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
  /** A raw body with a chosen Content-Type ('' = none). */
  const rawLookup = (body: string | undefined, contentType = 'application/json', direct = false) => {
    const req = (direct ? t.direct : t.http).post('/api/v1/customer-summary').set('Authorization', reader);
    if (contentType) req.set('Content-Type', contentType);
    return body === undefined ? req : req.send(body);
  };
  const rawLoad = (body: string | Buffer | undefined, contentType: string) => {
    const req = t.http.post('/api/v1/ods/customers:bulk').set('Authorization', writer);
    if (contentType) req.set('Content-Type', contentType);
    return body === undefined ? req : req.send(body);
  };
  /** The one error shape, with the status and code expected. */
  const expectError = (
    res: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    status: number,
    code: string,
  ) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      statusCode: status,
      code,
      message: expect.any(String),
      details: expect.any(Array),
      requestId: res.headers['x-request-id'],
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ logStream: logs });
    reader = await t.bearer(['customer-summary:read'], { sub: 'rm-e2e' });
    writer = await t.bearer(['ods:write'], { sub: 'ods-feed' });
    const res = await load(ndjson(FULL, ...OTHERS));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 5, loaded: 5, rejected: [] });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('matching', () => {
    it.each([
      ['the legal ID alone', { legalId: CCCD_FULL }],
      ['the mobile alone', { mobileNumber: MOBILE[0] }],
      ['both', { legalId: CCCD_FULL, mobileNumber: MOBILE[0] }],
      ['a legal ID with spaces', { legalId: spaced(CCCD_FULL) }],
    ])('finds the customer by %s', async (_name, body) => {
      const res = await lookup(body).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0].cif).toBe(CIF[1]);
    });

    it.each([
      MOBILE[0],
      intl(MOBILE[0]),
      `84${MOBILE[0].slice(1)}`,
      `84 ${groups(MOBILE[0].slice(1), 3, 3, 3, ' ')}`,
      `0${groups(MOBILE[0].slice(1), 3, 3, 3, ' ')}`,
      `(+84) ${groups(MOBILE[0].slice(1), 3, 3, 3, '-')}`,
      ` ${groups(MOBILE[0], 3, 3, 4, ' ')} `,
    ])('reads the mobile form %p', async (mobileNumber) => {
      const res = await lookup({ mobileNumber }).expect(200);
      expect(res.body.data[0].cif).toBe(CIF[1]);
    });

    it.each([
      ['CCCD', CCCD_FULL, CIF[1]],
      ['CMND', CMND[70], CIF[2]],
      ['passport (lower case)', PASSPORT_C.toLowerCase(), CIF[3]],
      ['passport with a space', `${PASSPORT_C[0]} ${PASSPORT_C.slice(1)}`, CIF[3]],
    ])('finds a customer by %s', async (_name, legalId, cif) => {
      const res = await lookup({ legalId }).expect(200);
      expect(res.body).toMatchObject({ total: 1, data: [{ cif }] });
    });

    it('answers an empty array for a customer new to the bank', async () => {
      expect((await lookup({ legalId: uniqueLegalId() }).expect(200)).body).toEqual({
        total: 0,
        data: [],
        warnings: [],
      });
      expect((await lookup({ mobileNumber: uniqueMobile() }).expect(200)).body).toEqual({
        total: 0,
        data: [],
        warnings: [],
      });
    });

    it('ignores a closed CIF beside an open one', async () => {
      expect((await lookup({ legalId: PASSPORT_N }).expect(200)).body).toMatchObject({
        total: 1,
        data: [{ cif: CIF[5] }],
      });
      expect((await lookup({ mobileNumber: MOBILE[2] }).expect(200)).body).toMatchObject({
        total: 1,
        data: [{ cif: CIF[5] }],
      });
    });

    it.each([
      ['en', 'Customer information matches other customers in the system'],
      ['vi', 'Thông tin bị trùng'],
    ])('refuses two CIFs sharing a mobile with 409 DUPLICATE_CIF (%s)', async (lang, message) => {
      const res = await lookup({ mobileNumber: MOBILE[1] }, lang).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        code: 'DUPLICATE_CIF',
        message,
        details: [{ matchedCount: 2 }],
        requestId: res.headers['x-request-id'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${CIF[2]}|${CIF[3]}`));
    });

    it('refuses the legal ID of one CIF with the mobile of another (409)', async () => {
      const res = await lookup({ legalId: CMND[70], mobileNumber: MOBILE[0] }).expect(409);
      expect(res.body).toMatchObject({ code: 'DUPLICATE_CIF', details: [{ matchedCount: 2 }] });
    });
  });

  describe('bad input', () => {
    /** Bodies a validating proxy (Prism) answers itself instead of passing on: sent straight to the hub. */
    const PRISM_ANSWERS_ITSELF = new Set(['a string', 'null', 'malformed JSON']);

    it.each([[{}], [{ legalId: '', mobileNumber: '' }]])('400 without an identifier: %p', async (body) => {
      const res = await lookup(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      [{ legalId: '12345' }, ['legalId']],
      [{ legalId: '0361950001112' }, ['legalId']],
      [{ legalId: 'AB-12' }, ['legalId']],
      [{ mobileNumber: '02838123456' }, ['mobileNumber']],
      [{ mobileNumber: '091' }, ['mobileNumber']],
      [{ legalId: '12345', mobileNumber: 'abc' }, ['legalId', 'mobileNumber']],
      [{ legalId: CCCD_FULL, mobileNumber: '123' }, ['mobileNumber']],
    ])('400 for malformed identifiers %p', async (body, fields) => {
      const res = await lookup(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(fields);
    });

    it.each([
      [{ legalId: 36195000111 }],
      [{ legalId: CCCD_FULL, cif: CIF[1] }],
      [{ mobileNumber: 'x'.repeat(40) }],
    ])('400 for a body of the wrong shape %p', async (body) => {
      expect((await lookup(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['an array', '[{"legalId":"036195000111"}]', 'VALIDATION_FAILED'],
      ['an empty array', '[]', 'VALIDATION_FAILED'],
      ['a number', '42', 'VALIDATION_FAILED'],
      ['a string', '"036195000111"', 'VALIDATION_FAILED'],
      ['true', 'true', 'VALIDATION_FAILED'],
      ['null', 'null', 'VALIDATION_FAILED'],
      ['an empty JSON body', '', 'MALFORMED_JSON'],
      ['malformed JSON', '{"legalId":', 'MALFORMED_JSON'],
      ['legalId null, no mobile', '{"legalId":null}', 'VALIDATION_FAILED'],
      ['legalId an array', '{"legalId":["036195000111"]}', 'VALIDATION_FAILED'],
      ['legalId an object', '{"legalId":{"number":"036195000111"}}', 'VALIDATION_FAILED'],
      ['legalId a boolean', '{"legalId":true}', 'VALIDATION_FAILED'],
      ['mobileNumber a number', '{"mobileNumber":911222333}', 'VALIDATION_FAILED'],
      ['mobileNumber null, legalId bad', '{"mobileNumber":null,"legalId":"12"}', 'VALIDATION_FAILED'],
      ['a huge legalId', JSON.stringify({ legalId: '0'.repeat(500_000) }), 'VALIDATION_FAILED'],
      ['a legalId with a NUL', JSON.stringify({ legalId: '03619500011\u0000' }), 'VALIDATION_FAILED'],
      ['a mobile with a NUL', JSON.stringify({ mobileNumber: '0911\u0000222333' }), 'VALIDATION_FAILED'],
      ['only blanks', JSON.stringify({ legalId: '   ', mobileNumber: '\t' }), 'VALIDATION_FAILED'],
    ])('400 in the one error shape for %s', async (name, body, code) => {
      expectError(await rawLookup(body, 'application/json', PRISM_ANSWERS_ITSELF.has(name)), 400, code);
    });

    it('400 without any body nor Content-Type', async () => {
      expectError(await rawLookup(undefined, ''), 400, 'VALIDATION_FAILED');
    });

    it('413 for a body over the JSON limit', async () => {
      // Straight to the hub (a proxy in front may turn the cut upload into its own 500), and with
      // only the first part of the body sent: the hub refuses on the declared length.
      expectError(
        await postOversized(
          t.directUrl,
          '/api/v1/customer-summary',
          { Authorization: reader, 'Content-Type': 'application/json' },
          2 * 1024 * 1024,
        ),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it.each([
      ['NDJSON', 'application/x-ndjson', '{"legalId":"036195000111"}\n'],
      ['a form', 'application/x-www-form-urlencoded', 'legalId=036195000111'],
      ['plain text', 'text/plain', '{"legalId":"036195000111"}'],
      ['octet-stream', 'application/octet-stream', '{"legalId":"036195000111"}'],
    ])('400 UNSUPPORTED_CONTENT_TYPE for %s', async (_name, contentType, body) => {
      expectError(await rawLookup(body, contentType), 400, 'UNSUPPORTED_CONTENT_TYPE');
    });

    it('takes application/json with a charset', async () => {
      const res = await rawLookup(`{"legalId":"${CCCD_FULL}"}`, 'application/json; charset=utf-8').expect(
        200,
      );
      expect(res.body.data[0].cif).toBe(CIF[1]);
    });

    it('takes null as absent beside a good identifier', async () => {
      const res = await rawLookup(`{"legalId":null,"mobileNumber":"${MOBILE[0]}"}`).expect(200);
      expect(res.body.data[0].cif).toBe(CIF[1]);
    });

    it('401 without a token, 403 without the scope', async () => {
      await t.http.post('/api/v1/customer-summary').send({ legalId: CCCD_FULL }).expect(401);
      const other = await t.bearer(['ods:write']);
      const res = await t.http
        .post('/api/v1/customer-summary')
        .set('Authorization', other)
        .send({ legalId: CCCD_FULL })
        .expect(403);
      expect(res.body.code).toBe('INSUFFICIENT_SCOPE');
    });
  });

  describe('the figures', () => {
    it('groups by product, totals per currency over active facilities, debt groups from days past due', async () => {
      const res = await lookup({ legalId: CCCD_FULL }).expect(200);
      const s = res.body.data[0];
      expect(s.status).toBe('ACTIVE');
      expect(s.basicInfo).toEqual({
        fullName: 'Đặng Thị Hương',
        dateOfBirth: '1995-07-20',
        gender: 'F',
        legalIds: [
          {
            type: 'CCCD',
            number: CCCD_FULL,
            issueDate: '2021-06-01',
            issuePlace: 'Cục Cảnh sát QLHC về TTXH',
          },
        ],
        mobileNumbers: [intl(MOBILE[0])],
        email: 'huong.dang@example.vn',
        addresses: FULL.addresses,
      });
      const l = s.lendingInfo;
      expect(l.creditCards.map((f: { contractNumber: string }) => f.contractNumber).sort()).toEqual([
        'E2E-CC-1',
        'E2E-CC-2',
      ]);
      expect(l.securedLoans.map((f: { contractNumber: string }) => f.contractNumber)).toEqual(['E2E-SL-1']);
      expect(l.unsecuredLoans.map((f: { contractNumber: string }) => f.contractNumber).sort()).toEqual([
        'E2E-UL-1',
        'E2E-UL-2',
      ]);
      expect(l.revolvingLoans.map((f: { contractNumber: string }) => f.contractNumber)).toEqual(['E2E-RL-1']);
      expect(l.overdrafts.map((f: { contractNumber: string }) => f.contractNumber)).toEqual(['E2E-OD-1']);

      const all = [
        ...l.creditCards,
        ...l.securedLoans,
        ...l.unsecuredLoans,
        ...l.revolvingLoans,
        ...l.overdrafts,
      ];
      const overdue = Object.fromEntries(
        all.map((f: { contractNumber: string; overdue: unknown }) => [f.contractNumber, f.overdue]),
      );
      expect(overdue).toEqual({
        'E2E-CC-1': { daysPastDue: 0, overdueAmount: '0.00', debtGroup: 1, nonPerforming: false },
        'E2E-SL-1': { daysPastDue: 45, overdueAmount: '15000000.00', debtGroup: 2, nonPerforming: false },
        'E2E-UL-1': { daysPastDue: 120, overdueAmount: '9000000.00', debtGroup: 3, nonPerforming: true },
        'E2E-RL-1': { daysPastDue: 200, overdueAmount: '300.10', debtGroup: 4, nonPerforming: true },
        'E2E-OD-1': { daysPastDue: 400, overdueAmount: '5000000.00', debtGroup: 5, nonPerforming: true },
        'E2E-UL-2': { daysPastDue: 0, overdueAmount: '0.00', debtGroup: 1, nonPerforming: false },
        'E2E-CC-2': { daysPastDue: 500, overdueAmount: '7000000.00', debtGroup: 5, nonPerforming: true },
      });
      expect(l.totals).toEqual([
        { currency: 'USD', outstanding: '2000.25', overdue: '300.10' },
        { currency: 'VND', outstanding: '977500000.50', overdue: '29000000.00' },
      ]);
      expect(l.maxDaysPastDue).toBe(500);
      expect(l.worstDebtGroup).toBe(5);

      const card = l.creditCards.find((f: { contractNumber: string }) => f.contractNumber === 'E2E-CC-1');
      expect(card).toMatchObject({
        limitAmount: '50000000.00',
        outstandingBalance: '12500000.50',
        interestRate: '0.1100',
        status: 'ACTIVE',
      });
      expect(card.paymentHistory.map((p: { period: string }) => p.period)).toEqual([
        '2026-10',
        '2026-09',
        '2026-08',
      ]);
      expect(card.paymentHistory[0]).toEqual({
        period: '2026-10',
        dueAmount: '1200000.00',
        paidAmount: null,
        paidDate: null,
        daysLate: null,
      });
    });

    it('reports fixed deposits, CASA and payroll with the six-month average', async () => {
      const n = (await lookup({ mobileNumber: MOBILE[0] }).expect(200)).body.data[0].nonLendingInfo;
      expect(n.fixedDeposits).toEqual([
        {
          accountNumber: 'E2E-FD-1',
          productName: null,
          currency: 'USD',
          principalAmount: '5000.00',
          balance: '5000.00',
          interestRate: '0.0450',
          termMonths: 12,
          openDate: '2023-03-01',
          maturityDate: null,
          status: 'ACTIVE',
        },
      ]);
      expect(n.casa).toEqual([
        {
          accountNumber: 'E2E-CA-1',
          type: 'CURRENT',
          productName: null,
          currency: 'VND',
          balance: '15250000.00',
          availableBalance: '15000000.00',
          status: 'ACTIVE',
        },
        {
          accountNumber: 'E2E-SA-1',
          type: 'SAVINGS',
          productName: null,
          currency: 'VND',
          balance: '80000000.00',
          availableBalance: null,
          status: 'ACTIVE',
        },
      ]);
      expect(n.payroll).toMatchObject({
        employerName: 'Công ty Cổ phần Sữa Việt Nam',
        currency: 'VND',
        lastCreditDate: '2026-10-25',
        averageLast6Months: '20000000.02', // (5 x 20000000.00 + 20000000.10) / 6, the 7th month left out
      });
      expect(n.payroll.credits.map((c: { period: string }) => c.period)).toEqual([
        '2026-10',
        '2026-09',
        '2026-08',
        '2026-07',
        '2026-06',
        '2026-05',
        '2026-04',
      ]);
      expect(n.payroll.credits[0]).toEqual({
        period: '2026-10',
        amount: '20000000.00',
        creditDate: '2026-10-25',
      });
    });
  });

  describe('ingest', () => {
    it('loads good lines, reports bad ones by line number, and a reloaded snapshot replaces the old one', async () => {
      const v1 = {
        ...person(CIF[6], 'ACTIVE', { type: 'CMND', number: CMND[71] }, MOBILE[3]),
        lending: [
          facility('OVERDRAFT', 'E2E-OD-6', 'VND', 'ACTIVE', '1.00', 0, '0.00'),
          facility('CREDIT_CARD', 'E2E-CC-6', 'VND', 'ACTIVE', '2.00', 0, '0.00'),
        ],
      };
      const first = await load(
        ndjson(v1, `{"cif": "${CIF[7]}", "status": "ACTIVE"`, {
          ...person(CIF[8], 'OPEN', { type: 'CMND', number: CMND[72] }, MOBILE[4]),
        }),
      ).expect(200);
      expect(first.body).toEqual({
        received: 3,
        loaded: 1,
        rejected: [
          { line: 2, code: 'INVALID_JSON', message: 'The line is not valid JSON' },
          { line: 3, code: 'VALIDATION_FAILED', message: 'status: must be one of ACTIVE, DORMANT, CLOSED' },
        ],
      });
      const before = (await lookup({ legalId: CMND[71] }).expect(200)).body.data[0];
      expect(before.lendingInfo.overdrafts).toHaveLength(1);
      expect(before.lendingInfo.creditCards).toHaveLength(1);

      const v2 = {
        ...person(CIF[6], 'ACTIVE', { type: 'CCCD', number: CCCD_RENEWED }, MOBILE[5]),
        fullName: 'Tên đã đổi',
        lending: [facility('SECURED_LOAN', 'E2E-SL-6', 'VND', 'ACTIVE', '3.00', 0, '0.00')],
      };
      expect((await load(ndjson(v2)).expect(200)).body).toEqual({ received: 1, loaded: 1, rejected: [] });
      const after = (await lookup({ legalId: CCCD_RENEWED }).expect(200)).body.data[0];
      expect(after).toMatchObject({
        cif: CIF[6],
        basicInfo: { fullName: 'Tên đã đổi', mobileNumbers: [intl(MOBILE[5])] },
      });
      expect(after.lendingInfo.overdrafts).toEqual([]);
      expect(after.lendingInfo.creditCards).toEqual([]);
      expect(after.lendingInfo.securedLoans.map((f: { contractNumber: string }) => f.contractNumber)).toEqual(
        ['E2E-SL-6'],
      );
      // The old identifiers no longer find the CIF.
      expect((await lookup({ legalId: CMND[71] }).expect(200)).body).toEqual({
        total: 0,
        data: [],
        warnings: [],
      });
      expect((await lookup({ mobileNumber: MOBILE[3] }).expect(200)).body).toEqual({
        total: 0,
        data: [],
        warnings: [],
      });
    });

    it('loads concurrent reloads of one CIF into one whole snapshot', async () => {
      const versions = Array.from({ length: 6 }, (_, v) => ({
        ...person(CIF[9], 'ACTIVE', { type: 'CMND', number: CMND[79] }, MOBILE[6]),
        fullName: `Phiên bản ${v}`,
        lending: [0, 1].map((i) =>
          facility('CREDIT_CARD', `E2E-V${v}-${i}`, 'VND', 'ACTIVE', '1.00', 0, '0.00'),
        ),
      }));
      const results = await Promise.all(versions.map((v) => load(ndjson(v))));
      expect(results.map((r) => r.body.loaded)).toEqual([1, 1, 1, 1, 1, 1]);
      const s = (await lookup({ legalId: CMND[79] }).expect(200)).body.data[0];
      const v = s.basicInfo.fullName.replace('Phiên bản ', '');
      expect(
        s.lendingInfo.creditCards.map((f: { contractNumber: string }) => f.contractNumber).sort(),
      ).toEqual([`E2E-V${v}-0`, `E2E-V${v}-1`]);
    });

    it('refuses a body that is not NDJSON, and needs the ods:write scope', async () => {
      const res = await t.http
        .post('/api/v1/ods/customers:bulk')
        .set('Authorization', writer)
        .send({ cif: '1' })
        .expect(400);
      expect(res.body.code).toBe('UNSUPPORTED_CONTENT_TYPE');
      await t.http
        .post('/api/v1/ods/customers:bulk')
        .set('Authorization', reader)
        .set('Content-Type', 'application/x-ndjson')
        .send('{}\n')
        .expect(403);
    });

    it.each([
      ['JSON', 'application/json', `{"cif":"${CIF[1]}"}`],
      ['plain text', 'text/plain', `{"cif":"${CIF[1]}"}\n`],
      ['octet-stream', 'application/octet-stream', `{"cif":"${CIF[1]}"}\n`],
      ['a form', 'application/x-www-form-urlencoded', `cif=${CIF[1]}`],
      ['no Content-Type', '', undefined],
    ])('400 UNSUPPORTED_CONTENT_TYPE for %s', async (_name, contentType, body) => {
      expectError(await rawLoad(body, contentType), 400, 'UNSUPPORTED_CONTENT_TYPE');
    });

    it('answers an empty NDJSON body with nothing received', async () => {
      expect((await rawLoad('', 'application/x-ndjson').expect(200)).body).toEqual({
        received: 0,
        loaded: 0,
        rejected: [],
      });
      expect((await rawLoad('\n\r\n  \n', 'application/x-ndjson; charset=utf-8').expect(200)).body).toEqual({
        received: 0,
        loaded: 0,
        rejected: [],
      });
    });

    it('reports lines that are valid JSON but not an object, and malformed lines, by line number', async () => {
      const good = person(CIF[10], 'ACTIVE', { type: 'CMND', number: CMND[0] }, MOBILE[7]);
      const res = await load(
        ndjson('[1]', '"text"', '42', 'null', 'true', '[]', good, '{', '}{', '{"cif":"88"}}', '\u0000'),
      ).expect(200);
      expect(res.body.received).toBe(11);
      expect(res.body.loaded).toBe(1);
      expect(res.body.rejected).toEqual([
        ...[1, 2, 3, 4, 5, 6].map((line) => ({
          line,
          code: 'VALIDATION_FAILED',
          message: '$: must be an object',
        })),
        ...[8, 9, 10, 11].map((line) => ({
          line,
          code: 'INVALID_JSON',
          message: 'The line is not valid JSON',
        })),
      ]);
      expect((await lookup({ legalId: CMND[0] }).expect(200)).body.data[0].cif).toBe(CIF[10]);
    });

    it('refuses fields of the wrong type, naming the fields and never a value', async () => {
      const bad = {
        cif: 8800000011,
        status: ['ACTIVE'],
        fullName: { first: 'Secret Name' },
        legalIds: '212345611',
        mobileNumbers: [911222333],
      };
      const res = await load(ndjson(bad)).expect(200);
      expect(res.body).toEqual({
        received: 1,
        loaded: 0,
        rejected: [
          {
            line: 1,
            code: 'VALIDATION_FAILED',
            message:
              'cif: must be a string; status: must be one of ACTIVE, DORMANT, CLOSED; fullName: must be a string; and 2 more',
          },
        ],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/Secret|212345611|911222333|8800000011/);
    });

    it('refuses text the database cannot store as a validation failure, not a load failure', async () => {
      const withNul = {
        ...person(CIF[12], 'ACTIVE', { type: 'CMND', number: CMND[12] }, MOBILE[8]),
        fullName: 'A\u0000B',
      };
      const withSurrogate = {
        ...person(CIF[13], 'ACTIVE', { type: 'CMND', number: CMND[13] }, MOBILE[9]),
        fullName: 'A\ud800B',
      };
      const res = await load(ndjson(withNul, withSurrogate)).expect(200);
      expect(res.body).toEqual({
        received: 2,
        loaded: 0,
        rejected: [1, 2].map((line) => ({
          line,
          code: 'VALIDATION_FAILED',
          message: 'fullName: must not contain control characters or invalid Unicode',
        })),
      });
    });

    it('reads a file that starts with a UTF-8 byte order mark', async () => {
      const body = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(ndjson(person(CIF[14], 'ACTIVE', { type: 'CMND', number: CMND[14] }, MOBILE[10]))),
      ]);
      expect((await load(body).expect(200)).body).toEqual({ received: 1, loaded: 1, rejected: [] });
    });

    it('reports a line over 1 MiB as LINE_TOO_LONG and loads the next', async () => {
      const next = person(CIF[15], 'ACTIVE', { type: 'CMND', number: CMND[15] }, MOBILE[11]);
      const res = await load(ndjson(`{"cif":"${'9'.repeat(1024 * 1024)}"}`, next)).expect(200);
      expect(res.body).toEqual({
        received: 2,
        loaded: 1,
        rejected: [{ line: 1, code: 'LINE_TOO_LONG', message: 'The line is longer than 1048576 bytes' }],
      });
    });

    it('takes a body far above the JSON body limit (generated customers, several MiB)', async () => {
      const customers = [
        ...generateSyntheticCustomers({ customers: 1200, seed: 'e2e-large', showcase: false }),
      ].map((c) => ({
        ...c,
        // The generator's identifiers follow its index (the same on every run): this run's own.
        cif: uniqueCif(),
        legalIds: (c.legalIds as { type: string; number: string }[]).map((l) => ({
          ...l,
          number:
            l.type === 'CCCD'
              ? uniqueDigits(12, l.number.slice(0, 6))
              : l.type === 'CMND'
                ? uniqueDigits(9, l.number[0])
                : `${l.number[0]}${uniqueDigits(7)}`,
        })),
        // 097...: never one of the 091... mobiles the other tests read back.
        mobileNumbers: (c.mobileNumbers as string[]).map(() => uniqueDigits(10, '097')),
      }));
      const body = ndjson(...customers);
      expect(Buffer.byteLength(body)).toBeGreaterThan(3 * 1024 * 1024);
      const res = await load(body).expect(200);
      expect(res.body).toEqual({ received: 1200, loaded: 1200, rejected: [] });
    });

    it('streams a large body in batches', async () => {
      // New customers on every run (a deployed hub keeps the last run's): CIFs, passport numbers
      // and the one mobile they share, of this run only.
      const cifs = Array.from({ length: 1500 }, () => uniqueCif());
      const tag = RUN_ID.replace(/[^A-Z0-9]/g, '');
      const passport = (i: number) => `P${tag}${String(i).padStart(4, '0')}`;
      const mobile = uniqueMobile();
      const lines = cifs.map((cif, i) =>
        person(cif, 'ACTIVE', { type: 'PASSPORT', number: passport(i) }, mobile),
      );
      const res = await load(ndjson(...lines)).expect(200);
      expect(res.body).toEqual({ received: 1500, loaded: 1500, rejected: [] });
      expect((await lookup({ legalId: passport(1499) }).expect(200)).body.data[0].cif).toBe(cifs[1499]);
    }, 120_000); // 1,500 snapshots: past the default minute on a loaded 2-core runner
  });

  describe('the age of the data, its quality flags and the warnings', () => {
    it('returns dataAsOf with the extraction and load times, and no warning for fresh, clean data', async () => {
      const res = await lookup({ legalId: CCCD_FULL }).expect(200);
      expect(res.body.data[0].dataAsOf).toEqual({
        extractedAt: EXTRACTED_AT,
        loadedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        extractedAtSource: 'ODS',
      });
      expect(res.body.data[0].dataQualityFlags).toEqual([]);
      expect(res.body.warnings).toEqual([]);
    });

    it('warns STALE_DATA (in the Accept-Language) and reports the flags of the CIF shown', async () => {
      const old = {
        ...person(CIF[20], 'ACTIVE', { type: 'CCCD', number: CCCD_OLD }, MOBILE[12]),
        extractedAt: '2026-01-02T03:04:05+07:00',
        dateOfBirth: '1996-01-01', // the CCCD says a man born in 1995
        gender: 'F',
      };
      const twin = person(CIF[21], 'DORMANT', { type: 'CMND', number: CMND[21] }, MOBILE[12]);
      expect((await load(ndjson(old, twin)).expect(200)).body).toMatchObject({ loaded: 2 });
      const res = await lookup({ legalId: CCCD_OLD }, 'vi').expect(200);
      expect(res.body.data[0].dataAsOf).toMatchObject({ extractedAt: '2026-01-01T20:04:05.000Z' });
      expect(res.body.data[0].dataQualityFlags).toEqual([
        'CCCD_BIRTH_YEAR_MISMATCH',
        'CCCD_GENDER_MISMATCH',
        'SHARED_MOBILE_NUMBER',
      ]);
      expect(res.body.warnings).toEqual([
        { code: 'STALE_DATA', cif: CIF[20], message: expect.stringContaining('Dữ liệu đã cũ') },
        { code: 'CCCD_BIRTH_YEAR_MISMATCH', cif: CIF[20], message: expect.any(String) },
        { code: 'CCCD_GENDER_MISMATCH', cif: CIF[20], message: expect.any(String) },
        { code: 'SHARED_MOBILE_NUMBER', cif: CIF[20], message: expect.any(String) },
      ]);
      expect((await lookup({ legalId: CMND[21] }).expect(200)).body.warnings).toEqual([
        {
          code: 'SHARED_MOBILE_NUMBER',
          cif: CIF[21],
          message: 'A mobile number of this customer is also held by another open CIF',
        },
      ]);
    });

    it('never replaces a snapshot with an older extraction: STALE_SNAPSHOT', async () => {
      const cif = person(CIF[22], 'ACTIVE', { type: 'CMND', number: CMND[22] }, MOBILE[13]);
      await load(ndjson({ ...cif, extractedAt: '2026-11-30T10:00:00Z', fullName: 'Mới' })).expect(200);
      const res = await load(
        ndjson(
          { ...cif, extractedAt: '2026-11-29T10:00:00Z', fullName: 'Cũ' },
          { ...cif, cif: CIF[23], legalIds: [{ type: 'CMND', number: CMND[23] }], mobileNumbers: [] },
        ),
      ).expect(200);
      expect(res.body).toEqual({
        received: 2,
        loaded: 1,
        rejected: [
          {
            line: 1,
            code: 'STALE_SNAPSHOT',
            message: 'The ODS already holds a later extraction of this CIF',
          },
        ],
      });
      const read = await lookup({ legalId: CMND[22] }).expect(200);
      expect(read.body.data[0].basicInfo.fullName).toBe('Mới');
      expect(read.body.data[0].dataAsOf.extractedAt).toBe('2026-11-30T10:00:00.000Z');
    });

    it('refuses a line without extractedAt, or with one that is not an RFC 3339 date-time', async () => {
      const line = person(CIF[24], 'ACTIVE', { type: 'CMND', number: CMND[24] }, MOBILE[14]);
      const res = await load(
        [JSON.stringify(line), JSON.stringify({ ...line, extractedAt: '30/11/2026' })].join('\n') + '\n',
      ).expect(200);
      expect(res.body.rejected).toEqual([
        { line: 1, code: 'VALIDATION_FAILED', message: 'extractedAt: is required' },
        {
          line: 2,
          code: 'VALIDATION_FAILED',
          message: 'extractedAt: must be an RFC 3339 date-time such as 2026-10-31T18:00:00Z',
        },
      ]);
    });
  });

  describe('audit and documentation', () => {
    it('writes an audit record per lookup with hashed identifiers only', async () => {
      if (!t.dataSource) return expect(t.app).toBeNull(); // a deployed hub: its database is not ours to read
      await lookup({ legalId: CMND[70], mobileNumber: MOBILE[1] })
        .set('X-Request-Id', 'audit-e2e-1')
        .expect(409);
      const rows = await t.dataSource.query(
        `SELECT * FROM platform_audit_records WHERE request_id = 'audit-e2e-1'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor: 'rm-e2e',
        action: 'customer-summary.lookup',
        outcome: 'DUPLICATE_CIF',
      });
      expect(rows[0].details).toEqual({ matchedCount: 2, identifiers: ['legalId', 'mobileNumber'] });
      expect(rows[0].subject_hashes).toHaveLength(2);
      expect(JSON.stringify(rows[0])).not.toMatch(new RegExp(`${CMND[70]}|${MOBILE[1].slice(1)}`));
    });

    it('logs no identifier, name nor CIF of a looked-up customer in clear', async () => {
      if (remote) return expect(t.app).toBeNull(); // a deployed hub's logs are not ours to read
      expect(logs.lines.length).toBeGreaterThan(0);
      for (const secret of [
        CCCD_FULL,
        MOBILE[0].slice(1),
        CMND[70],
        MOBILE[1].slice(1),
        PASSPORT_N,
        'Đặng Thị Hương',
        'huong.dang',
        '1995-07-20',
        CIF[2],
        CIF[3],
      ]) {
        expect(logs.text).not.toContain(secret);
      }
    });

    it('documents getCusSummary and the bulk load in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      expect(doc.paths['/api/v1/customer-summary'].post.operationId).toBe('getCusSummary');
      const bulk = Object.entries(doc.paths).find(([p]) => p.includes('/api/v1/ods/customers'));
      expect(bulk?.[0]).toBe('/api/v1/ods/customers:bulk');
    });

    it("documents the new fields, and the bulk load's Swagger example loads as it is", async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      const summary = doc.components.schemas.CustomerSummaryResponseDto;
      expect(summary.required).toEqual(expect.arrayContaining(['dataAsOf', 'dataQualityFlags']));
      expect(doc.components.schemas.GetCusSummaryResponseDto.required).toContain('warnings');
      // A named enum: the property refers to it.
      const codeRef: string = doc.components.schemas.SummaryWarningDto.properties.code.$ref;
      expect(doc.components.schemas[codeRef.split('/').pop() as string].enum).toEqual([
        'STALE_DATA',
        'CCCD_BIRTH_YEAR_MISMATCH',
        'CCCD_GENDER_MISMATCH',
        'SHARED_LEGAL_ID',
        'SHARED_MOBILE_NUMBER',
      ]);
      expect(Object.keys(doc.paths['/api/v1/customer-summary'].post.responses)).toContain('503');
      const example: string =
        doc.paths['/api/v1/ods/customers:bulk'].post.requestBody.content['application/x-ndjson'].schema
          .examples[0];
      // Against a deployed hub the example's CIFs may hold a later extraction already (STALE_SNAPSHOT).
      const res = await load(`${example}\n`).expect(200);
      expect(res.body.received).toBe(2);
      expect(res.body.rejected.filter((r: { code: string }) => r.code !== 'STALE_SNAPSHOT')).toEqual([]);
    });
  });
});
