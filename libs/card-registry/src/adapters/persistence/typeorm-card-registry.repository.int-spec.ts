import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { cloneTemplateDatabase, schemaDifference } from '@hub/test-database';
import { CardRegistryService } from '../../application/card-registry.service';
import { buildPrivateCustomer } from '../../testing/customer.factory';
import { FixedClock } from '@hub/shared-kernel/testing';
import { CardRegistryDemoData, DEMO_INSTITUTION } from '../demo/card-registry-demo-data';
import { TypeormCardRegistryRepository } from './typeorm-card-registry.repository';
import { CARD_REGISTRY_SCHEMA } from './card-registry.schema';

describe('TypeormCardRegistryRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let ds: DataSource;
  let store: TypeormCardRegistryRepository;
  let service: CardRegistryService;

  beforeAll(async () => {
    db = await cloneTemplateDatabase();
    ds = new DataSource(buildDataSourceOptions(db.url, { poolSize: 4, schemas: [CARD_REGISTRY_SCHEMA] }));
    await ds.initialize();
    store = new TypeormCardRegistryRepository(ds);
    service = new CardRegistryService(store, new FixedClock(new Date()));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('loads the demo data once, into empty tables only', async () => {
    const demo = new CardRegistryDemoData({ demoData: true } as never, service, ds);
    await demo.seed();
    await demo.seed();
    const rows = await ds.query(
      `SELECT card_scope, count(*)::int AS n FROM card_customers WHERE institution_id = $1 GROUP BY card_scope ORDER BY card_scope`,
      [DEMO_INSTITUTION],
    );
    expect(rows).toEqual([
      { card_scope: 'DEDICATED', n: 1 },
      { card_scope: 'SHARED', n: 2 },
    ]);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM card_cards WHERE institution_id = $1 AND digital_wallet_enabled`,
      [DEMO_INSTITUTION],
    );
    expect(n).toBe(1);
  });

  it('the migration leaves no schema diff against the card_ entities', async () => {
    const sql = await schemaDifference(ds);
    const mine = [...sql.upQueries, ...sql.downQueries].map((q) => q.query).filter((q) => /card_/.test(q));
    expect(mine).toEqual([]);
  });

  it('every repository statement is confined to its institution', async () => {
    const a = await service.createCustomer('INST-A', buildPrivateCustomer({ regNo: 'SCOPE-1' }));
    const account = await service.createAccount('INST-A', { ownerCustomerId: a.id, currency: 'VND' });
    const card = await service.createCard('INST-A', {
      accountId: account.id,
      cardholderCustomerId: a.id,
      digitalWalletEnabled: false,
    });
    const [fileRow] = await ds.query(
      `INSERT INTO card_export_files (id, institution_id, kind, period, format, file_name, row_count, byte_count, sha256, created_at)
       VALUES (gen_random_uuid(), 'INST-A', 'cards', '2026-01-01', 'csv', 'f.csv', 0, 0, '', now()) RETURNING id`,
    );
    await store.inInstitution('INST-B', async (repo) => {
      expect(await repo.findCard(card.id)).toBeNull();
      expect(await repo.findCard(card.id, { lock: true })).toBeNull();
      expect(await repo.listCardsOfCardholder(a.id)).toEqual([]);
      expect(await repo.countLiveWalletCardsOfCardholder(a.id)).toBe(0);
      expect(await repo.listCardVersions(card.id, { offset: 0, limit: 100 })).toEqual({
        items: [],
        total: 0,
      });
      expect(await repo.listExportFiles({ offset: 0, limit: 100 })).toEqual({ items: [], total: 0 });
      expect(await repo.findExportFile(fileRow.id)).toBeNull();
      await expect(repo.updateCard({ ...card, status: 'CLOSED', version: 2 }, 1)).rejects.toMatchObject({
        code: 'VERSION_MISMATCH',
      });
      await repo.appendCardVersion({
        cardId: card.id,
        version: 99,
        receivedAt: new Date(),
        data: {} as never,
      });
    });
    const cardRows = await ds.query(
      `SELECT c.status, (SELECT count(*)::int FROM card_card_versions v WHERE v.card_id = c.id) AS versions
         FROM card_cards c WHERE c.id = $1`,
      [card.id],
    );
    expect(cardRows).toEqual([{ status: 'ACTIVE', versions: 1 }]);
    await store.inInstitution('INST-B', async (repo) => {
      expect(await repo.findCustomer(a.id)).toBeNull();
      expect(await repo.findCustomer(a.id, { lock: true })).toBeNull();
      expect(await repo.searchCustomers({ regNo: 'SCOPE-1', offset: 0, limit: 10 })).toEqual({
        items: [],
        total: 0,
      });
      expect(await repo.listVersions(a.id, { offset: 0, limit: 100 })).toEqual({ items: [], total: 0 });
      expect(await repo.findAccount(account.id)).toBeNull();
      expect(await repo.countCardsOfCardholder(a.id)).toBe(0);
      // Writes naming foreign rows change nothing.
      await expect(repo.updateCustomer({ ...a, email: 'x@example.vn', version: 2 }, 1)).rejects.toMatchObject(
        { code: 'VERSION_MISMATCH' },
      );
      await repo.appendVersion({ customerId: a.id, version: 99, receivedAt: new Date(), data: {} as never });
      await expect(
        repo.insertAccount({
          id: '00000000-0000-4000-8000-00000000000a',
          institutionId: 'INST-B',
          ownerCustomerId: a.id,
          currency: 'VND',
          creditLimit: null,
          createdAt: new Date(),
        }),
      ).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      await expect(
        repo.insertCard(
          {
            id: '00000000-0000-4000-8000-00000000000b',
            institutionId: 'INST-B',
            accountId: account.id,
            cardholderCustomerId: a.id,
            digitalWalletEnabled: false,
            embossName: null,
            status: 'ACTIVE',
            expiryDate: null,
            version: 1,
            createdAt: new Date(),
            updatedAt: new Date(),
          },
          'SHARED',
        ),
      ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    });
    const versions = await ds.query(`SELECT version FROM card_customer_versions WHERE customer_id = $1`, [
      a.id,
    ]);
    expect(versions).toEqual([{ version: 1 }]);
    const [row] = await ds.query(`SELECT email, version FROM card_customers WHERE id = $1`, [a.id]);
    expect(row).toEqual({ email: a.email, version: 1 });
  });

  it('the card version history is append-only in the database itself', async () => {
    const c = await service.createCustomer('INST-A', buildPrivateCustomer());
    const account = await service.createAccount('INST-A', { ownerCustomerId: c.id, currency: 'VND' });
    const card = await service.createCard('INST-A', {
      accountId: account.id,
      cardholderCustomerId: c.id,
      digitalWalletEnabled: false,
    });
    await expect(
      ds.query(`UPDATE card_card_versions SET data = '{}' WHERE card_id = $1`, [card.id]),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM card_card_versions WHERE card_id = $1`, [card.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('the version history is append-only in the database itself', async () => {
    const c = await service.createCustomer('INST-A', buildPrivateCustomer());
    await expect(
      ds.query(`UPDATE card_customer_versions SET data = '{}' WHERE customer_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ds.query(`DELETE FROM card_customer_versions WHERE customer_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('the partial unique indexes back the rules: one SHARED regNo per institution, one card per DEDICATED holder', async () => {
    const c = await service.createCustomer('INST-A', buildPrivateCustomer({ regNo: 'IDX-1' }));
    await expect(
      ds.query(
        `INSERT INTO card_customers SELECT gen_random_uuid(), institution_id, type, card_scope, salutation, first_name, middle_name, last_name, name,
        date_of_birth, email, phone_number, mobile_number, address1, address2, city, zip_code, country, locale, customer_number, reg_no, version, created_at, updated_at,
        nationality, country_of_birth, additional_addresses
        FROM card_customers WHERE id = $1`,
        [c.id],
      ),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
    const wallet = await service.createCustomer(
      'INST-A',
      buildPrivateCustomer({ regNo: 'IDX-1', cardScope: 'DEDICATED' }),
    );
    const account = await service.createAccount('INST-A', { ownerCustomerId: c.id, currency: 'VND' });
    await service.createCard('INST-A', {
      accountId: account.id,
      cardholderCustomerId: wallet.id,
      digitalWalletEnabled: true,
    });
    await expect(
      ds.query(
        `INSERT INTO card_cards (id, institution_id, account_id, cardholder_customer_id, cardholder_scope, digital_wallet_enabled,
                                 status, version, created_at, updated_at)
         VALUES (gen_random_uuid(), 'INST-A', $1, $2, 'DEDICATED', false, 'CLOSED', 1, now(), now())`,
        [account.id, wallet.id],
      ),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
  });

  it('an export abandoned half way gives its connection back', async () => {
    for (let i = 0; i < 30; i++) await service.createCustomer('INST-STREAM', buildPrivateCustomer());
    const pool = (ds.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    for (let round = 0; round < 8; round++) {
      // Twice the pool size: a leaked connection per abandoned export would exhaust the pool and hang.
      for await (const customer of store.streamCustomers('INST-STREAM', { changedSince: null })) {
        expect(customer.institutionId).toBe('INST-STREAM');
        break;
      }
    }
    // The pool (4 connections) is not exhausted: queries still run.
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM card_customers WHERE institution_id = 'INST-STREAM'`,
    );
    expect(n).toBe(30);
    expect(pool.totalCount).toBeLessThanOrEqual(4);
  });
});
