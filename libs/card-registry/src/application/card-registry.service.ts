// Over 300 lines on purpose: the card-registry use cases share institution scoping, versions and
// duplicate checks; a use case moves out when it gains rules of its own.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, utcCalendarDate, domainError, validationFailed, isStorableText } from '@hub/shared-kernel';
import { validateAccountTerms, type Account } from '../domain/account';
import {
  assertCardIssuable,
  assertWalletCardholder,
  reviseCard,
  validateEmbossName,
  validateExpiryDate,
  type Card,
  type CardPatch,
} from '../domain/card';
import { CardRegistryErrors } from '../domain/card-registry.errors';
import {
  CARD_SCOPES,
  normaliseCustomerNumber,
  normaliseRegNo,
  validateCustomerFields,
  type CardScope,
  type Customer,
  type RawCustomerFields,
} from '../domain/customer';
import {
  completeCustomerView,
  toCardView,
  toCustomerView,
  type CardVersionView,
  type CustomerVersionView,
  type ExportFormat,
} from '../domain/customer-views';
import { parseIfMatch, reviseCustomer, type CustomerPatch } from '../domain/customer-version';
import { assertRegistrable } from '../domain/registration';
import { CardRegistryRepository, type InstitutionCardRepository } from './ports/card-registry.repository';

export type CreateCustomerCommand = RawCustomerFields & { readonly cardScope?: unknown };

export interface CreateAccountCommand {
  readonly ownerCustomerId: string;
  readonly currency: unknown;
  readonly creditLimit?: unknown;
}

export interface CreateCardCommand {
  readonly accountId: string;
  readonly cardholderCustomerId: string;
  readonly digitalWalletEnabled: boolean;
  readonly embossName?: unknown;
  readonly expiryDate?: unknown;
}

/** Which page of a list: `page` 1-based (default 1), `pageSize` default 50. */
export interface PageRequest {
  readonly page?: number;
  readonly pageSize?: number;
}

/** One page of a list, with the total on every page (docs/api-conventions.md, "Pagination"). */
export interface PageOf<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface CustomerSearchQuery extends PageRequest {
  readonly regNo?: string;
  readonly customerNumber?: string;
}

