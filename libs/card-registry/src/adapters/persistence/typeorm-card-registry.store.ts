import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import QueryStream from 'pg-query-stream';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction, pgErrorCode, UNIQUE_VIOLATION } from '@hub/platform';
import {
  CardRegistryStore,
  type CustomerSearch,
  type CustomerVersion,
  type ExportFilter,
  type InstitutionCardRepository,
  type RegNoOutcome,
} from '../../application/ports/card-registry.store';
import type { Account } from '../../domain/account';
import type { Card } from '../../domain/card';
import { CardRegistryErrors } from '../../domain/card-registry.errors';
import type { Customer } from '../../domain/customer';
import type { CustomerRecord } from '../../domain/customer-record';
import {
  accountFromRow,
  CUSTOMER_COLUMNS,
  CUSTOMER_WRITE_COLUMNS,
  customerFromRow,
  customerValues,
  type AccountRow,
  type CustomerRow,
} from './card-registry.mapper';

/** Rows fetched per cursor round trip when exporting. */
const EXPORT_BATCH_SIZE = 1000;

type PgClient = { query(stream: QueryStream): QueryStream };
type PgDriver = { obtainMasterConnection(): Promise<[PgClient, (error?: unknown) => void]> };

@Injectable()
export class TypeormCardRegistryStore extends CardRegistryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  inInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.dataSource, (manager) =>
      work(new InstitutionScopedCardRepository(manager, institutionId)),
    );
  }

  async *streamCustomers(institutionId: string, filter: ExportFilter): AsyncGenerator<Customer> {
    const params: unknown[] = [institutionId];
    let where = 'institution_id = $1';
    if (filter.changedSince) {
      params.push(filter.changedSince);
      where += ' AND updated_at >= $2';
    }
    // One statement through a server-side cursor: one consistent snapshot, EXPORT_BATCH_SIZE rows in
    // memory at a time, and the next batch is fetched only when the consumer has read this one.
    const [client, release] = await (this.dataSource.driver as unknown as PgDriver).obtainMasterConnection();
    const stream = client.query(
      new QueryStream(
        `SELECT ${CUSTOMER_COLUMNS} FROM card_customers WHERE ${where} ORDER BY updated_at, id`,
        params,
        {
          batchSize: EXPORT_BATCH_SIZE,
          highWaterMark: EXPORT_BATCH_SIZE,
        },
      ),
    );
    let completed = false;
    try {
      for await (const row of stream) yield customerFromRow(row as CustomerRow);
      completed = true;
    } finally {
      stream.destroy();
      // A cursor abandoned half way (client gone) may leave the connection mid-protocol: discard it.
      release(completed ? undefined : new Error('export stream abandoned'));
    }
  }
}

/**
 * The one place the card tables are queried. Bound to one institution at construction, it passes
 * that institution as `$1` of every statement (see `run`) and every statement filters on
 * `institution_id = $1`, so no use case can read or change another institution's rows: a foreign
 * id simply is not found.
 */
