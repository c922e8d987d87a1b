import { DomainError } from '@hub/shared-kernel';
import { InMemoryCardRegistryRepository } from '../testing/in-memory-card-registry.repository';
import { FixedClock } from '@hub/shared-kernel/testing';
import { buildCorporateCustomer, buildPrivateCustomer } from '../testing/customer.factory';
import { CardRegistryService } from './card-registry.service';

const A = 'INST-A';
const B = 'INST-B';

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; kind: string; details: readonly unknown[] }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a failure');
}

describe('CardRegistryService', () => {
  let store: InMemoryCardRegistryRepository;
  let clock: FixedClock;
  let service: CardRegistryService;

  beforeEach(() => {
    store = new InMemoryCardRegistryRepository();
    clock = new FixedClock('2026-11-21T08:00:00.000Z');
    service = new CardRegistryService(store, clock);
  });

  describe('customers', () => {
    it('creates version 1 in the caller institution and records it in the history', async () => {
      const c = await service.createCustomer(A, buildPrivateCustomer());
      expect(c).toMatchObject({
        institutionId: A,
        version: 1,
        cardScope: 'SHARED',
        mobileNumber: '+84912345678',
      });
      const history = await service.customerHistory(A, c.id);
      expect(history).toEqual({
        items: [
          {
            version: 1,
            receivedAt: clock.now().toISOString(),
            data: expect.objectContaining({ id: c.id, version: 1 }),
          },
        ],
        total: 1,
        page: 1,
        pageSize: 50,
      });
    });

    it('a second SHARED customer with the regNo is CUSTOMER_EXISTS naming the first, and nothing is written', async () => {
      const first = await service.createCustomer(A, buildPrivateCustomer({ regNo: '079090001234' }));
      const error = await failure(
        service.createCustomer(A, buildCorporateCustomer({ regNo: ' 079 090 001234 ' })),
      );
      expect(error).toMatchObject({
        code: 'CUSTOMER_EXISTS',
        kind: 'CONFLICT',
        details: [{ existingCustomerId: first.id }],
      });
      expect(store.all.customers.size).toBe(1);
      expect(store.all.versions).toHaveLength(1);
    });

    it('a DEDICATED wallet customer may repeat the regNo; another institution may use it too', async () => {
      await service.createCustomer(A, buildPrivateCustomer({ regNo: '079090001234' }));
      const wallet = await service.createCustomer(
        A,
        buildPrivateCustomer({ regNo: '079090001234', cardScope: 'DEDICATED' }),
      );
      const other = await service.createCustomer(B, buildPrivateCustomer({ regNo: '079090001234' }));
      expect(wallet.cardScope).toBe('DEDICATED');
      expect(other.institutionId).toBe(B);
      expect((await service.searchCustomers(A, { regNo: '079090001234' })).total).toBe(2);
      expect((await service.searchCustomers(B, { regNo: '079090001234' })).total).toBe(1);
    });

    it('parallel creates of one regNo give one customer', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => service.createCustomer(A, buildPrivateCustomer({ regNo: 'R-1' }))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(store.all.customers.size).toBe(1);
    });

    it('refuses an unknown cardScope', async () => {
      expect(
        await failure(service.createCustomer(A, buildPrivateCustomer({ cardScope: 'PRIVATE' }))),
      ).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it("another institution's customer is not found, for every read and write", async () => {
      const c = await service.createCustomer(A, buildPrivateCustomer());
      for (const attempt of [
        service.getCustomer(B, c.id),
        service.patchCustomer(B, c.id, { lastName: 'X' }, undefined),
        service.customerHistory(B, c.id),
        service.createAccount(B, { ownerCustomerId: c.id, currency: 'VND' }),
      ]) {
        expect(await failure(attempt)).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', kind: 'NOT_FOUND' });
      }
      expect((await service.searchCustomers(B, { regNo: c.regNo })).items).toEqual([]);
      expect(await failure(service.getCustomer(A, 'not-a-uuid'))).toMatchObject({
        code: 'CUSTOMER_NOT_FOUND',
      });
    });

    it("search without a filter lists the institution's customers, a page at a time, oldest first", async () => {
      const mine = [];
      for (const regNo of ['PAGE-1', 'PAGE-2', 'PAGE-3']) {
        mine.push(await service.createCustomer(A, buildPrivateCustomer({ regNo })));
      }
      await service.createCustomer(B, buildPrivateCustomer({ regNo: 'PAGE-B' }));
      // Oldest first, ties (one millisecond) broken by id.
      const order = [...mine]
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .map((c) => c.id);
      const first = await service.searchCustomers(A, { pageSize: 2 });
      expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      const second = await service.searchCustomers(A, { page: 2, pageSize: 2 });
      expect([...first.items, ...second.items].map((c) => c.id)).toEqual(order);
      expect(await service.searchCustomers(A, { page: 3, pageSize: 2 })).toMatchObject({
        items: [],
        total: 3,
      });
    });
  });

  describe('PATCH', () => {
    it('applies with the current version, refuses a stale one, keeps every version', async () => {
      const c = await service.createCustomer(A, buildPrivateCustomer());
      clock.advance(1000);
      const v2 = await service.patchCustomer(A, c.id, { email: 'new@example.vn' }, '"1"');
      expect(v2).toMatchObject({ version: 2, email: 'new@example.vn' });
      const stale = await failure(service.patchCustomer(A, c.id, { email: 'other@example.vn' }, '"1"'));
      expect(stale).toMatchObject({
        code: 'VERSION_MISMATCH',
        kind: 'PRECONDITION_FAILED',
        details: [{ currentVersion: 2 }],
      });
      const v3 = await service.patchCustomer(A, c.id, { address: { city: 'Hue' } }, undefined);
      expect(v3).toMatchObject({
        version: 3,
        address: expect.objectContaining({ city: 'Hue', address1: '12 Ly Thai To' }),
      });
      const history = await service.customerHistory(A, c.id);
      expect(history.items.map((h) => [h.version, h.data.email, h.data.address.city])).toEqual([
        [1, 'an.nguyen@example.vn', 'Ha Noi'],
        [2, 'new@example.vn', 'Ha Noi'],
        [3, 'new@example.vn', 'Hue'],
      ]);
    });

    it('pages the history oldest first, the total on every page, an empty page past the end', async () => {
      const c = await service.createCustomer(A, buildPrivateCustomer());
      for (const city of ['Hue', 'Da Nang', 'Can Tho', 'Vinh'])
        await service.patchCustomer(A, c.id, { address: { city } }, undefined);
      const pages = await Promise.all(
        [1, 2, 3, 4].map((page) => service.customerHistory(A, c.id, { page, pageSize: 2 })),
      );
      expect(pages.map((p) => [p.items.map((h) => h.version), p.total, p.page, p.pageSize])).toEqual([
        [[1, 2], 5, 1, 2],
        [[3, 4], 5, 2, 2],
        [[5], 5, 3, 2],
        [[], 5, 4, 2],
      ]);
    });

    it("a regNo change onto another SHARED customer's regNo is CUSTOMER_EXISTS", async () => {
      const first = await service.createCustomer(A, buildPrivateCustomer({ regNo: 'R-1' }));
      const second = await service.createCustomer(A, buildPrivateCustomer({ regNo: 'R-2' }));
      const error = await failure(service.patchCustomer(A, second.id, { regNo: 'r-1' }, '"1"'));
      expect(error).toMatchObject({ code: 'CUSTOMER_EXISTS', details: [{ existingCustomerId: first.id }] });
      expect((await service.getCustomer(A, second.id)).version).toBe(1);
    });

    it('an invalid merged customer is refused and nothing changes', async () => {
      const c = await service.createCustomer(A, buildPrivateCustomer());
      expect(await failure(service.patchCustomer(A, c.id, { firstName: null }, undefined))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect((await service.customerHistory(A, c.id)).items.map((h) => h.version)).toEqual([1]);
    });
  });

  describe('accounts and cards', () => {
    async function setUp() {
      const owner = await service.createCustomer(A, buildPrivateCustomer({ regNo: 'OWNER' }));
      const account = await service.createAccount(A, {
        ownerCustomerId: owner.id,
        currency: 'VND',
        creditLimit: '50000000',
      });
      return { owner, account };
    }

    it('creates an account owned by a customer and a plain card for a SHARED cardholder', async () => {
      const { owner, account } = await setUp();
      expect(account).toMatchObject({
        ownerCustomerId: owner.id,
        currency: 'VND',
        creditLimit: '50000000.00',
        institutionId: A,
      });
      const card = await service.createCard(A, {
        accountId: account.id,
        cardholderCustomerId: owner.id,
        digitalWalletEnabled: false,
        embossName: 'An Nguyen',
      });
      expect(card).toMatchObject({
        accountId: account.id,
        cardholderCustomerId: owner.id,
        embossName: 'AN NGUYEN',
        digitalWalletEnabled: false,
      });
    });

    it('applies every wallet rule', async () => {
      const { owner, account } = await setUp();
      const wallet = await service.createCustomer(
        A,
        buildPrivateCustomer({ regNo: 'OWNER', cardScope: 'DEDICATED' }),
      );
      const noMobile = await service.createCustomer(
        A,
        buildPrivateCustomer({ regNo: 'OWNER', cardScope: 'DEDICATED', mobileNumber: undefined }),
      );
      const card = (cardholderCustomerId: string, digitalWalletEnabled = true) =>
        service.createCard(A, { accountId: account.id, cardholderCustomerId, digitalWalletEnabled });

      expect(await failure(card(owner.id))).toMatchObject({
        code: 'WALLET_CARDHOLDER_NOT_DEDICATED',
        kind: 'BUSINESS_RULE',
      });
      expect(await failure(card(noMobile.id))).toMatchObject({ code: 'WALLET_CARDHOLDER_NO_MOBILE' });
      await expect(card(wallet.id)).resolves.toMatchObject({ digitalWalletEnabled: true });
      expect(await failure(card(wallet.id))).toMatchObject({ code: 'CARDHOLDER_ALREADY_HAS_CARD' });
      expect(await failure(card(wallet.id, false))).toMatchObject({ code: 'CARDHOLDER_ALREADY_HAS_CARD' });
    });

    it('unknown or foreign accounts and cardholders are 404', async () => {
      const { owner, account } = await setUp();
      const foreign = await service.createCustomer(B, buildPrivateCustomer());
      expect(
        await failure(
          service.createCard(B, {
            accountId: account.id,
            cardholderCustomerId: foreign.id,
            digitalWalletEnabled: false,
          }),
        ),
      ).toMatchObject({
        code: 'ACCOUNT_NOT_FOUND',
      });
      expect(
        await failure(
          service.createCard(A, {
            accountId: account.id,
            cardholderCustomerId: foreign.id,
            digitalWalletEnabled: false,
          }),
        ),
      ).toMatchObject({
        code: 'CUSTOMER_NOT_FOUND',
      });
      expect(
        await failure(service.createAccount(A, { ownerCustomerId: foreign.id, currency: 'VND' })),
      ).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      expect(owner.institutionId).toBe(A);
    });
  });

  describe('export', () => {
    it('exports only the caller institution, current versions, filtered by changedSince', async () => {
      const a1 = await service.createCustomer(A, buildPrivateCustomer());
      clock.advance(60_000);
      const cut = clock.now();
      const a2 = await service.createCustomer(A, buildCorporateCustomer());
      await service.createCustomer(B, buildPrivateCustomer());
      clock.advance(60_000);
      await service.patchCustomer(A, a1.id, { email: 'late@example.vn' }, undefined);

      const read = async (since: Date | null) => {
        let text = '';
        for await (const chunk of service.exportCustomers(A, 'ndjson', since)) text += chunk;
        return text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
      };
      const all = await read(null);
      expect(all.map((r) => [r.id, r.version])).toEqual([
        [a2.id, 1],
        [a1.id, 2],
      ]);
      expect(all.every((r) => r.institutionId === A)).toBe(true);
      expect((await read(new Date(cut.getTime() + 1))).map((r) => r.id)).toEqual([a1.id]);
    });
  });
});

describe('CardRegistryService: card lifecycle and invariants after creation', () => {
  let service: CardRegistryService;

  beforeEach(() => {
    service = new CardRegistryService(
      new InMemoryCardRegistryRepository(),
      new FixedClock('2026-11-21T08:00:00.000Z'),
    );
  });

  async function walletCard() {
    const owner = await service.createCustomer(A, buildPrivateCustomer());
    const holder = await service.createCustomer(A, buildPrivateCustomer({ cardScope: 'DEDICATED' }));
    const account = await service.createAccount(A, { ownerCustomerId: owner.id, currency: 'VND' });
    const card = await service.createCard(A, {
      accountId: account.id,
      cardholderCustomerId: holder.id,
      digitalWalletEnabled: true,
    });
    return { owner, holder, account, card };
  }

  it('a PATCH removing the mobile of a live wallet cardholder is WALLET_CARDHOLDER_NO_MOBILE', async () => {
    const { holder } = await walletCard();
    expect((await failure(service.patchCustomer(A, holder.id, { mobileNumber: null }, undefined))).code).toBe(
      'WALLET_CARDHOLDER_NO_MOBILE',
    );
    expect(
      (await failure(service.patchCustomer(A, holder.id, { mobileNumber: '024 3825 1234' }, undefined))).code,
    ).toBe('VALIDATION_FAILED'); // a landline is no mobileNumber for anyone: 400 before the wallet rule
    expect((await service.getCustomer(A, holder.id)).version).toBe(1);
    // Another valid mobile is fine.
    expect(
      (await service.patchCustomer(A, holder.id, { mobileNumber: '0987 654 321' }, undefined)).version,
    ).toBe(2);
  });

  it('once the wallet is off or the card closed, the mobile may go; turning the wallet on checks again', async () => {
    const { holder, card } = await walletCard();
    const off = await service.patchCard(A, card.id, { digitalWalletEnabled: false }, '"1"');
    expect(off).toMatchObject({ version: 2, digitalWalletEnabled: false });
    await service.patchCustomer(A, holder.id, { mobileNumber: null }, undefined);
    expect((await failure(service.patchCard(A, card.id, { digitalWalletEnabled: true }, '"2"'))).code).toBe(
      'WALLET_CARDHOLDER_NO_MOBILE',
    );
    const closed = await service.patchCard(A, card.id, { status: 'CLOSED' }, undefined);
    expect(closed).toMatchObject({ status: 'CLOSED', version: 3 });
    expect((await service.cardHistory(A, card.id)).items.map((v) => [v.version, v.data.status])).toEqual([
      [1, 'ACTIVE'],
      [2, 'ACTIVE'],
      [3, 'CLOSED'],
    ]);
    const second = await service.cardHistory(A, card.id, { page: 2, pageSize: 2 });
    expect([second.items.map((v) => v.version), second.total, second.page, second.pageSize]).toEqual([
      [3],
      3,
      2,
      2,
    ]);
  });

  it('a closed card keeps its DEDICATED customer: no new card for that customer', async () => {
    const { holder, card, account } = await walletCard();
    await service.patchCard(A, card.id, { status: 'CLOSED' }, '"1"');
    expect(
      (
        await failure(
          service.createCard(A, {
            accountId: account.id,
            cardholderCustomerId: holder.id,
            digitalWalletEnabled: true,
          }),
        )
      ).code,
    ).toBe('CARDHOLDER_ALREADY_HAS_CARD');
  });

  it("another institution's card and account are not found", async () => {
    const { card, account, holder } = await walletCard();
    expect((await failure(service.getCard(B, card.id))).code).toBe('CARD_NOT_FOUND');
    expect((await failure(service.patchCard(B, card.id, { status: 'BLOCKED' }, undefined))).code).toBe(
      'CARD_NOT_FOUND',
    );
    expect((await failure(service.cardHistory(B, card.id))).code).toBe('CARD_NOT_FOUND');
    expect((await failure(service.getAccount(B, account.id))).code).toBe('ACCOUNT_NOT_FOUND');
    expect((await failure(service.cardsOfCustomer(B, holder.id))).code).toBe('CUSTOMER_NOT_FOUND');
    expect((await service.cardsOfCustomer(A, holder.id)).map((c) => c.id)).toEqual([card.id]);
  });
});
