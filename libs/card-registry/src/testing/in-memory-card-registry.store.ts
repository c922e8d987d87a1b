import type { Account } from '../domain/account';
import type { Card } from '../domain/card';
import { CardRegistryErrors } from '../domain/card-registry.errors';
import type { Customer } from '../domain/customer';
import {
  CardRegistryStore,
  type CustomerSearch,
  type CustomerVersion,
  type ExportFilter,
  type InstitutionCardRepository,
  type RegNoOutcome,
} from '../application/ports/card-registry.store';

interface State {
  customers: Map<string, Customer>;
  versions: CustomerVersion[];
  accounts: Map<string, Account>;
  cards: Map<string, Card & { cardholderScope: string }>;
}

/**
 * The store in memory, for the service's unit tests: work runs one unit at a time (as if each
 * were a serialisable transaction) and a failed unit leaves no trace (its changes are undone).
 */
export class InMemoryCardRegistryStore extends CardRegistryStore {
  private state: State = { customers: new Map(), versions: [], accounts: new Map(), cards: new Map() };
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

  async searchCustomers(search: CustomerSearch): Promise<Customer[]> {
    return [...this.state.customers.values()]
      .filter(
        (c) =>
          c.institutionId === this.institutionId &&
          (search.regNo === undefined || c.regNo === search.regNo) &&
          (search.customerNumber === undefined || c.customerNumber === search.customerNumber),
      )
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
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
      throw CardRegistryErrors.versionMismatch(current?.version ?? 0);
    const clash = this.sharedWithRegNo(customer);
    if (clash) return { ok: false, existingCustomerId: clash.id };
    this.state.customers.set(customer.id, { ...customer, institutionId: this.institutionId });
    return { ok: true };
  }

  async appendVersion(version: CustomerVersion): Promise<void> {
    this.state.versions.push({ ...version, data: { ...version.data, institutionId: this.institutionId } });
  }

  async listVersions(customerId: string): Promise<CustomerVersion[]> {
    return this.state.versions
      .filter((v) => v.customerId === customerId && v.data.institutionId === this.institutionId)
      .sort((a, b) => a.version - b.version);
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
      throw CardRegistryErrors.cardholderAlreadyHasCard();
    }
    this.state.cards.set(card.id, { ...card, institutionId: this.institutionId, cardholderScope });
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
  };
}