class InstitutionScopedCardRepository implements InstitutionCardRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly institutionId: string,
  ) {}

  private run<R = unknown>(sql: string, ...params: unknown[]): Promise<R> {
    return this.manager.query(sql, [this.institutionId, ...params]) as Promise<R>;
  }

  async findCustomer(id: string, options: { lock?: boolean } = {}): Promise<Customer | null> {
    const rows = await this.run<CustomerRow[]>(
      `SELECT ${CUSTOMER_COLUMNS} FROM card_customers WHERE institution_id = $1 AND id = $2${options.lock ? ' FOR NO KEY UPDATE' : ''}`,
      id,
    );
    return rows[0] ? customerFromRow(rows[0]) : null;
  }

  async searchCustomers(search: CustomerSearch): Promise<Customer[]> {
    const rows = await this.run<CustomerRow[]>(
      `SELECT ${CUSTOMER_COLUMNS} FROM card_customers
        WHERE institution_id = $1 AND ($2::text IS NULL OR reg_no = $2) AND ($3::text IS NULL OR customer_number = $3)
        ORDER BY created_at, id`,
      search.regNo ?? null,
      search.customerNumber ?? null,
    );
    return rows.map(customerFromRow);
  }

  async insertCustomer(customer: Customer): Promise<RegNoOutcome> {
    // The customer's own institution is $1 (the repository's); its other values follow.
    const values = customerValues(customer, this.institutionId).slice(2);
    const placeholders = ['$2', '$1', ...values.map((_, i) => `$${i + 3}`)];
    const inserted = await this.run<Array<{ id: string }>>(
      `INSERT INTO card_customers (${CUSTOMER_WRITE_COLUMNS.join(', ')})
       VALUES (${placeholders.join(', ')})
       ON CONFLICT (institution_id, reg_no) WHERE "card_scope" = 'SHARED' DO NOTHING
       RETURNING id`,
      customer.id,
      ...values,
    );
    if (inserted.length === 1) return { ok: true };
    return {
      ok: false,
      existingCustomerId: await this.sharedCustomerIdWithRegNo(customer.regNo, customer.id),
    };
  }

  async updateCustomer(customer: Customer, expectedVersion: number): Promise<RegNoOutcome> {
    const values = customerValues(customer, this.institutionId).slice(2, -2); // type .. version
    const columns = CUSTOMER_WRITE_COLUMNS.slice(2, -2);
    const assignments = columns.map((column, i) => `${column} = $${i + 4}`).join(', ');
    await this.manager.query('SAVEPOINT card_customer_update');
    try {
      const result = await this.run<[unknown[], number]>(
        `UPDATE card_customers SET ${assignments}, updated_at = $${columns.length + 4}
          WHERE institution_id = $1 AND id = $2 AND version = $3`,
        customer.id,
        expectedVersion,
        ...values,
        customer.updatedAt,
      );
      if (result[1] !== 1) throw CardRegistryErrors.versionMismatch(expectedVersion);
    } catch (error) {
      if (pgErrorCode(error) !== UNIQUE_VIOLATION) throw error;
      await this.manager.query('ROLLBACK TO SAVEPOINT card_customer_update');
      return {
        ok: false,
        existingCustomerId: await this.sharedCustomerIdWithRegNo(customer.regNo, customer.id),
      };
    }
    await this.manager.query('RELEASE SAVEPOINT card_customer_update');
    return { ok: true };
  }

  private async sharedCustomerIdWithRegNo(regNo: string, exceptId: string): Promise<string> {
    const rows = await this.run<Array<{ id: string }>>(
      `SELECT id FROM card_customers WHERE institution_id = $1 AND reg_no = $2 AND card_scope = 'SHARED' AND id <> $3`,
      regNo,
      exceptId,
    );
    if (!rows[0]) throw new Error('regNo conflict without a conflicting customer');
    return rows[0].id;
  }

  async appendVersion(version: CustomerVersion): Promise<void> {
    await this.run(
      `INSERT INTO card_customer_versions (institution_id, customer_id, version, received_at, data)
       SELECT $1, $2, $3, $4, $5::jsonb
        WHERE EXISTS (SELECT 1 FROM card_customers WHERE institution_id = $1 AND id = $2)`,
      version.customerId,
      version.version,
      version.receivedAt,
      JSON.stringify(version.data),
    );
  }

  async listVersions(customerId: string): Promise<CustomerVersion[]> {
    const rows = await this.run<
      Array<{ customer_id: string; version: number; received_at: Date; data: CustomerRecord }>
    >(
      `SELECT customer_id, version, received_at, data FROM card_customer_versions
        WHERE institution_id = $1 AND customer_id = $2 ORDER BY version`,
      customerId,
    );
    return rows.map((r) => ({
      customerId: r.customer_id,
      version: r.version,
      receivedAt: new Date(r.received_at),
      data: r.data,
    }));
  }

  async insertAccount(account: Account): Promise<void> {
    // The owner must be one of this institution's customers: checked in the same statement.
    const result = await this.run<unknown[]>(
      `INSERT INTO card_accounts (institution_id, id, owner_customer_id, currency, credit_limit, created_at)
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM card_customers WHERE institution_id = $1 AND id = $3)
       RETURNING id`,
      account.id,
      account.ownerCustomerId,
      account.currency,
      account.creditLimit,
      account.createdAt,
    );
    if (result.length !== 1) throw CardRegistryErrors.customerNotFound();
  }

  async findAccount(id: string): Promise<Account | null> {
    const rows = await this.run<AccountRow[]>(
      `SELECT id, institution_id, owner_customer_id, currency, credit_limit, created_at FROM card_accounts WHERE institution_id = $1 AND id = $2`,
      id,
    );
    return rows[0] ? accountFromRow(rows[0]) : null;
  }

  async countCardsOfCardholder(customerId: string): Promise<number> {
    const rows = await this.run<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM card_cards WHERE institution_id = $1 AND cardholder_customer_id = $2`,
      customerId,
    );
    return rows[0].n;
  }

  async insertCard(card: Card, cardholderScope: Customer['cardScope']): Promise<void> {
    try {
      const result = await this.run<unknown[]>(
        `INSERT INTO card_cards (institution_id, id, account_id, cardholder_customer_id, cardholder_scope, digital_wallet_enabled, emboss_name, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8
          WHERE EXISTS (SELECT 1 FROM card_accounts WHERE institution_id = $1 AND id = $3)
            AND EXISTS (SELECT 1 FROM card_customers WHERE institution_id = $1 AND id = $4)
         RETURNING id`,
        card.id,
        card.accountId,
        card.cardholderCustomerId,
        cardholderScope,
        card.digitalWalletEnabled,
        card.embossName,
        card.createdAt,
      );
      if (result.length !== 1) throw CardRegistryErrors.accountNotFound();
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) throw CardRegistryErrors.cardholderAlreadyHasCard();
      throw error;
    }
  }
}
