import { createHash } from 'node:crypto';
import { parseCsv } from '@hub/shared-kernel';
import { CSV_COLUMNS } from '@hub/card-registry';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import { RUN_ID as RUN } from '../support/run-keys';

/** Tests that also look into the database (or call a library function) run only against the in-process app. */
const localIt = remote ? it.skip : it;

const BASE = '/card-registry/v1';
/** Unique per run: the suite can run twice against one deployed hub. */
let seq = 0;

function privateCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'PRIVATE',
    salutation: 'Ms',
    firstName: 'Lan',
    lastName: 'Tran',
    dateOfBirth: '1988-03-02',
    email: 'lan.tran@example.vn',
    phoneNumber: '024 3825 1234',
    mobileNumber: '0912 345 678',
    address: { address1: '5 Trang Tien', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: `CRM-E2E-${RUN}-${seq}`,
    regNo: `E2E-REG-${seq}-${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  };
}

function corporateCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'CORPORATE',
    name: 'Cost centre "North", Logistics',
    address: {
      address1: '1 Nguyen Hue',
      address2: 'Floor 9',
      city: 'Ho Chi Minh City',
      zipCode: '700000',
      country: 'VNM',
    },
    locale: 'en-GB',
    customerNumber: `VAT-E2E-${RUN}-${seq}`,
    regNo: `0312-${seq}-${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  };
}

