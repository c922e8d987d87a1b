import { parseCsv } from '@hub/shared-kernel';
import { CSV_COLUMNS } from '@hub/card-registry';
import { createTestApp, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import { RUN_ID as RUN } from '../support/run-keys';

const BASE = '/card-registry/v1';
/** Unique per run: the suite can run twice against one deployed hub. */
const INST = `INST-LC-${RUN}`;
const OTHER = `INST-LC-OTHER-${RUN}`;
let seq = 0;

function customer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'PRIVATE',
    firstName: 'Mai',
    lastName: 'Pham',
    mobileNumber: '0912 345 678',
    address: { address1: '5 Trang Tien', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: `CRM-LC-${RUN}-${seq}`,
    regNo: `LC-${RUN}-${seq}`,
    ...overrides,
  };
}

describe('card registry: lifecycle, invariants after creation, Enfuce fields (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let writer: string;
  let reader: string;
  let otherWriter: string;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    writer = await t.bearer(['cards:write', 'cards:read'], { sub: 'lc', institutionId: INST });
    reader = await t.bearer(['cards:read'], { sub: 'lc-reader', institutionId: INST });
    otherWriter = await t.bearer(['cards:write', 'cards:read'], { sub: 'lc-other', institutionId: OTHER });
  });

  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, body: Record<string, unknown>, auth = writer) =>
    t.http.post(`${BASE}/${path}`).set('Authorization', auth).send(body);
  const patch = (path: string, body: Record<string, unknown>, ifMatch?: string, auth = writer) => {
    const req = t.http.patch(`${BASE}/${path}`).set('Authorization', auth);
    if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
    return req.send(body);
  };
  const get = (path: string, auth = reader) => t.http.get(`${BASE}/${path}`).set('Authorization', auth);

  /** A SHARED owner with an account, and a DEDICATED cardholder with a card (wallet on or off). */
  async function setup(wallet: boolean) {
    const owner = (await post('customers', customer()).expect(201)).body;
    const holder = (await post('customers', customer({ cardScope: 'DEDICATED' })).expect(201)).body;
    const account = (
      await post('accounts', { ownerCustomerId: owner.id, currency: 'VND', creditLimit: '1000000' }).expect(
        201,
      )
    ).body;
    const card = (
      await post('cards', {
        accountId: account.id,
        cardholderCustomerId: holder.id,
        digitalWalletEnabled: wallet,
        expiryDate: '2031-06',
      }).expect(201)
    ).body;
    return { owner, holder, account, card };
  }

  it('documents the new routes in the OpenAPI document with their scopes and error codes', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const ops: Record<string, [string, string, string, string[]]> = {
      getCardAccount: ['get', '/card-registry/v1/accounts/{id}', 'cards:read', ['404']],
      getCard: ['get', '/card-registry/v1/cards/{id}', 'cards:read', ['404']],
      patchCard: ['patch', '/card-registry/v1/cards/{id}', 'cards:write', ['400', '404', '412', '422']],
      getCardHistory: ['get', '/card-registry/v1/cards/{id}/history', 'cards:read', ['404']],
      getCardCustomerCards: ['get', '/card-registry/v1/customers/{id}/cards', 'cards:read', ['404']],
      exportCardAccounts: ['get', '/card-registry/v1/exports/accounts', 'cards:read', ['400']],
      exportCards: ['get', '/card-registry/v1/exports/cards', 'cards:read', ['400']],
      listCardExportFiles: ['get', '/card-registry/v1/export-files', 'cards:read', ['400']],
      downloadCardExportFile: ['get', '/card-registry/v1/export-files/{id}', 'cards:read', ['404']],
    };
    for (const [id, [method, path, scope, codes]] of Object.entries(ops)) {
      const op = doc.paths[path]?.[method];
      expect({ id, found: op?.operationId }).toEqual({ id, found: id });
      expect(op['x-required-scopes']).toEqual([scope]);
      for (const code of codes) expect(op.responses[code]).toBeDefined();
    }
    const card = doc.components.schemas.CardResponseDto.properties;
    expect(Object.keys(card)).toEqual(
      expect.arrayContaining(['status', 'expiryDate', 'version', 'updatedAt']),
    );
    // The create body is oneOf PRIVATE | CORPORATE; both carry these fields.
    const created = doc.components.schemas.CreatePrivateCustomerRequestDto.properties;
    expect(Object.keys(created)).toEqual(
      expect.arrayContaining(['nationality', 'countryOfBirth', 'additionalAddresses']),
    );
  });

  describe("Enfuce's customer model", () => {
    it('accepts fi_FI (stored fi-FI), nationality, countryOfBirth and additional addresses; history and exports show them', async () => {
      const since = new Date().toISOString();
      const res = await post(
        'customers',
        customer({
          locale: 'fi_FI',
          nationality: 'fin',
          countryOfBirth: 'SWE',
          additionalAddresses: [
            { type: 'CARD_DELIVERY', address1: 'Box 1', city: 'Espoo', zipCode: '02150', country: 'FIN' },
            { type: 'PIN_MAILER', address1: 'Box 2', city: 'Oulu', zipCode: '90100', country: 'fin' },
          ],
        }),
      ).expect(201);
      expect(res.body).toMatchObject({
        locale: 'fi-FI',
        nationality: 'FIN',
        countryOfBirth: 'SWE',
        additionalAddresses: [
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
            address2: null,
            city: 'Oulu',
            zipCode: '90100',
            country: 'FIN',
          },
        ],
      });
      const id = res.body.id;
      // A PATCH replaces the list (merge-patch: arrays are replaced); null clears it.
      const replaced = await patch(
        `customers/${id}`,
        {
          additionalAddresses: [
            { type: 'TEMPORARY', address1: 'Hotel 3', city: 'Da Nang', zipCode: '550000', country: 'VNM' },
          ],
        },
        '"1"',
      ).expect(200);
      expect(replaced.body.additionalAddresses.map((a: { type: string }) => a.type)).toEqual(['TEMPORARY']);
      const cleared = await patch(
        `customers/${id}`,
        { additionalAddresses: null, nationality: null },
        '"2"',
      ).expect(200);
      expect(cleared.body).toMatchObject({ additionalAddresses: [], nationality: null, version: 3 });

      const history = (await get(`customers/${id}/history`).expect(200)).body.items;
      expect(
        history.map((v: { data: { additionalAddresses: unknown[] } }) => v.data.additionalAddresses.length),
      ).toEqual([2, 1, 0]);
      expect(history[0].data).toMatchObject({ locale: 'fi-FI', nationality: 'FIN', countryOfBirth: 'SWE' });

      const ndjson = await get(
        `exports/customers?format=ndjson&changedSince=${encodeURIComponent(since)}`,
      ).expect(200);
      const line = ndjson.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((r: { id: string }) => r.id === id);
      expect(line).toMatchObject({ countryOfBirth: 'SWE', nationality: null, additionalAddresses: [] });
      const csv = await get(`exports/customers?format=csv&changedSince=${encodeURIComponent(since)}`).expect(
        200,
      );
      const records = parseCsv(csv.text);
      expect(records[0]).toEqual([...CSV_COLUMNS]);
      const row = records.find((r) => r[0] === id) as string[];
      expect(row[CSV_COLUMNS.indexOf('countryOfBirth')]).toBe('SWE');
      expect(row[CSV_COLUMNS.indexOf('additionalAddresses')]).toBe('[]');
      expect(row[CSV_COLUMNS.indexOf('locale')]).toBe('fi-FI');
    });

    it.each([
      ['nationality', { nationality: 'XX' }],
      ['countryOfBirth', { countryOfBirth: 'Finland' }],
      [
        'additionalAddresses.0.type',
        {
          additionalAddresses: [{ type: 'HOLIDAY', address1: 'a', city: 'b', zipCode: '1', country: 'VNM' }],
        },
      ],
      [
        'additionalAddresses.0.country',
        {
          additionalAddresses: [
            { type: 'STATEMENT', address1: 'a', city: 'b', zipCode: '1', country: 'ZZZ' },
          ],
        },
      ],
      ['additionalAddresses', { additionalAddresses: 'home' }],
      ['locale', { locale: 'fi__FI' }],
    ])('bad %s is 400 naming it', async (field, override) => {
      const res = await post('customers', customer(override)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.requestId).toEqual(expect.any(String));
    });

    it('two addresses of one type are 400', async () => {
      const a = { type: 'STATEMENT', address1: 'a', city: 'b', zipCode: '1', country: 'VNM' };
      const res = await post('customers', customer({ additionalAddresses: [a, a] })).expect(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'additionalAddresses.1.type', issues: ['unique'] }),
      ]);
    });
  });

  describe('invariants after creation', () => {
    it('removing the mobile of a wallet cardholder is 422 WALLET_CARDHOLDER_NO_MOBILE and changes nothing', async () => {
      const { holder } = await setup(true);
      const res = await patch(`customers/${holder.id}`, { mobileNumber: null }, '"1"').expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'WALLET_CARDHOLDER_NO_MOBILE' });
      const now = (await get(`customers/${holder.id}`).expect(200)).body;
      expect(now).toMatchObject({ version: 1, mobileNumber: '+84912345678' });
      expect((await get(`customers/${holder.id}/history`).expect(200)).body).toMatchObject({
        items: [{ version: 1 }],
        total: 1,
      });
      // Another mobile is fine; other fields are fine.
      await patch(
        `customers/${holder.id}`,
        { mobileNumber: '0987 654 321', email: 'm@example.vn' },
        '"1"',
      ).expect(200);
    });

    it('once the card is closed (or its wallet off), the mobile may go', async () => {
      const { holder, card } = await setup(true);
      await patch(`cards/${card.id}`, { status: 'CLOSED' }, '"1"').expect(200);
      await patch(`customers/${holder.id}`, { mobileNumber: null }).expect(200);
      const other = await setup(true);
      await patch(`cards/${other.card.id}`, { digitalWalletEnabled: false }).expect(200);
      await patch(`customers/${other.holder.id}`, { mobileNumber: null }).expect(200);
      // ...and turning the wallet on again checks the rules again.
      const res = await patch(`cards/${other.card.id}`, { digitalWalletEnabled: true }, '"2"').expect(422);
      expect(res.body.code).toBe('WALLET_CARDHOLDER_NO_MOBILE');
    });

    it('turning the wallet on for a SHARED cardholder is 422 WALLET_CARDHOLDER_NOT_DEDICATED', async () => {
      const { owner, account } = await setup(false);
      const plain = (
        await post('cards', {
          accountId: account.id,
          cardholderCustomerId: owner.id,
          digitalWalletEnabled: false,
        }).expect(201)
      ).body;
      const res = await patch(`cards/${plain.id}`, { digitalWalletEnabled: true }).expect(422);
      expect(res.body.code).toBe('WALLET_CARDHOLDER_NOT_DEDICATED');
    });

    it('a mobile removal and a wallet switch-on in parallel never both win', async () => {
      const pairs = await Promise.all(Array.from({ length: 4 }, () => setup(false)));
      await Promise.all(
        pairs.flatMap(({ holder, card }) => [
          patch(`customers/${holder.id}`, { mobileNumber: null }),
          patch(`cards/${card.id}`, { digitalWalletEnabled: true }),
        ]),
      );
      for (const { holder, card } of pairs) {
        const h = (await get(`customers/${holder.id}`).expect(200)).body;
        const c = (await get(`cards/${card.id}`).expect(200)).body;
        expect(c.digitalWalletEnabled && h.mobileNumber === null).toBe(false);
        expect(c.digitalWalletEnabled || h.mobileNumber === null).toBe(true); // exactly one of the two won
      }
    });
  });

  describe('card lifecycle', () => {
    it('reads a card (ETag), its account, and the cards of a customer', async () => {
      const { holder, account, card } = await setup(true);
      expect(card).toMatchObject({
        status: 'ACTIVE',
        expiryDate: '2031-06',
        version: 1,
        digitalWalletEnabled: true,
      });
      const res = await get(`cards/${card.id}`).expect(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toEqual(card);
      expect((await get(`accounts/${account.id}`).expect(200)).body).toEqual(
        expect.objectContaining({ id: account.id, currency: 'VND', creditLimit: '1000000.00' }),
      );
      expect((await get(`customers/${holder.id}/cards`).expect(200)).body).toEqual({
        items: [card],
        total: 1,
        page: 1,
        pageSize: 50,
      });
    });

    it('ACTIVE -> BLOCKED -> ACTIVE -> CLOSED with If-Match, one version each; CLOSED is terminal', async () => {
      const { card } = await setup(false);
      const blocked = await patch(`cards/${card.id}`, { status: 'BLOCKED' }, '"1"').expect(200);
      expect(blocked.headers.etag).toBe('"2"');
      expect(blocked.body).toMatchObject({ status: 'BLOCKED', version: 2 });
      await patch(`cards/${card.id}`, { status: 'ACTIVE', expiryDate: '2032-01' }, '"2"').expect(200);
      const stale = await patch(`cards/${card.id}`, { status: 'BLOCKED' }, '"2"').expect(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', details: [{ currentVersion: 3 }] });
      await patch(`cards/${card.id}`, { status: 'CLOSED' }, '"3"').expect(200);
      const reopen = await patch(`cards/${card.id}`, { status: 'ACTIVE' }, '"4"').expect(422);
      expect(reopen.body).toMatchObject({
        code: 'CARD_STATUS_TRANSITION_NOT_ALLOWED',
        details: [{ from: 'CLOSED', to: 'ACTIVE' }],
      });
      expect((await patch(`cards/${card.id}`, { expiryDate: '2033-01' }, '"4"').expect(422)).body.code).toBe(
        'CARD_CLOSED',
      );
      // Repeating the current state is no change (no new version).
      expect((await patch(`cards/${card.id}`, { status: 'CLOSED' }).expect(200)).body.version).toBe(4);
      const history = (await get(`cards/${card.id}/history`).expect(200)).body;
      expect(history).toMatchObject({ total: 4, page: 1, pageSize: 50 });
      expect(
        history.items.map((v: { version: number; data: { status: string } }) => [v.version, v.data.status]),
      ).toEqual([
        [1, 'ACTIVE'],
        [2, 'BLOCKED'],
        [3, 'ACTIVE'],
        [4, 'CLOSED'],
      ]);
      expect(history.items[2].data.expiryDate).toBe('2032-01');
      // A page of the history: oldest first, the total on every page, an empty page past the end.
      const [second, past] = await Promise.all([
        get(`cards/${card.id}/history?page=2&pageSize=3`).expect(200),
        get(`cards/${card.id}/history?page=3&pageSize=3`).expect(200),
      ]);
      expect(second.body).toEqual({ items: [history.items[3]], total: 4, page: 2, pageSize: 3 });
      expect(past.body).toEqual({ items: [], total: 4, page: 3, pageSize: 3 });
      expect((await get(`cards/${card.id}/history?pageSize=501`).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      // The cards of a customer page the same way (and the 400 is in the contract: the audit checks).
      const { holder } = await setup(false);
      expect((await get(`customers/${holder.id}/cards?page=1&pageSize=1`).expect(200)).body).toMatchObject({
        total: 1,
        page: 1,
        pageSize: 1,
      });
      expect((await get(`customers/${holder.id}/cards?pageSize=0`).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('a closed card keeps its DEDICATED customer: a new card for it is 422 CARDHOLDER_ALREADY_HAS_CARD', async () => {
      const { holder, account, card } = await setup(true);
      await patch(`cards/${card.id}`, { status: 'CLOSED' }, '"1"').expect(200);
      const res = await post('cards', {
        accountId: account.id,
        cardholderCustomerId: holder.id,
        digitalWalletEnabled: true,
      }).expect(422);
      expect(res.body.code).toBe('CARDHOLDER_ALREADY_HAS_CARD');
      // The replacement wallet card gets a DEDICATED customer of its own (the same regNo may repeat).
      const fresh = (
        await post('customers', customer({ cardScope: 'DEDICATED', regNo: holder.regNo })).expect(201)
      ).body;
      await post('cards', {
        accountId: account.id,
        cardholderCustomerId: fresh.id,
        digitalWalletEnabled: true,
      }).expect(201);
    });

    it('parallel PATCHes with the same If-Match: exactly one wins, the others are 412', async () => {
      const { card } = await setup(false);
      const results = await Promise.all(
        ['BLOCKED', 'CLOSED', 'BLOCKED', 'CLOSED', 'BLOCKED'].map((status) =>
          patch(`cards/${card.id}`, { status }, '"1"'),
        ),
      );
      const codes = results.map((r) => r.status).sort();
      expect(codes).toEqual([200, 412, 412, 412, 412]);
      const winner = results.find((r) => r.status === 200)!.body;
      expect((await get(`cards/${card.id}`).expect(200)).body).toMatchObject({
        status: winner.status,
        version: 2,
      });
      expect((await get(`cards/${card.id}/history`).expect(200)).body.total).toBe(2);
    });

    it('bad input is 400 in the error shape, never 500', async () => {
      const { card } = await setup(false);
      for (const body of [
        { status: 'LOST' },
        { digitalWalletEnabled: 'yes' },
        { expiryDate: '2031-13' },
        { expiryDate: '2001-01' },
        { embossName: 'NEW' },
      ]) {
        const res = await patch(`cards/${card.id}`, body).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      }
      expect(
        (await patch(`cards/${card.id}`, { status: 'BLOCKED' }, 'garbage').expect(400)).body.details[0].field,
      ).toBe('If-Match');
      expect(
        (
          await post('cards', {
            accountId: card.accountId,
            cardholderCustomerId: card.cardholderCustomerId,
            digitalWalletEnabled: false,
            expiryDate: '31/12',
          }).expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      await get('cards/not-a-uuid').expect(404);
      await get('accounts/not-a-uuid').expect(404);
      expect((await get(`cards/${card.id}`).expect(200)).body.version).toBe(1);
    });

    it("another institution's card, account and customer cards are 404; a reader may not PATCH", async () => {
      const { holder, account, card } = await setup(true);
      const otherReader = await t.bearer(['cards:read'], { institutionId: OTHER });
      expect((await get(`cards/${card.id}`, otherReader).expect(404)).body.code).toBe('CARD_NOT_FOUND');
      expect((await get(`cards/${card.id}/history`, otherReader).expect(404)).body.code).toBe(
        'CARD_NOT_FOUND',
      );
      expect((await get(`accounts/${account.id}`, otherReader).expect(404)).body.code).toBe(
        'ACCOUNT_NOT_FOUND',
      );
      expect((await get(`customers/${holder.id}/cards`, otherReader).expect(404)).body.code).toBe(
        'CUSTOMER_NOT_FOUND',
      );
      expect(
        (await patch(`cards/${card.id}`, { status: 'CLOSED' }, undefined, otherWriter).expect(404)).body.code,
      ).toBe('CARD_NOT_FOUND');
      await patch(`cards/${card.id}`, { status: 'BLOCKED' }, undefined, reader).expect(403);
      expect((await get(`cards/${card.id}`).expect(200)).body).toMatchObject({
        status: 'ACTIVE',
        version: 1,
      });
    });
  });
});
