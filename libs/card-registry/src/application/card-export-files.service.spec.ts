import { createHash } from 'node:crypto';
import { parseCsv } from '@hub/shared-kernel';
import { buildPrivateCustomer } from '../testing/customer.factory';
import { FixedClock } from '@hub/shared-kernel/testing';
import { InMemoryCardRegistryRepository } from '../testing/in-memory-card-registry.repository';
import { InMemoryExportFileStorage } from '../testing/in-memory-export-file-storage';
import { CardExportFilesService, duePeriods, exportFileName } from './card-export-files.service';
import { CardRegistryService } from './card-registry.service';

const DAY = 24 * 3600 * 1000;

describe('CardExportFilesService', () => {
  let store: InMemoryCardRegistryRepository;
  let storage: InMemoryExportFileStorage;
  let clock: FixedClock;
  let registry: CardRegistryService;
  let files: CardExportFilesService;

  beforeEach(() => {
    store = new InMemoryCardRegistryRepository();
    storage = new InMemoryExportFileStorage();
    clock = new FixedClock(new Date('2026-11-21T08:00:00.000Z'));
    registry = new CardRegistryService(store, clock);
    files = new CardExportFilesService(
      store,
      storage,
      { cron: null, directory: '/exports', format: 'csv', catchUpDays: 7 },
      clock,
    );
  });

  it('due periods: complete UTC days, five minutes after midnight, as far back as the catch-up window', () => {
    expect(duePeriods(new Date('2026-11-22T00:04:59Z'), 3)).toEqual({ from: '2026-11-18', to: '2026-11-20' });
    expect(duePeriods(new Date('2026-11-22T00:05:00Z'), 3)).toEqual({ from: '2026-11-19', to: '2026-11-21' });
    expect(duePeriods(new Date('2026-11-22T00:05:00Z'), 1)).toEqual({ from: '2026-11-21', to: '2026-11-21' });
  });

  it('names files by institution, kind and period; any institution id is a safe file name', () => {
    expect(exportFileName({ institutionId: 'INST-A', kind: 'cards', period: '2026-11-21' }, 'csv')).toBe(
      'INST-A_cards_2026-11-21.csv',
    );
    expect(
      exportFileName({ institutionId: '../etc/x', kind: 'accounts', period: '2026-11-21' }, 'ndjson'),
    ).toBe('%2E.%2Fetc%2Fx_accounts_2026-11-21.ndjson');
  });

  it('writes one file per institution, kind and day with a trailer; a missed day is caught up; nothing twice', async () => {
    const c = await registry.createCustomer('INST-A', buildPrivateCustomer({ mobileNumber: '+84912345678' }));
    const account = await registry.createAccount('INST-A', { ownerCustomerId: c.id, currency: 'VND' });
    await registry.createCard('INST-A', {
      accountId: account.id,
      cardholderCustomerId: c.id,
      digitalWalletEnabled: false,
    });
    clock.advance(DAY); // 2026-11-22: a second version of the customer
    await registry.patchCustomer('INST-A', c.id, { email: 'new@example.vn' }, undefined);

    // First run on 2026-11-22 01:00: only 2026-11-21 is complete.
    const first = await files.writeDueFiles(new Date('2026-11-22T01:00:00Z'));
    expect(first.map((f) => `${f.kind}:${f.period}:${f.rowCount}`).sort()).toEqual([
      'accounts:2026-11-21:1',
      'cards:2026-11-21:1',
      'customers:2026-11-21:1',
    ]);
    // The job did not run on 2026-11-23 and 24: the run on the 25th writes 22, 23 and 24.
    const later = await files.writeDueFiles(new Date('2026-11-25T03:00:00Z'));
    expect(later.map((f) => `${f.kind}:${f.period}:${f.rowCount}`).sort()).toEqual([
      'accounts:2026-11-22:0',
      'accounts:2026-11-23:0',
      'accounts:2026-11-24:0',
      'cards:2026-11-22:0',
      'cards:2026-11-23:0',
      'cards:2026-11-24:0',
      'customers:2026-11-22:1',
      'customers:2026-11-23:0',
      'customers:2026-11-24:0',
    ]);
    expect(await files.writeDueFiles(new Date('2026-11-25T04:00:00Z'))).toEqual([]);
    expect([...storage.writes.values()].every((n) => n === 1)).toBe(true);

    const text = storage.files.get('INST-A_customers_2026-11-22.csv') as string;
    const records = parseCsv(text);
    const trailer = records[records.length - 1];
    const body = text.slice(0, text.lastIndexOf('TRAILER,'));
    expect(trailer).toEqual(['TRAILER', '1', createHash('sha256').update(body).digest('hex')]);
    expect(records[1]).toContain('new@example.vn');
  });

  it('two runs at once write each file once', async () => {
    await registry.createCustomer('INST-A', buildPrivateCustomer());
    await registry.createCustomer('INST-B', buildPrivateCustomer());
    const now = new Date('2026-11-23T01:00:00Z');
    const [a, b] = await Promise.all([files.writeDueFiles(now), files.writeDueFiles(now)]);
    expect(a.length + b.length).toBe(2 * 3 * 2);
    expect([...storage.writes.values()].every((n) => n === 1)).toBe(true);
  });
});
