import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { utcCalendarDate } from '@hub/shared-kernel';
import { validateAccountTerms, type Account } from '../domain/account';
import { assertCardIssuable, validateEmbossName, type Card } from '../domain/card';
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
  formatExport,
  toCustomerRecord,
  type CustomerVersionRecord,
  type ExportFormat,
} from '../domain/customer-record';
import { parseIfMatch, reviseCustomer, type CustomerPatch } from '../domain/customer-version';
import { assertRegistrable } from '../domain/registration';
import { CardRegistryStore, type InstitutionCardRepository } from './ports/card-registry.store';
import { Clock } from './ports/clock';

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
}

export interface CustomerSearchQuery {
  readonly regNo?: string;
  readonly customerNumber?: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
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
    private readonly store: CardRegistryStore,
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
        data: toCustomerRecord(customer),
      });
      return customer;
    });
  }

  async getCustomer(institutionId: string, id: string): Promise<Customer> {
    return this.store.inInstitution(institutionId, (repo) => this.requireCustomer(repo, id));
  }

  async searchCustomers(
    institutionId: string,
    query: CustomerSearchQuery,
  ): Promise<{ items: Customer[]; total: number }> {
    const regNo = query.regNo?.trim() ? normaliseRegNo(query.regNo) : undefined;
    const customerNumber = query.customerNumber?.trim()
      ? normaliseCustomerNumber(query.customerNumber)
      : undefined;
    if (regNo === undefined && customerNumber === undefined) {
      throw CardRegistryErrors.validationFailed([
        { field: 'regNo', issues: ['required'], message: 'Give regNo or customerNumber (or both)' },
      ]);
    }
    // What a create would refuse can never be stored: a 400, not a query PostgreSQL rejects (NUL).
    const problems = [
      ...(regNo !== undefined && CONTROL_CHARACTERS.test(regNo) ? ['regNo'] : []),
      ...(customerNumber !== undefined && CONTROL_CHARACTERS.test(customerNumber) ? ['customerNumber'] : []),
    ];
    if (problems.length > 0) {
      throw CardRegistryErrors.validationFailed(
        problems.map((field) => ({
          field,
          issues: ['format'],
          message: `${field} must not contain control characters`,
        })),
      );
    }
    const items = await this.store.inInstitution(institutionId, (repo) =>
      repo.searchCustomers({ regNo, customerNumber }),
    );
    return { items, total: items.length };
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
      const outcome = await repo.updateCustomer(revision.customer, current.version);
      assertRegistrable(current.cardScope, outcome.ok ? null : outcome.existingCustomerId);
      const next = revision.customer;
      await repo.appendVersion({
        customerId: next.id,
        version: next.version,
        receivedAt: now,
        data: toCustomerRecord(next),
      });
      return next;
    });
  }

  async customerHistory(institutionId: string, id: string): Promise<CustomerVersionRecord[]> {
    return this.store.inInstitution(institutionId, async (repo) => {
      await this.requireCustomer(repo, id);
      const versions = await repo.listVersions(id);
      return versions.map((v) => ({
        version: v.version,
        receivedAt: v.receivedAt.toISOString(),
        data: v.data,
      }));
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

  async createCard(institutionId: string, command: CreateCardCommand): Promise<Card> {
    const embossName = validateEmbossName(command.embossName);
    return this.store.inInstitution(institutionId, async (repo) => {
      const account = UUID.test(command.accountId) ? await repo.findAccount(command.accountId) : null;
      if (!account) throw CardRegistryErrors.accountNotFound();
      // The cardholder row is locked so two cards for one DEDICATED customer are decided one after the other.
      const cardholder = await this.requireCustomer(repo, command.cardholderCustomerId, true);
      const cardCount = await repo.countCardsOfCardholder(cardholder.id);
      assertCardIssuable(
        { cardScope: cardholder.cardScope, mobileNumber: cardholder.mobileNumber, cardCount },
        command.digitalWalletEnabled,
      );
      const card: Card = {
        id: randomUUID(),
        institutionId,
        accountId: account.id,
        cardholderCustomerId: cardholder.id,
        digitalWalletEnabled: command.digitalWalletEnabled,
        embossName,
        createdAt: this.clock.now(),
      };
      await repo.insertCard(card, cardholder.cardScope);
      return card;
    });
  }

  /**
   * The export as text chunks (CSV with its header row, or NDJSON), streamed from the store;
   * `onRow` is called once per customer written (the file export counts rows with it).
   */
  exportCustomers(
    institutionId: string,
    format: ExportFormat,
    changedSince: Date | null,
    onRow?: () => void,
  ): AsyncGenerator<string> {
    return formatExport(
      this.store.streamCustomers(institutionId, { changedSince }),
      format,
      undefined,
      onRow,
    );
  }

  private async requireCustomer(
    repo: InstitutionCardRepository,
    id: string,
    lock = false,
  ): Promise<Customer> {
    const customer = UUID.test(id) ? await repo.findCustomer(id, { lock }) : null;
    if (!customer) throw CardRegistryErrors.customerNotFound();
    return customer;
  }

  private today(now: Date): string {
    return utcCalendarDate(new Date(now.getTime() + LATEST_OFFSET_MS));
  }
}

function parseCardScope(raw: unknown): CardScope {
  if (raw === undefined || raw === null) return 'SHARED';
  if (!CARD_SCOPES.includes(raw as CardScope)) {
    throw CardRegistryErrors.validationFailed([
      { field: 'cardScope', issues: ['isIn'], message: `cardScope must be one of ${CARD_SCOPES.join(', ')}` },
    ]);
  }
  return raw as CardScope;
}