function windowOf(request: PageRequest): { page: number; pageSize: number; offset: number; limit: number } {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The latest calendar date anywhere on earth (UTC+14): a birth "today" in Hanoi is not refused. */
const LATEST_OFFSET_MS = 14 * 3600 * 1000;

/**
 * The card-customer registry's use cases. Every method takes the caller's institution (from the
 * token) and works only through that institution's repository.
 */
@Injectable()
export class CardRegistryService {
  constructor(
    private readonly store: CardRegistryRepository,
    private readonly clock: Clock,
  ) {}

  async createCustomer(institutionId: string, command: CreateCustomerCommand): Promise<Customer> {
    const { cardScope: rawScope, ...raw } = command;
    const cardScope = parseCardScope(rawScope);
    const now = this.clock.now();
    const fields = validateCustomerFields(raw, this.today(now));
    const customer: Customer = {
      ...fields,
      id: randomUUID(),
      institutionId,
      cardScope,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.store.inInstitution(institutionId, async (repo) => {
      const outcome = await repo.insertCustomer(customer);
      assertRegistrable(cardScope, outcome.ok ? null : outcome.existingCustomerId);
      await repo.appendVersion({
        customerId: customer.id,
        version: 1,
        receivedAt: now,
        data: toCustomerView(customer),
      });
      return customer;
    });
  }

  async getCustomer(institutionId: string, id: string): Promise<Customer> {
    return this.store.readInInstitution(institutionId, (repo) => this.requireCustomer(repo, id));
  }

  async searchCustomers(institutionId: string, query: CustomerSearchQuery): Promise<PageOf<Customer>> {
    const regNo = query.regNo?.trim() ? normaliseRegNo(query.regNo) : undefined;
    const customerNumber = query.customerNumber?.trim()
      ? normaliseCustomerNumber(query.customerNumber)
      : undefined;
    const blank = (['regNo', 'customerNumber'] as const).filter(
      (k) => query[k] !== undefined && !query[k]?.trim(),
    );
    if (blank.length > 0) {
      throw validationFailed(
        blank.map((field) => ({ field, issues: ['required'], message: `${field} must not be blank` })),
      );
    }
    const { page, pageSize, offset, limit } = windowOf(query);
    // What a create would refuse can never be stored: a 400, not a query PostgreSQL rejects (NUL).
    const problems = [
      ...(regNo !== undefined && !isStorableText(regNo) ? ['regNo'] : []),
      ...(customerNumber !== undefined && !isStorableText(customerNumber) ? ['customerNumber'] : []),
    ];
    if (problems.length > 0) {
      throw validationFailed(
        problems.map((field) => ({
          field,
          issues: ['format'],
          message: `${field} must not contain control characters`,
        })),
      );
    }
    // No filter lists the institution's customers, a page at a time.
    const { items, total } = await this.store.readInInstitution(institutionId, (repo) =>
      repo.searchCustomers({ regNo, customerNumber, offset, limit }),
    );
    return { items, total, page, pageSize };
  }

  async patchCustomer(
    institutionId: string,
    id: string,
    patch: CustomerPatch,
    ifMatchHeader: string | undefined,
  ): Promise<Customer> {
    const ifMatch = parseIfMatch(ifMatchHeader);
    return this.store.inInstitution(institutionId, async (repo) => {
      const current = await this.requireCustomer(repo, id, true);
      const now = this.clock.now();
      const revision = reviseCustomer(current, patch, ifMatch, now, this.today(now));
      if (!revision.changed) return current;
      // The wallet rules hold after creation too: the holder of a live wallet card keeps a valid mobile.
      if (revision.customer.mobileNumber !== current.mobileNumber) {
        if ((await repo.countLiveWalletCardsOfCardholder(current.id)) > 0)
          assertWalletCardholder(revision.customer);
      }
      const outcome = await repo.updateCustomer(revision.customer, current.version);
      assertRegistrable(current.cardScope, outcome.ok ? null : outcome.existingCustomerId);
      const next = revision.customer;
      await repo.appendVersion({
        customerId: next.id,
        version: next.version,
        receivedAt: now,
        data: toCustomerView(next),
      });
      return next;
    });
  }

  /** One page of the customer's versions as received, oldest first. */
  async customerHistory(
    institutionId: string,
    id: string,
    request: PageRequest = {},
  ): Promise<PageOf<CustomerVersionView>> {
    const { page, pageSize, offset, limit } = windowOf(request);
    return this.store.inInstitution(institutionId, async (repo) => {
      await this.requireCustomer(repo, id);
      const { items, total } = await repo.listVersions(id, { offset, limit });
      return {
        items: items.map((v) => ({
          version: v.version,
          receivedAt: v.receivedAt.toISOString(),
          data: completeCustomerView(v.data),
        })),
        total,
        page,
        pageSize,
      };
    });
  }

  async createAccount(institutionId: string, command: CreateAccountCommand): Promise<Account> {
    const terms = validateAccountTerms(command);
    return this.store.inInstitution(institutionId, async (repo) => {
      await this.requireCustomer(repo, command.ownerCustomerId);
      const account: Account = {
        id: randomUUID(),
        institutionId,
        ownerCustomerId: command.ownerCustomerId,
        currency: terms.currency,
        creditLimit: terms.creditLimit,
        createdAt: this.clock.now(),
      };
      await repo.insertAccount(account);
      return account;
    });
  }

  async getAccount(institutionId: string, id: string): Promise<Account> {
    return this.store.inInstitution(institutionId, async (repo) => {
      const account = UUID.test(id) ? await repo.findAccount(id) : null;
      if (!account) throw domainError(CardRegistryErrors.ACCOUNT_NOT_FOUND);
      return account;
    });
  }

  async createCard(institutionId: string, command: CreateCardCommand): Promise<Card> {
    const embossName = validateEmbossName(command.embossName);
    const expiryDate = validateExpiryDate(command.expiryDate, currentMonth(this.clock.now()));
    return this.store.inInstitution(institutionId, async (repo) => {
      const account = UUID.test(command.accountId) ? await repo.findAccount(command.accountId) : null;
      if (!account) throw domainError(CardRegistryErrors.ACCOUNT_NOT_FOUND);
      // The cardholder row is locked so two cards for one DEDICATED customer are decided one after the other.
      const cardholder = await this.requireCustomer(repo, command.cardholderCustomerId, true);
      const cardCount = await repo.countCardsOfCardholder(cardholder.id);
      assertCardIssuable(
        { cardScope: cardholder.cardScope, mobileNumber: cardholder.mobileNumber, cardCount },
        command.digitalWalletEnabled,
      );
      const now = this.clock.now();
      const card: Card = {
        id: randomUUID(),
        institutionId,
        accountId: account.id,
        cardholderCustomerId: cardholder.id,
        digitalWalletEnabled: command.digitalWalletEnabled,
        embossName,
        status: 'ACTIVE',
        expiryDate,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await repo.insertCard(card, cardholder.cardScope);
      await repo.appendCardVersion({
        cardId: card.id,
        version: 1,
        receivedAt: now,
        data: toCardView(card),
      });
      return card;
    });
  }

  async getCard(institutionId: string, id: string): Promise<Card> {
    return this.store.readInInstitution(institutionId, (repo) => this.requireCard(repo, id));
  }

  /** The cards the customer holds (as cardholder), oldest first. */
  async cardsOfCustomer(institutionId: string, customerId: string): Promise<Card[]> {
    return this.store.inInstitution(institutionId, async (repo) => {
      await this.requireCustomer(repo, customerId);
      return repo.listCardsOfCardholder(customerId);
    });
  }

  /**
   * Changes a card's status (ACTIVE <-> BLOCKED, either -> CLOSED, terminal), its wallet switch
   * (the wallet rules are checked again when it is turned on) and its expiry; optimistic
   * concurrency with If-Match, one new version per change. The card row is locked first, then
   * (turning the wallet on) the cardholder's, so a parallel PATCH of the cardholder's mobile
   * number is decided before or after, never beside.
   */
  async patchCard(
    institutionId: string,
    id: string,
    patch: CardPatch,
    ifMatchHeader: string | undefined,
  ): Promise<Card> {
    const ifMatch = parseIfMatch(ifMatchHeader);
    return this.store.inInstitution(institutionId, async (repo) => {
      const current = await this.requireCard(repo, id, true);
      const now = this.clock.now();
      const revision = reviseCard(current, patch, ifMatch, now, currentMonth(now));
      if (!revision.changed) return current;
      if (revision.walletTurnedOn) {
        const cardholder = await this.requireCustomer(repo, current.cardholderCustomerId, true);
        assertWalletCardholder(cardholder);
      }
      const next = revision.card;
      await repo.updateCard(next, current.version);
      await repo.appendCardVersion({
        cardId: next.id,
        version: next.version,
        receivedAt: now,
        data: toCardView(next),
      });
      return next;
    });
  }

  /** One page of the card's versions, oldest first. */
  async cardHistory(
    institutionId: string,
    id: string,
    request: PageRequest = {},
  ): Promise<PageOf<CardVersionView>> {
    const { page, pageSize, offset, limit } = windowOf(request);
    return this.store.inInstitution(institutionId, async (repo) => {
      await this.requireCard(repo, id);
      const { items, total } = await repo.listCardVersions(id, { offset, limit });
      return {
        items: items.map((v) => ({
          version: v.version,
          receivedAt: v.receivedAt.toISOString(),
          data: v.data,
        })),
        total,
        page,
        pageSize,
      };
    });
  }

  /**
   * The export as chunks of text (CSV with its header row, or NDJSON), streamed from the store;
   * `onRow` is called once per customer written (the file export counts rows with it).
   */
  exportCustomers(
    institutionId: string,
    format: ExportFormat,
    changedSince: Date | null,
    onRow?: () => void,
  ): AsyncIterable<string | Uint8Array> {
    return this.store.exportText('customers', institutionId, format, { changedSince }, onRow);
  }

  /** The account export: accounts created at or after `changedSince` (accounts never change). */
  exportAccounts(
    institutionId: string,
    format: ExportFormat,
    changedSince: Date | null,
  ): AsyncIterable<string | Uint8Array> {
    return this.store.exportText('accounts', institutionId, format, { changedSince });
  }

  /** The card export: current versions changed at or after `changedSince`. */
  exportCards(
    institutionId: string,
    format: ExportFormat,
    changedSince: Date | null,
  ): AsyncIterable<string | Uint8Array> {
    return this.store.exportText('cards', institutionId, format, { changedSince });
  }

  private async requireCard(repo: InstitutionCardRepository, id: string, lock = false): Promise<Card> {
    const card = UUID.test(id) ? await repo.findCard(id, { lock }) : null;
    if (!card) throw domainError(CardRegistryErrors.CARD_NOT_FOUND);
    return card;
  }

  private async requireCustomer(
    repo: InstitutionCardRepository,
    id: string,
    lock = false,
  ): Promise<Customer> {
    const customer = UUID.test(id) ? await repo.findCustomer(id, { lock }) : null;
    if (!customer) throw domainError(CardRegistryErrors.CUSTOMER_NOT_FOUND);
    return customer;
  }

  private today(now: Date): string {
    return utcCalendarDate(new Date(now.getTime() + LATEST_OFFSET_MS));
  }
}

/** YYYY-MM of the instant, in UTC. */
function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

function parseCardScope(raw: unknown): CardScope {
  if (raw === undefined || raw === null) return 'SHARED';
  if (!CARD_SCOPES.includes(raw as CardScope)) {
    throw validationFailed([
      { field: 'cardScope', issues: ['isIn'], message: `cardScope must be one of ${CARD_SCOPES.join(', ')}` },
    ]);
  }
  return raw as CardScope;
}
