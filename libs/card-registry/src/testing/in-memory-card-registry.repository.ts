import { domainError } from '@hub/shared-kernel';
import { randomUUID } from 'node:crypto';
import type { Account } from '../domain/account';
import type { Card } from '../domain/card';
import { CardRegistryErrors } from '../domain/card-registry.errors';
import type { Customer } from '../domain/customer';
import type { CardView, CustomerView, ExportKind } from '../domain/customer-views';
import {
  CardRegistryRepository,
  type CardVersion,
  type CustomerSearch,
  type CustomerVersion,
  type ExportFileView,
  type ExportFileContent,
  type ExportFileFilter,
  type ExportFileKey,
  type ExportFilter,
  type InstitutionCardRepository,
  type PageWindow,
  type RegNoOutcome,
  type TimeRange,
} from '../application/ports/card-registry.repository';

interface State {
  customers: Map<string, Customer>;
  versions: CustomerVersion[];
  accounts: Map<string, Account>;
  cards: Map<string, Card & { cardholderScope: string }>;
  cardVersions: CardVersion[];
  exportFiles: ExportFileView[];
}

const DAY_MS = 24 * 3600 * 1000;

function inRange(t: Date, range: TimeRange): boolean {
  return t >= range.from && t < range.to;
}

async function* yieldAll<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/**
 * The store in memory, for the service's unit tests: work runs one unit at a time (as if each
 * were a serialisable transaction) and a failed unit leaves no trace (its changes are undone).
 */