describe('card registry (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let writerA: string;
  let readerA: string;
  let writerB: string;
  let readerB: string;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    writerA = await t.bearer(['cards:write', 'cards:read'], { sub: 'issuer-a', institutionId: 'INST-A' });
    readerA = await t.bearer(['cards:read'], { sub: 'issuer-a-reader', institutionId: 'INST-A' });
    writerB = await t.bearer(['cards:write', 'cards:read'], { sub: 'issuer-b', institutionId: 'INST-B' });
    readerB = await t.bearer(['cards:read'], { sub: 'issuer-b-reader', institutionId: 'INST-B' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = (auth: string, body: Record<string, unknown>) =>
    t.http.post(`${BASE}/customers`).set('Authorization', auth).send(body);

  it('documents every route in the OpenAPI document with its scope', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const ops: Record<string, [string, string, string]> = {
      createCardCustomer: ['post', '/card-registry/v1/customers', 'cards:write'],
      searchCardCustomers: ['get', '/card-registry/v1/customers', 'cards:read'],
      getCardCustomer: ['get', '/card-registry/v1/customers/{id}', 'cards:read'],
      patchCardCustomer: ['patch', '/card-registry/v1/customers/{id}', 'cards:write'],
      getCardCustomerHistory: ['get', '/card-registry/v1/customers/{id}/history', 'cards:read'],
      createCardAccount: ['post', '/card-registry/v1/accounts', 'cards:write'],
      createCard: ['post', '/card-registry/v1/cards', 'cards:write'],
      exportCardCustomers: ['get', '/card-registry/v1/exports/customers', 'cards:read'],
    };
    for (const [operationId, [method, path, scope]] of Object.entries(ops)) {
      const op = doc.paths[path]?.[method];
      expect(op?.operationId).toBe(operationId);
      expect(op['x-required-scopes']).toEqual([scope]);
    }
    expect(doc.paths['/card-registry/v1/customers/{id}'].patch.responses['412']).toBeDefined();
    expect(doc.paths['/card-registry/v1/cards'].post.responses['422']).toBeDefined();
  });

  describe('auth', () => {
    it('refuses a token without institutionId (403 INSTITUTION_REQUIRED), a missing scope (403) and no token (401)', async () => {
      const noInstitution = await t.bearer(['cards:write', 'cards:read']);
      const res = await create(noInstitution, privateCustomer()).expect(403);
      expect(res.body.code).toBe('INSTITUTION_REQUIRED');
      await t.http.get(`${BASE}/exports/customers`).set('Authorization', noInstitution).expect(403);
      await create(readerA, privateCustomer()).expect(403);
      await t.http.get(`${BASE}/customers?regNo=X`).expect(401);
    });
  });

  describe('create', () => {
    it('creates a private customer: 201, version 1, ETag "1", phones in E.164, normalised fields', async () => {
      const res = await create(writerA, privateCustomer({ regNo: ` 079 090 ${RUN.toLowerCase()} ` })).expect(
        201,
      );
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`${BASE}/customers/${res.body.id}`);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        institutionId: 'INST-A',
        type: 'PRIVATE',
        salutation: 'Ms',
        firstName: 'Lan',
        middleName: null,
        lastName: 'Tran',
        name: null,
        dateOfBirth: '1988-03-02',
        email: 'lan.tran@example.vn',
        phoneNumber: '+842438251234',
        mobileNumber: '+84912345678',
        address: {
          address1: '5 Trang Tien',
          address2: null,
          city: 'Ha Noi',
          zipCode: '100000',
          country: 'VNM',
        },
        additionalAddresses: [],
        locale: 'vi-VN',
        nationality: null,
        countryOfBirth: null,
        customerNumber: expect.stringMatching(/^CRM-E2E-/),
        regNo: `079090${RUN}`,
        cardScope: 'SHARED',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: res.body.createdAt,
      });
    });

    it('creates a corporate customer (a cost centre) with only its required fields', async () => {
      const res = await create(writerA, corporateCustomer()).expect(201);
      expect(res.body).toMatchObject({
        type: 'CORPORATE',
        name: 'Cost centre "North", Logistics',
        firstName: null,
        locale: 'en-GB',
        cardScope: 'SHARED',
      });
    });

    it.each([
      ['type', (b: Record<string, unknown>) => delete b.type],
      ['firstName', (b: Record<string, unknown>) => delete b.firstName],
      ['lastName', (b: Record<string, unknown>) => delete b.lastName],
      ['address', (b: Record<string, unknown>) => delete b.address],
      [
        'address.address1',
        (b: Record<string, unknown>) => delete (b.address as Record<string, unknown>).address1,
      ],
      ['address.city', (b: Record<string, unknown>) => delete (b.address as Record<string, unknown>).city],
      [
        'address.zipCode',
        (b: Record<string, unknown>) => delete (b.address as Record<string, unknown>).zipCode,
      ],
      [
        'address.country',
        (b: Record<string, unknown>) => delete (b.address as Record<string, unknown>).country,
      ],
      ['locale', (b: Record<string, unknown>) => delete b.locale],
      ['customerNumber', (b: Record<string, unknown>) => delete b.customerNumber],
      ['regNo', (b: Record<string, unknown>) => delete b.regNo],
    ])('a private customer without %s is 400 naming the field', async (field, strip) => {
      const body = privateCustomer();
      body.address = { ...(body.address as object) };
      strip(body);
      const res = await create(writerA, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('a corporate customer without name is 400 naming name', async () => {
      const body = corporateCustomer();
      delete body.name;
      const res = await create(writerA, body).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'name', issues: ['required'] })]);
    });

    it.each([
      ['email', { email: 'lan.tran@' }],
      ['mobileNumber', { mobileNumber: '0912' }],
      ['phoneNumber', { phoneNumber: 'not a phone' }],
      ['dateOfBirth', { dateOfBirth: '1988-02-30' }],
      ['dateOfBirth', { dateOfBirth: '2999-01-01' }],
      ['locale', { locale: 'vi__VN' }],
      ['address.country', { address: { address1: 'a', city: 'b', zipCode: '1', country: 'VN' } }],
      ['address.country', { address: { address1: 'a', city: 'b', zipCode: '1', country: 'XYZ' } }],
      ['cardScope', { cardScope: 'SOMETIMES' }],
      ['nickname', { nickname: 'Lanny' }],
    ])('a bad %s is 400 naming the field (%p)', async (field, override) => {
      const res = await create(writerA, privateCustomer(override)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    });

    it('answers in Vietnamese when asked', async () => {
      const res = await create(writerA, privateCustomer({ email: 'x' }))
        .set('Accept-Language', 'vi')
        .expect(400);
      expect(res.body.message).toBe('Dữ liệu yêu cầu không hợp lệ');
    });
  });

  describe('one customer once', () => {
    it('a duplicate regNo is 409 CUSTOMER_EXISTS with the existing id; case and spaces do not matter', async () => {
      const first = await create(writerA, privateCustomer({ regNo: `DUP-001-${RUN}` })).expect(201);
      const res = await create(
        writerA,
        corporateCustomer({ regNo: ` dup-001-${RUN.toLowerCase()} ` }),
      ).expect(409);
      expect(res.body).toMatchObject({
        code: 'CUSTOMER_EXISTS',
        details: [{ existingCustomerId: first.body.id }],
      });
    });

    it('the same regNo in another institution is a separate customer', async () => {
      await create(writerA, privateCustomer({ regNo: `DUP-002-${RUN}` })).expect(201);
      const other = await create(writerB, privateCustomer({ regNo: `DUP-002-${RUN}` })).expect(201);
      expect(other.body.institutionId).toBe('INST-B');
    });

    it('a DEDICATED wallet customer may repeat a regNo (more than once), a SHARED one may not', async () => {
      const shared = await create(writerA, privateCustomer({ regNo: `DUP-003-${RUN}` })).expect(201);
      const w1 = await create(
        writerA,
        privateCustomer({ regNo: `DUP-003-${RUN}`, cardScope: 'DEDICATED' }),
      ).expect(201);
      const w2 = await create(
        writerA,
        privateCustomer({ regNo: `DUP-003-${RUN}`, cardScope: 'DEDICATED' }),
      ).expect(201);
      expect(w1.body.cardScope).toBe('DEDICATED');
      expect(new Set([shared.body.id, w1.body.id, w2.body.id]).size).toBe(3);
      await create(writerA, privateCustomer({ regNo: `DUP-003-${RUN}`, cardScope: 'SHARED' })).expect(409);
      const search = await t.http
        .get(`${BASE}/customers?regNo=dup-003-${RUN.toLowerCase()}`)
        .set('Authorization', readerA)
        .expect(200);
      expect(search.body.total).toBe(3);
    });

    it('parallel creates of one regNo give exactly one 201 and 409s naming it', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => create(writerA, privateCustomer({ regNo: `RACE-001-${RUN}` }))),
      );
      const created = results.filter((r) => r.status === 201);
      const conflicts = results.filter((r) => r.status === 409);
      expect(created).toHaveLength(1);
      expect(conflicts).toHaveLength(11);
      for (const c of conflicts) expect(c.body.details).toEqual([{ existingCustomerId: created[0].body.id }]);
      const search = await t.http
        .get(`${BASE}/customers?regNo=RACE-001-${RUN}`)
        .set('Authorization', readerA)
        .expect(200);
      expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([created[0].body.id]);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays a create with the same key and body; refuses the key with another body', async () => {
      const body = privateCustomer();
      const first = await create(writerA, body).set('Idempotency-Key', `cust-key-${RUN}`).expect(201);
      const replay = await create(writerA, body).set('Idempotency-Key', `cust-key-${RUN}`).expect(201);
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers.etag).toBe('"1"');
      const reused = await create(writerA, privateCustomer())
        .set('Idempotency-Key', `cust-key-${RUN}`)
        .expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('reads, PATCH and history', () => {
    it('GET returns the customer with its ETag; search finds it by regNo and customerNumber', async () => {
      const c = await create(writerA, privateCustomer()).expect(201);
      const got = await t.http
        .get(`${BASE}/customers/${c.body.id}`)
        .set('Authorization', readerA)
        .expect(200);
      expect(got.body).toEqual(c.body);
      expect(got.headers.etag).toBe('"1"');
      const byNumber = await t.http
        .get(`${BASE}/customers`)
        .query({ customerNumber: c.body.customerNumber })
        .set('Authorization', readerA)
        .expect(200);
      expect(byNumber.body).toEqual({ items: [c.body], total: 1, page: 1, pageSize: 50 });
      // No filter: the institution's customers, a page at a time (only its own).
      const all = await t.http.get(`${BASE}/customers`).set('Authorization', readerA).expect(200);
      expect(all.body).toMatchObject({ page: 1, pageSize: 50 });
      expect(all.body.total).toBeGreaterThanOrEqual(1);
      expect(
        all.body.items.every((x: { institutionId: string }) => x.institutionId === c.body.institutionId),
      ).toBe(true);
      const one = await t.http
        .get(`${BASE}/customers`)
        .query({ page: 1, pageSize: 1 })
        .set('Authorization', readerA)
        .expect(200);
      expect(one.body).toMatchObject({ total: all.body.total, page: 1, pageSize: 1 });
      expect(one.body.items).toHaveLength(1);
      await t.http.get(`${BASE}/customers`).query({ pageSize: 0 }).set('Authorization', readerA).expect(400);
      await t.http
        .get(`${BASE}/customers/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
        .set('Authorization', readerA)
        .expect(404);
      await t.http.get(`${BASE}/customers/not-a-uuid`).set('Authorization', readerA).expect(404);
    });

    it('PATCH with the current version applies (ETag "2"), with a stale one is 412, and history keeps every version oldest first', async () => {
      const c = await create(writerA, privateCustomer()).expect(201);
      const id = c.body.id;
      const v2 = await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerA)
        .set('If-Match', '"1"')
        .send({ email: 'lan.new@example.vn', address: { city: 'Hue' }, middleName: 'Thi' })
        .expect(200);
      expect(v2.headers.etag).toBe('"2"');
      expect(v2.body).toMatchObject({
        version: 2,
        email: 'lan.new@example.vn',
        middleName: 'Thi',
        address: { address1: '5 Trang Tien', city: 'Hue' },
      });

      const stale = await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerA)
        .set('If-Match', '"1"')
        .send({ email: 'x@example.vn' })
        .expect(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', details: [{ currentVersion: 2 }] });

      const v3 = await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerA)
        .send({ middleName: null, mobileNumber: '+84 987 654 321' })
        .expect(200);
      expect(v3.body).toMatchObject({ version: 3, middleName: null, mobileNumber: '+84987654321' });

      const bad = await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerA)
        .set('If-Match', '"3"')
        .send({ lastName: null })
        .expect(400);
      expect(bad.body.details).toEqual([
        expect.objectContaining({ field: 'lastName', issues: ['required'] }),
      ]);
      await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerA)
        .send({ cardScope: 'DEDICATED' })
        .expect(400);

      const history = await t.http
        .get(`${BASE}/customers/${id}/history`)
        .set('Authorization', readerA)
        .expect(200);
      expect(history.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      const versions = history.body.items;
      expect(versions.map((h: { version: number }) => h.version)).toEqual([1, 2, 3]);
      expect(versions[0].data).toEqual(c.body);
      expect(versions[1].data).toMatchObject({
        version: 2,
        email: 'lan.new@example.vn',
        address: { city: 'Hue' },
      });
      expect(versions[2].data).toMatchObject({ version: 3, middleName: null });
      expect(versions.every((h: { receivedAt: string }) => !Number.isNaN(Date.parse(h.receivedAt)))).toBe(
        true,
      );

      // Paginated as every list is: oldest first, the total on every page, an empty page past the end.
      const pages = await Promise.all(
        [1, 2, 3].map((page) =>
          t.http
            .get(`${BASE}/customers/${id}/history`)
            .query({ page, pageSize: 2 })
            .set('Authorization', readerA)
            .expect(200),
        ),
      );
      expect(
        pages.map(({ body }) => [
          body.items.map((h: { version: number }) => h.version),
          body.total,
          body.page,
        ]),
      ).toEqual([
        [[1, 2], 3, 1],
        [[3], 3, 2],
        [[], 3, 3],
      ]);
      expect(pages[1].body.items[0]).toEqual(versions[2]);
      for (const query of ['page=0', 'pageSize=0', 'pageSize=501', 'page=x']) {
        const res = await t.http
          .get(`${BASE}/customers/${id}/history?${query}`)
          .set('Authorization', readerA)
          .expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }

      const current = await t.http.get(`${BASE}/customers/${id}`).set('Authorization', readerA).expect(200);
      expect(current.body).toEqual(v3.body);
    });

    it('a malformed If-Match is 400 naming the header; a well-formed tag of no current version is 412', async () => {
      const c = await create(writerA, privateCustomer()).expect(201);
      const patch = (ifMatch: string) =>
        t.http
          .patch(`${BASE}/customers/${c.body.id}`)
          .set('Authorization', writerA)
          .set('If-Match', ifMatch)
          .send({ middleName: 'Q' });
      for (const header of ['garbage', '"1" junk', '"1', '*, "1"']) {
        const res = await patch(header).expect(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'If-Match' })],
        });
      }
      for (const header of ['W/"1"', '"abc"', '"99999999999"']) {
        expect((await patch(header).expect(412)).body.code).toBe('VERSION_MISMATCH');
      }
      expect(
        (await t.http.get(`${BASE}/customers/${c.body.id}`).set('Authorization', readerA).expect(200)).body
          .version,
      ).toBe(1);
      await patch('"1", "7"').expect(200);
    });

    it('bad search input is 400, never 500', async () => {
      for (const query of [
        'regNo=%00',
        'customerNumber=A%00B',
        'regNo=a&regNo=b',
        `regNo=${'x'.repeat(65)}`,
        'regNo=%20',
        'page=0',
        'pageSize=501',
        'page=x',
      ]) {
        const res = await t.http.get(`${BASE}/customers?${query}`).set('Authorization', readerA).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('parallel PATCHes with the same If-Match: exactly one wins', async () => {
      const c = await create(writerA, privateCustomer()).expect(201);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.http
            .patch(`${BASE}/customers/${c.body.id}`)
            .set('Authorization', writerA)
            .set('If-Match', '"1"')
            .send({ customerNumber: `PAR-${i}` }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(5);
    });

    it('a PATCH moving regNo onto another SHARED customer is 409 CUSTOMER_EXISTS', async () => {
      const a = await create(writerA, privateCustomer({ regNo: `MOVE-1-${RUN}` })).expect(201);
      const b = await create(writerA, privateCustomer({ regNo: `MOVE-2-${RUN}` })).expect(201);
      const res = await t.http
        .patch(`${BASE}/customers/${b.body.id}`)
        .set('Authorization', writerA)
        .send({ regNo: `MOVE-1-${RUN}` })
        .expect(409);
      expect(res.body.details).toEqual([{ existingCustomerId: a.body.id }]);
    });
  });

  describe('accounts, cards and the wallet rules', () => {
    let owner: { id: string };
    let accountId: string;

    beforeAll(async () => {
      owner = (await create(writerA, privateCustomer({ regNo: `WALLET-OWNER-${RUN}` })).expect(201)).body;
      const account = await t.http
        .post(`${BASE}/accounts`)
        .set('Authorization', writerA)
        .send({ ownerCustomerId: owner.id, currency: 'VND', creditLimit: '50000000' })
        .expect(201);
      expect(account.body).toMatchObject({
        ownerCustomerId: owner.id,
        currency: 'VND',
        creditLimit: '50000000.00',
        institutionId: 'INST-A',
      });
      accountId = account.body.id;
    });

    const card = (body: Record<string, unknown>, auth = writerA) =>
      t.http.post(`${BASE}/cards`).set('Authorization', auth).send(body);

    it('issues a plain card to the SHARED owner', async () => {
      const res = await card({
        accountId,
        cardholderCustomerId: owner.id,
        digitalWalletEnabled: false,
        embossName: 'Lan Tran',
      }).expect(201);
      expect(res.body).toMatchObject({
        accountId,
        cardholderCustomerId: owner.id,
        digitalWalletEnabled: false,
        embossName: 'LAN TRAN',
      });
    });

    it('a wallet card for a SHARED cardholder is 422 WALLET_CARDHOLDER_NOT_DEDICATED', async () => {
      const res = await card({
        accountId,
        cardholderCustomerId: owner.id,
        digitalWalletEnabled: true,
      }).expect(422);
      expect(res.body.code).toBe('WALLET_CARDHOLDER_NOT_DEDICATED');
    });

    it('a wallet card for a DEDICATED cardholder without a mobile is 422 WALLET_CARDHOLDER_NO_MOBILE', async () => {
      const holder = await create(
        writerA,
        privateCustomer({ regNo: `WALLET-OWNER-${RUN}`, cardScope: 'DEDICATED', mobileNumber: undefined }),
      ).expect(201);
      const res = await card({
        accountId,
        cardholderCustomerId: holder.body.id,
        digitalWalletEnabled: true,
      }).expect(422);
      expect(res.body.code).toBe('WALLET_CARDHOLDER_NO_MOBILE');
    });

    it('a DEDICATED cardholder with a mobile gets one wallet card, and no second card (422 CARDHOLDER_ALREADY_HAS_CARD)', async () => {
      const holder = await create(
        writerA,
        privateCustomer({ regNo: `WALLET-OWNER-${RUN}`, cardScope: 'DEDICATED' }),
      ).expect(201);
      const first = await card({
        accountId,
        cardholderCustomerId: holder.body.id,
        digitalWalletEnabled: true,
      }).expect(201);
      expect(first.body.digitalWalletEnabled).toBe(true);
      const second = await card({
        accountId,
        cardholderCustomerId: holder.body.id,
        digitalWalletEnabled: true,
      }).expect(422);
      expect(second.body.code).toBe('CARDHOLDER_ALREADY_HAS_CARD');
      const plain = await card({
        accountId,
        cardholderCustomerId: holder.body.id,
        digitalWalletEnabled: false,
      }).expect(422);
      expect(plain.body.code).toBe('CARDHOLDER_ALREADY_HAS_CARD');
    });

    it('parallel wallet cards for one DEDICATED cardholder: exactly one', async () => {
      const holder = await create(
        writerA,
        privateCustomer({ regNo: `WALLET-OWNER-${RUN}`, cardScope: 'DEDICATED' }),
      ).expect(201);
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          card({ accountId, cardholderCustomerId: holder.body.id, digitalWalletEnabled: true }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(
        results.filter((r) => r.status === 422).every((r) => r.body.code === 'CARDHOLDER_ALREADY_HAS_CARD'),
      ).toBe(true);
    });

    it('replays a card create with the same Idempotency-Key', async () => {
      const body = { accountId, cardholderCustomerId: owner.id, digitalWalletEnabled: false };
      const a = await card(body).set('Idempotency-Key', `card-key-${RUN}`).expect(201);
      const b = await card(body).set('Idempotency-Key', `card-key-${RUN}`).expect(201);
      expect(b.body.id).toBe(a.body.id);
    });

    it('unknown account or customer is 404; bad input is 400', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(
        (
          await card({
            accountId: unknown,
            cardholderCustomerId: owner.id,
            digitalWalletEnabled: false,
          }).expect(404)
        ).body.code,
      ).toBe('ACCOUNT_NOT_FOUND');
      expect(
        (await card({ accountId, cardholderCustomerId: unknown, digitalWalletEnabled: false }).expect(404))
          .body.code,
      ).toBe('CUSTOMER_NOT_FOUND');
      await card({ accountId, cardholderCustomerId: owner.id }).expect(400);
      await t.http
        .post(`${BASE}/accounts`)
        .set('Authorization', writerA)
        .send({ ownerCustomerId: unknown, currency: 'VND' })
        .expect(404);
      const badCurrency = await t.http
        .post(`${BASE}/accounts`)
        .set('Authorization', writerA)
        .send({ ownerCustomerId: owner.id, currency: 'XXY' })
        .expect(400);
      expect(badCurrency.body.details).toEqual([expect.objectContaining({ field: 'currency' })]);
    });
  });

  describe('institutions never see each other (404, never 403)', () => {
    it("refuses reads, writes and exports of another institution's rows", async () => {
      const c = await create(writerA, privateCustomer({ regNo: `ISO-A-1-${RUN}` })).expect(201);
      const account = await t.http
        .post(`${BASE}/accounts`)
        .set('Authorization', writerA)
        .send({ ownerCustomerId: c.body.id, currency: 'EUR' })
        .expect(201);
      const id = c.body.id;

      expect(
        (await t.http.get(`${BASE}/customers/${id}`).set('Authorization', readerB).expect(404)).body.code,
      ).toBe('CUSTOMER_NOT_FOUND');
      await t.http.get(`${BASE}/customers/${id}/history`).set('Authorization', readerB).expect(404);
      await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerB)
        .send({ email: 'hijack@example.vn' })
        .expect(404);
      await t.http
        .patch(`${BASE}/customers/${id}`)
        .set('Authorization', writerB)
        .set('If-Match', '"1"')
        .send({ email: 'hijack@example.vn' })
        .expect(404);
      await t.http
        .post(`${BASE}/accounts`)
        .set('Authorization', writerB)
        .send({ ownerCustomerId: id, currency: 'EUR' })
        .expect(404);
      const bHolder = await create(writerB, privateCustomer()).expect(201);
      await t.http
        .post(`${BASE}/cards`)
        .set('Authorization', writerB)
        .send({
          accountId: account.body.id,
          cardholderCustomerId: bHolder.body.id,
          digitalWalletEnabled: false,
        })
        .expect(404);
      const search = await t.http
        .get(`${BASE}/customers?regNo=ISO-A-1-${RUN}`)
        .set('Authorization', readerB)
        .expect(200);
      expect(search.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
      const exportB = await t.http
        .get(`${BASE}/exports/customers?format=ndjson`)
        .set('Authorization', readerB)
        .expect(200);
      expect(exportB.text).not.toContain(id);

      const unchanged = await t.http.get(`${BASE}/customers/${id}`).set('Authorization', readerA).expect(200);
      expect(unchanged.body.version).toBe(1);
    });
  });

  describe('export', () => {
    let exporter: string;
    let writer: string;
    const ids: string[] = [];
    let between: string;

    beforeAll(async () => {
      writer = await t.bearer(['cards:write', 'cards:read'], {
        sub: 'exp',
        institutionId: `INST-EXPORT-${RUN}`,
      });
      exporter = await t.bearer(['cards:read'], { sub: 'exp-reader', institutionId: `INST-EXPORT-${RUN}` });
      ids.push((await create(writer, privateCustomer()).expect(201)).body.id);
      ids.push((await create(writer, corporateCustomer()).expect(201)).body.id);
      await new Promise((r) => setTimeout(r, 20));
      between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));
      ids.push(
        (
          await create(
            writer,
            privateCustomer({
              address: {
                address1: 'Line "one", A',
                address2: 'Floor 2, "Annex"',
                city: 'Hue',
                zipCode: '530000',
                country: 'VNM',
              },
            }),
          ).expect(201)
        ).body.id,
      );
      await t.http
        .patch(`${BASE}/customers/${ids[0]}`)
        .set('Authorization', writer)
        .send({ email: 'changed@example.vn' })
        .expect(200);
    });

    it('NDJSON: one current-version object per line, oldest change first', async () => {
      const res = await t.http
        .get(`${BASE}/exports/customers?format=ndjson`)
        .set('Authorization', exporter)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = res.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.id)).toEqual([ids[1], ids[2], ids[0]]);
      expect(lines[2]).toMatchObject({
        version: 2,
        email: 'changed@example.vn',
        institutionId: `INST-EXPORT-${RUN}`,
      });
      const got = await t.http.get(`${BASE}/customers/${ids[2]}`).set('Authorization', exporter).expect(200);
      expect(lines[1]).toEqual(got.body);
    });

    it('CSV: one header row, RFC 4180 escaping, one row per customer', async () => {
      const res = await t.http
        .get(`${BASE}/exports/customers?format=csv`)
        .set('Authorization', exporter)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const records = parseCsv(res.text);
      expect(records[0]).toEqual([...CSV_COLUMNS]);
      expect(records).toHaveLength(4);
      const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
      expect(records[1][col('name')]).toBe('Cost centre "North", Logistics');
      expect(records[2][col('address1')]).toBe('Line "one", A');
      expect(records[2][col('address2')]).toBe('Floor 2, "Annex"');
      expect(res.text).toContain('"Line ""one"", A"');
      expect(records[3][col('version')]).toBe('2');
    });

    it('changedSince keeps only customers changed at or after the time', async () => {
      const res = await t.http
        .get(`${BASE}/exports/customers`)
        .query({ format: 'csv', changedSince: between })
        .set('Authorization', exporter)
        .expect(200);
      const records = parseCsv(res.text);
      expect(records.slice(1).map((r) => r[0])).toEqual([ids[2], ids[0]]);
      const none = await t.http
        .get(`${BASE}/exports/customers`)
        .query({ format: 'ndjson', changedSince: '2999-01-01T00:00:00Z' })
        .set('Authorization', exporter)
        .expect(200);
      expect(none.text).toBe('');
    });

    localIt(
      'a client that hangs up mid-export frees its database connection (12 aborts > pool of 10)',
      async () => {
        await t.dataSource!.query(
          `INSERT INTO card_customers (id, institution_id, type, card_scope, first_name, last_name, address1, city, zip_code, country, locale,
            customer_number, reg_no, version, created_at, updated_at)
         SELECT gen_random_uuid(), 'INST-ABORT', 'PRIVATE', 'SHARED', 'A', 'B' || i, 'x', 'y', '1', 'VNM', 'vi-VN', 'C' || i, 'R' || i, 1, now(), now()
           FROM generate_series(1, 20000) AS i`,
        );
        const reader = await t.token(['cards:read'], { institutionId: 'INST-ABORT' });
        const { request } = await import('node:http');
        const port = new URL(t.http.get('/').url).port;
        for (let i = 0; i < 12; i++) {
          await new Promise<void>((resolve, reject) => {
            const req = request(
              {
                host: '127.0.0.1',
                port,
                path: `${BASE}/exports/customers?format=csv`,
                headers: { authorization: `Bearer ${reader}` },
              },
              (res) => {
                res.once('data', () => {
                  req.destroy();
                  resolve();
                });
              },
            );
            req.on('error', (e) =>
              (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e),
            );
            req.end();
          });
        }
        await new Promise((r) => setTimeout(r, 200));
        const res = await t.http
          .get(`${BASE}/exports/customers?format=ndjson`)
          .set('Authorization', `Bearer ${reader}`)
          .expect(200);
        expect(res.text.split('\n').filter(Boolean)).toHaveLength(20000);
        const [{ n }] = await t.dataSource!.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND query LIKE '%FROM card_customers WHERE institution_id%' AND pid <> pg_backend_pid()`,
        );
        expect(n).toBe(0);
      },
    );

    it('refuses a bad format or changedSince', async () => {
      await t.http.get(`${BASE}/exports/customers?format=xml`).set('Authorization', exporter).expect(400);
      await t.http
        .get(`${BASE}/exports/customers?changedSince=yesterday`)
        .set('Authorization', exporter)
        .expect(400);
    });

    localIt(
      'the CLI export file has the same content plus a trailer with row count and SHA-256',
      async () => {
        const { writeCustomerExportFile } = await import('@hub/card-registry');
        const { mkdtempSync, readFileSync } = await import('node:fs');
        const { join } = await import('node:path');
        const { tmpdir } = await import('node:os');
        const out = join(mkdtempSync(join(tmpdir(), 'cards-export-')), 'customers.csv');
        const result = await writeCustomerExportFile({
          dataSource: t.dataSource!,
          institutionId: `INST-EXPORT-${RUN}`,
          format: 'csv',
          changedSince: null,
          out,
        });
        const route = await t.http
          .get(`${BASE}/exports/customers?format=csv`)
          .set('Authorization', exporter)
          .expect(200);
        const file = readFileSync(out, 'utf8');
        const sha = createHash('sha256').update(route.text).digest('hex');
        expect(result).toMatchObject({ rows: 3, sha256: sha });
        expect(file).toBe(`${route.text}TRAILER,3,${sha}\r\n`);
      },
    );
  });
});