export class InMemoryCardRegistryRepository extends CardRegistryRepository {
  private state: State = {
    customers: new Map(),
    versions: [],
    accounts: new Map(),
    cards: new Map(),
    cardVersions: [],
    exportFiles: [],
  };
  private claims = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  inInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T> {
    const run = async () => {
      const snapshot = cloneState(this.state);
      try {
        return await work(new InMemoryInstitutionRepository(institutionId, this.state));
      } catch (error) {
        this.state = snapshot;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async *streamCustomers(institutionId: string, filter: ExportFilter): AsyncIterable<Customer> {
    const rows = [...this.state.customers.values()]
      .filter(
        (c) =>
          c.institutionId === institutionId &&
          (filter.changedSince === null || c.updatedAt >= filter.changedSince),
      )
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id));
    for (const row of rows) yield row;
  }

  streamAccounts(institutionId: string, filter: ExportFilter): AsyncIterable<Account> {
    return yieldAll(
      [...this.state.accounts.values()]
        .filter(
          (a) =>
            a.institutionId === institutionId &&
            (filter.changedSince === null || a.createdAt >= filter.changedSince),
        )
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
    );
  }

  streamCards(institutionId: string, filter: ExportFilter): AsyncIterable<Card> {
    return yieldAll(
      [...this.state.cards.values()]
        .filter(
          (c) =>
            c.institutionId === institutionId &&
            (filter.changedSince === null || c.updatedAt >= filter.changedSince),
        )
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id))
        .map(({ cardholderScope: _scope, ...card }) => card),
    );
  }

  streamCustomerVersions(institutionId: string, range: TimeRange): AsyncIterable<CustomerView> {
    return yieldAll(
      this.state.versions
        .filter((v) => v.data.institutionId === institutionId && inRange(v.receivedAt, range))
        .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
        .map((v) => v.data),
    );
  }

  streamCardVersions(institutionId: string, range: TimeRange): AsyncIterable<CardView> {
    return yieldAll(
      this.state.cardVersions
        .filter((v) => v.data.institutionId === institutionId && inRange(v.receivedAt, range))
        .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
        .map((v) => v.data),
    );
  }

  streamAccountsCreated(institutionId: string, range: TimeRange): AsyncIterable<Account> {
    return yieldAll(
      [...this.state.accounts.values()].filter(
        (a) => a.institutionId === institutionId && inRange(a.createdAt, range),
      ),
    );
  }

  async missingExportFiles(
    fromDay: string,
    toDay: string,
    kinds: readonly ExportKind[],
  ): Promise<ExportFileKey[]> {
    const firstDay = new Map<string, string>();
    for (const c of this.state.customers.values()) {
      const day = c.createdAt.toISOString().slice(0, 10);
      const known = firstDay.get(c.institutionId);
      if (!known || day < known) firstDay.set(c.institutionId, day);
    }
    const out: ExportFileKey[] = [];
    for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`); t += DAY_MS) {
      const period = new Date(t).toISOString().slice(0, 10);
      for (const [institutionId, first] of [...firstDay].sort()) {
        if (period < first) continue;
        for (const kind of kinds) {
          const done = this.state.exportFiles.some(
            (f) => f.institutionId === institutionId && f.kind === kind && f.period === period,
          );
          if (!done) out.push({ institutionId, kind, period });
        }
      }
    }
    return out;
  }

  async claimExportFile(
    key: ExportFileKey,
    createdAt: Date,
    write: () => Promise<ExportFileContent>,
  ): Promise<ExportFileView | null> {
    const name = `${key.institutionId}|${key.kind}|${key.period}`;
    const done = this.state.exportFiles.some(
      (f) => f.institutionId === key.institutionId && f.kind === key.kind && f.period === key.period,
    );
    if (done || this.claims.has(name)) return null;
    this.claims.add(name);
    try {
      const content = await write();
      const file: ExportFileView = { id: randomUUID(), ...key, ...content, createdAt };
      this.state.exportFiles.push(file);
      return file;
    } finally {
      this.claims.delete(name);
    }
  }

  /** Every row of every institution, for assertions. */
  get all(): Readonly<State> {
    return this.state;
  }
}

class InMemoryInstitutionRepository implements InstitutionCardRepository {
  constructor(
    readonly institutionId: string,
    private readonly state: State,
  ) {}

  async findCustomer(id: string): Promise<Customer | null> {
    const c = this.state.customers.get(id);
    return c && c.institutionId === this.institutionId ? c : null;
  }

  async searchCustomers(search: CustomerSearch): Promise<{ items: Customer[]; total: number }> {
    const all = [...this.state.customers.values()]
      .filter(
        (c) =>
          c.institutionId === this.institutionId &&
          (search.regNo === undefined || c.regNo === search.regNo) &&
          (search.customerNumber === undefined || c.customerNumber === search.customerNumber),
      )
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return { items: all.slice(search.offset, search.offset + search.limit), total: all.length };
  }

  async insertCustomer(customer: Customer): Promise<RegNoOutcome> {
    const clash = this.sharedWithRegNo(customer);
    if (clash) return { ok: false, existingCustomerId: clash.id };
    this.state.customers.set(customer.id, { ...customer, institutionId: this.institutionId });
    return { ok: true };
  }

  async updateCustomer(customer: Customer, expectedVersion: number): Promise<RegNoOutcome> {
    const current = await this.findCustomer(customer.id);
    if (!current || current.version !== expectedVersion)
      throw domainError(CardRegistryErrors.VERSION_MISMATCH, [{ currentVersion: current?.version ?? 0 }]);
    const clash = this.sharedWithRegNo(customer);
    if (clash) return { ok: false, existingCustomerId: clash.id };
    this.state.customers.set(customer.id, { ...customer, institutionId: this.institutionId });
    return { ok: true };
  }

  async appendVersion(version: CustomerVersion): Promise<void> {
    this.state.versions.push({ ...version, data: { ...version.data, institutionId: this.institutionId } });
  }

  async listVersions(
    customerId: string,
    window: PageWindow,
  ): Promise<{ items: CustomerVersion[]; total: number }> {
    const all = this.state.versions
      .filter((v) => v.customerId === customerId && v.data.institutionId === this.institutionId)
      .sort((a, b) => a.version - b.version);
    return { items: all.slice(window.offset, window.offset + window.limit), total: all.length };
  }

  async insertAccount(account: Account): Promise<void> {
    this.state.accounts.set(account.id, { ...account, institutionId: this.institutionId });
  }

  async findAccount(id: string): Promise<Account | null> {
    const a = this.state.accounts.get(id);
    return a && a.institutionId === this.institutionId ? a : null;
  }

  async countCardsOfCardholder(customerId: string): Promise<number> {
    return [...this.state.cards.values()].filter(
      (c) => c.institutionId === this.institutionId && c.cardholderCustomerId === customerId,
    ).length;
  }

  async insertCard(card: Card, cardholderScope: string): Promise<void> {
    if (
      cardholderScope === 'DEDICATED' &&
      (await this.countCardsOfCardholder(card.cardholderCustomerId)) > 0
    ) {
      throw domainError(CardRegistryErrors.CARDHOLDER_ALREADY_HAS_CARD);
    }
    this.state.cards.set(card.id, { ...card, institutionId: this.institutionId, cardholderScope });
  }

  async countLiveWalletCardsOfCardholder(customerId: string): Promise<number> {
    return [...this.state.cards.values()].filter(
      (c) =>
        c.institutionId === this.institutionId &&
        c.cardholderCustomerId === customerId &&
        c.digitalWalletEnabled &&
        c.status !== 'CLOSED',
    ).length;
  }

  async findCard(id: string): Promise<Card | null> {
    const c = this.state.cards.get(id);
    if (!c || c.institutionId !== this.institutionId) return null;
    const { cardholderScope: _scope, ...card } = c;
    return card;
  }

  async listCardsOfCardholder(customerId: string): Promise<Card[]> {
    const out: Card[] = [];
    for (const c of this.state.cards.values()) {
      if (c.institutionId === this.institutionId && c.cardholderCustomerId === customerId) {
        const { cardholderScope: _scope, ...card } = c;
        out.push(card);
      }
    }
    return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  async updateCard(card: Card, expectedVersion: number): Promise<void> {
    const current = this.state.cards.get(card.id);
    if (!current || current.institutionId !== this.institutionId || current.version !== expectedVersion)
      throw domainError(CardRegistryErrors.CARD_VERSION_MISMATCH, [
        { currentVersion: current?.version ?? 0 },
      ]);
    this.state.cards.set(card.id, { ...card, cardholderScope: current.cardholderScope });
  }

  async appendCardVersion(version: CardVersion): Promise<void> {
    this.state.cardVersions.push({
      ...version,
      data: { ...version.data, institutionId: this.institutionId },
    });
  }

  async listCardVersions(
    cardId: string,
    window: PageWindow,
  ): Promise<{ items: CardVersion[]; total: number }> {
    const all = this.state.cardVersions
      .filter((v) => v.cardId === cardId && v.data.institutionId === this.institutionId)
      .sort((a, b) => a.version - b.version);
    return { items: all.slice(window.offset, window.offset + window.limit), total: all.length };
  }

  async listExportFiles(filter: ExportFileFilter): Promise<{ items: ExportFileView[]; total: number }> {
    const all = this.state.exportFiles
      .filter(
        (f) =>
          f.institutionId === this.institutionId &&
          (filter.kind === undefined || f.kind === filter.kind) &&
          (filter.from === undefined || f.period >= filter.from) &&
          (filter.to === undefined || f.period <= filter.to),
      )
      .sort((a, b) => b.period.localeCompare(a.period) || a.kind.localeCompare(b.kind));
    return { items: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
  }

  async findExportFile(id: string): Promise<ExportFileView | null> {
    return this.state.exportFiles.find((f) => f.id === id && f.institutionId === this.institutionId) ?? null;
  }

  private sharedWithRegNo(customer: Customer): Customer | undefined {
    if (customer.cardScope !== 'SHARED') return undefined;
    return [...this.state.customers.values()].find(
      (c) =>
        c.institutionId === this.institutionId &&
        c.cardScope === 'SHARED' &&
        c.regNo === customer.regNo &&
        c.id !== customer.id,
    );
  }
}

function cloneState(s: State): State {
  return {
    customers: new Map(s.customers),
    versions: [...s.versions],
    accounts: new Map(s.accounts),
    cards: new Map(s.cards),
    cardVersions: [...s.cardVersions],
    exportFiles: [...s.exportFiles],
  };
}
