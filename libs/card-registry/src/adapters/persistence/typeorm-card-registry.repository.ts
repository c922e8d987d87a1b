// Over 300 lines on purpose: the one SQL adapter of CardRegistryRepository: every statement carries
// the same institution filter and row-lock protocol, kept side by side so that protocol is read in
// one place.
import { domainError } from '@hub/shared-kernel';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLiteral, type PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, type EntityManager } from 'typeorm';
import {
  inTransaction,
  obtainReadConnection,
  pgErrorCode,
  readOnly,
  UNIQUE_VIOLATION,
  withoutClientTimeout,
} from '@hub/platform';
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
} from '../../application/ports/card-registry.repository';
import type { Account } from '../../domain/account';
import type { Card } from '../../domain/card';
import { CardRegistryErrors } from '../../domain/card-registry.errors';
import type { Customer } from '../../domain/customer';
import type { CardView, CustomerView, ExportFormat, ExportKind } from '../../domain/customer-views';
import {
  ACCOUNT_COLUMNS,
  accountFromRow,
  CARD_COLUMNS,
  cardFromRow,
  EXPORT_FILE_COLUMNS,
  exportFileFromRow,
  type CardRow,
  type ExportFileRow,
  CUSTOMER_COLUMNS,
  CUSTOMER_WRITE_COLUMNS,
  customerFromRow,
  customerValues,
  type AccountRow,
  type CustomerRow,
} from './card-registry.mapper';
import { exportCopySql, exportHeader } from './card-export.sql';
import { CopyExportStream } from './copy-export-stream';

/** Rows fetched per cursor round trip when exporting. */
const EXPORT_BATCH_SIZE = 1000;

type PgClient = { query(stream: QueryStream): QueryStream };

/** The two append-only version tables (a customer's, a card's) and the row each version belongs to. */
const VERSION_TABLES = {
  customer: { versions: 'card_customer_versions', owners: 'card_customers', ownerId: 'customer_id' },
  card: { versions: 'card_card_versions', owners: 'card_cards', ownerId: 'card_id' },
} as const;
type VersionTable = (typeof VERSION_TABLES)[keyof typeof VERSION_TABLES];
type VersionRow<D> = { owner_id: string; version: number; received_at: Date; data: D };

@Injectable()
export class TypeormCardRegistryRepository extends CardRegistryRepository {
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

  /** On a replica when DATABASE_REPLICA_URLS names one (no transaction: each read is one statement). */
  override readInInstitution<T>(
    institutionId: string,
    work: (repository: InstitutionCardRepository) => Promise<T>,
  ): Promise<T> {
    return readOnly(this.dataSource, (manager) =>
      work(new InstitutionScopedCardRepository(manager, institutionId)),
    );
  }

  streamCustomers(institutionId: string, filter: ExportFilter): AsyncGenerator<Customer> {
    return this.streamChanged<CustomerRow, Customer>(
      `SELECT ${CUSTOMER_COLUMNS} FROM card_customers`,
      'updated_at',
      institutionId,
      filter,
      customerFromRow,
    );
  }

  streamAccounts(institutionId: string, filter: ExportFilter): AsyncGenerator<Account> {
    return this.streamChanged<AccountRow, Account>(
      `SELECT ${ACCOUNT_COLUMNS} FROM card_accounts`,
      'created_at',
      institutionId,
      filter,
      accountFromRow,
    );
  }

  streamCards(institutionId: string, filter: ExportFilter): AsyncGenerator<Card> {
    return this.streamChanged<CardRow, Card>(
      `SELECT ${CARD_COLUMNS} FROM card_cards`,
      'updated_at',
      institutionId,
      filter,
      cardFromRow,
    );
  }

  /**
   * The export formed by PostgreSQL (`CopyExportStream`): `COPY (SELECT …) TO STDOUT`, the bytes
   * passed on without a JavaScript object per row, in one read-only transaction (one snapshot).
   * On a replica when DATABASE_REPLICA_URLS names one (an export is a read).
   */
  override exportText(
    kind: ExportKind,
    institutionId: string,
    format: ExportFormat,
    filter: ExportFilter,
    onRow?: () => void,
  ): AsyncIterable<string | Uint8Array> {
    const sql = exportCopySql(
      kind,
      format,
      escapeLiteral(institutionId),
      filter.changedSince ? `${escapeLiteral(filter.changedSince.toISOString())}::timestamptz` : null,
    );
    return new CopyExportStream(
      () => obtainReadConnection<PoolClient>(this.dataSource),
      sql,
      exportHeader(kind, format),
      format,
      onRow,
    );
  }

  streamCustomerVersions(institutionId: string, range: TimeRange): AsyncGenerator<CustomerView> {
    return this.stream<{ data: CustomerView }, CustomerView>(
      `SELECT data FROM card_customer_versions
        WHERE institution_id = $1 AND received_at >= $2 AND received_at < $3
        ORDER BY received_at, customer_id, version`,
      [institutionId, range.from, range.to],
      (r) => r.data,
    );
  }

  streamCardVersions(institutionId: string, range: TimeRange): AsyncGenerator<CardView> {
    return this.stream<{ data: CardView }, CardView>(
      `SELECT data FROM card_card_versions
        WHERE institution_id = $1 AND received_at >= $2 AND received_at < $3
        ORDER BY received_at, card_id, version`,
      [institutionId, range.from, range.to],
      (r) => r.data,
    );
  }

  streamAccountsCreated(institutionId: string, range: TimeRange): AsyncGenerator<Account> {
    return this.stream<AccountRow, Account>(
      `SELECT ${ACCOUNT_COLUMNS} FROM card_accounts
        WHERE institution_id = $1 AND created_at >= $2 AND created_at < $3
        ORDER BY created_at, id`,
      [institutionId, range.from, range.to],
      accountFromRow,
    );
  }

  async missingExportFiles(
    fromDay: string,
    toDay: string,
    kinds: readonly ExportKind[],
  ): Promise<ExportFileKey[]> {
    const rows = await this.dataSource.query<
      Array<{ institution_id: string; kind: ExportKind; period: string }>
    >(
      `WITH institutions AS (
         SELECT institution_id, (min(created_at) AT TIME ZONE 'UTC')::date AS first_day
           FROM card_customers GROUP BY institution_id
       ), days AS (
         SELECT i.institution_id, d::date AS period
           FROM institutions i,
                generate_series(greatest($1::date, i.first_day), $2::date, interval '1 day') AS d
       )
       SELECT days.institution_id, k.kind, days.period::text AS period
         FROM days CROSS JOIN unnest($3::text[]) AS k(kind)
        WHERE NOT EXISTS (
          SELECT 1 FROM card_export_files f
           WHERE f.institution_id = days.institution_id AND f.kind = k.kind AND f.period = days.period)
        ORDER BY days.period, days.institution_id, k.kind`,
      [fromDay, toDay, kinds],
    );
    return rows.map((r) => ({ institutionId: r.institution_id, kind: r.kind, period: r.period }));
  }

  claimExportFile(
    key: ExportFileKey,
    createdAt: Date,
    write: () => Promise<ExportFileContent>,
  ): Promise<ExportFileView | null> {
    return inTransaction(this.dataSource, async (manager) => {
      // The unique (institution_id, kind, period) is the claim: a second instance's insert waits
      // for this transaction and then does nothing; if this one fails, the claim goes with it.
      const id = randomUUID();
      const claimed = await manager.query<unknown[]>(
        `INSERT INTO card_export_files (id, institution_id, kind, period, format, file_name, row_count, byte_count, sha256, created_at)
         VALUES ($1, $2, $3, $4, '', '', 0, 0, '', $5)
         ON CONFLICT (institution_id, kind, period) DO NOTHING RETURNING id`,
        [id, key.institutionId, key.kind, key.period, createdAt],
      );
      if (claimed.length === 0) return null;
      const content = await write();
      const rows = await manager.query<[ExportFileRow[], number]>(
        `UPDATE card_export_files SET format = $2, file_name = $3, row_count = $4, byte_count = $5, sha256 = $6
          WHERE id = $1 RETURNING ${EXPORT_FILE_COLUMNS}`,
        [id, content.format, content.fileName, content.rowCount, content.byteCount, content.sha256],
      );
      return exportFileFromRow(rows[0][0]);
    });
  }

  /** Rows of one institution changed (`column`) at or after `changedSince`, oldest first. */
  private streamChanged<R, T>(
    select: string,
    column: 'updated_at' | 'created_at',
    institutionId: string,
    filter: ExportFilter,
    map: (row: R) => T,
  ): AsyncGenerator<T> {
    const params: unknown[] = [institutionId];
    let where = 'institution_id = $1';
    if (filter.changedSince) {
      params.push(filter.changedSince);
      where += ` AND ${column} >= $2`;
    }
    return this.stream(`${select} WHERE ${where} ORDER BY ${column}, id`, params, map);
  }

  private async *stream<R, T>(sql: string, params: unknown[], map: (row: R) => T): AsyncGenerator<T> {
    // One statement through a server-side cursor: one consistent snapshot, EXPORT_BATCH_SIZE rows in
    // memory at a time, and the next batch is fetched only when the consumer has read this one.
    const [client, release] = await obtainReadConnection<PgClient>(this.dataSource);
    // An export may stream for minutes: only the server's statement_timeout bounds it.
    const stream = client.query(
      withoutClientTimeout(
        new QueryStream(sql, params, { batchSize: EXPORT_BATCH_SIZE, highWaterMark: EXPORT_BATCH_SIZE }),
      ),
    );
    let completed = false;
    try {
      for await (const row of stream) yield map(row as R);
      completed = true;
    } finally {
      stream.destroy();
      // pg's read timer is cleared through the query's callback, which an abandoned cursor never calls.
      (stream as unknown as { callback?: () => void }).callback?.();
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

  async searchCustomers(search: CustomerSearch): Promise<{ items: Customer[]; total: number }> {
    const where = `institution_id = $1 AND ($2::text IS NULL OR reg_no = $2) AND ($3::text IS NULL OR customer_number = $3)`;
    const filters = [search.regNo ?? null, search.customerNumber ?? null] as const;
    const rows = await this.run<CustomerRow[]>(
      `SELECT ${CUSTOMER_COLUMNS} FROM card_customers WHERE ${where} ORDER BY created_at, id LIMIT $4 OFFSET $5`,
      ...filters,
      search.limit,
      search.offset,
    );
    const [{ total }] = await this.run<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM card_customers WHERE ${where}`,
      ...filters,
    );
    return { items: rows.map(customerFromRow), total };
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
      if (result[1] !== 1)
        throw domainError(CardRegistryErrors.VERSION_MISMATCH, [{ currentVersion: expectedVersion }]);
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

  /** Appends one version of a customer or a card, only when that customer or card is the institution's. */
  private async appendVersionRow(
    table: VersionTable,
    ownerId: string,
    version: number,
    receivedAt: Date,
    data: unknown,
  ): Promise<void> {
    await this.run(
      `INSERT INTO ${table.versions} (institution_id, ${table.ownerId}, version, received_at, data)
       SELECT $1, $2, $3, $4, $5::jsonb
        WHERE EXISTS (SELECT 1 FROM ${table.owners} WHERE institution_id = $1 AND id = $2)`,
      ownerId,
      version,
      receivedAt,
      JSON.stringify(data),
    );
  }

  /** One page of a customer's or a card's versions, ordered by version, and how many there are. */
  private async listVersionRows<D>(
    table: VersionTable,
    ownerId: string,
    window: PageWindow,
  ): Promise<{ rows: Array<VersionRow<D>>; total: number }> {
    // (owner, version) is the primary key: the order is total, so pages never overlap or skip.
    const rows = await this.run<Array<VersionRow<D>>>(
      `SELECT ${table.ownerId} AS owner_id, version, received_at, data FROM ${table.versions}
        WHERE institution_id = $1 AND ${table.ownerId} = $2 ORDER BY version LIMIT $3 OFFSET $4`,
      ownerId,
      window.limit,
      window.offset,
    );
    const [{ total }] = await this.run<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM ${table.versions} WHERE institution_id = $1 AND ${table.ownerId} = $2`,
      ownerId,
    );
    return { rows, total };
  }

  async appendVersion(version: CustomerVersion): Promise<void> {
    await this.appendVersionRow(
      VERSION_TABLES.customer,
      version.customerId,
      version.version,
      version.receivedAt,
      version.data,
    );
  }

  async listVersions(
    customerId: string,
    window: PageWindow,
  ): Promise<{ items: CustomerVersion[]; total: number }> {
    const { rows, total } = await this.listVersionRows<CustomerView>(
      VERSION_TABLES.customer,
      customerId,
      window,
    );
    return {
      items: rows.map((r) => ({
        customerId: r.owner_id,
        version: r.version,
        receivedAt: new Date(r.received_at),
        data: r.data,
      })),
      total,
    };
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
    if (result.length !== 1) throw domainError(CardRegistryErrors.CUSTOMER_NOT_FOUND);
  }

  async findAccount(id: string): Promise<Account | null> {
    const rows = await this.run<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM card_accounts WHERE institution_id = $1 AND id = $2`,
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

  async countLiveWalletCardsOfCardholder(customerId: string): Promise<number> {
    const rows = await this.run<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM card_cards
        WHERE institution_id = $1 AND cardholder_customer_id = $2 AND digital_wallet_enabled AND status <> 'CLOSED'`,
      customerId,
    );
    return rows[0].n;
  }

  async findCard(id: string, options: { lock?: boolean } = {}): Promise<Card | null> {
    const rows = await this.run<CardRow[]>(
      `SELECT ${CARD_COLUMNS} FROM card_cards WHERE institution_id = $1 AND id = $2${options.lock ? ' FOR NO KEY UPDATE' : ''}`,
      id,
    );
    return rows[0] ? cardFromRow(rows[0]) : null;
  }

  async listCardsOfCardholder(customerId: string): Promise<Card[]> {
    const rows = await this.run<CardRow[]>(
      `SELECT ${CARD_COLUMNS} FROM card_cards WHERE institution_id = $1 AND cardholder_customer_id = $2 ORDER BY created_at, id`,
      customerId,
    );
    return rows.map(cardFromRow);
  }

  async updateCard(card: Card, expectedVersion: number): Promise<void> {
    const result = await this.run<[unknown[], number]>(
      `UPDATE card_cards SET status = $4, digital_wallet_enabled = $5, expiry_date = $6, version = $7, updated_at = $8
        WHERE institution_id = $1 AND id = $2 AND version = $3`,
      card.id,
      expectedVersion,
      card.status,
      card.digitalWalletEnabled,
      card.expiryDate,
      card.version,
      card.updatedAt,
    );
    if (result[1] !== 1)
      throw domainError(CardRegistryErrors.CARD_VERSION_MISMATCH, [{ currentVersion: expectedVersion }]);
  }

  async appendCardVersion(version: CardVersion): Promise<void> {
    await this.appendVersionRow(
      VERSION_TABLES.card,
      version.cardId,
      version.version,
      version.receivedAt,
      version.data,
    );
  }

  async listCardVersions(
    cardId: string,
    window: PageWindow,
  ): Promise<{ items: CardVersion[]; total: number }> {
    const { rows, total } = await this.listVersionRows<CardView>(VERSION_TABLES.card, cardId, window);
    return {
      items: rows.map((r) => ({
        cardId: r.owner_id,
        version: r.version,
        receivedAt: new Date(r.received_at),
        data: r.data,
      })),
      total,
    };
  }

  async listExportFiles(filter: ExportFileFilter): Promise<{ items: ExportFileView[]; total: number }> {
    const where = `institution_id = $1 AND ($2::text IS NULL OR kind = $2)
          AND ($3::date IS NULL OR period >= $3) AND ($4::date IS NULL OR period <= $4)`;
    const filters = [filter.kind ?? null, filter.from ?? null, filter.to ?? null] as const;
    const rows = await this.run<ExportFileRow[]>(
      `SELECT ${EXPORT_FILE_COLUMNS} FROM card_export_files WHERE ${where}
        ORDER BY period DESC, kind LIMIT $5 OFFSET $6`,
      ...filters,
      filter.limit,
      filter.offset,
    );
    const [{ total }] = await this.run<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM card_export_files WHERE ${where}`,
      ...filters,
    );
    return { items: rows.map(exportFileFromRow), total };
  }

  async findExportFile(id: string): Promise<ExportFileView | null> {
    const rows = await this.run<ExportFileRow[]>(
      `SELECT ${EXPORT_FILE_COLUMNS} FROM card_export_files WHERE institution_id = $1 AND id = $2`,
      id,
    );
    return rows[0] ? exportFileFromRow(rows[0]) : null;
  }

  async insertCard(card: Card, cardholderScope: Customer['cardScope']): Promise<void> {
    try {
      const result = await this.run<unknown[]>(
        `INSERT INTO card_cards (institution_id, id, account_id, cardholder_customer_id, cardholder_scope, digital_wallet_enabled, emboss_name,
                                 status, expiry_date, version, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
          WHERE EXISTS (SELECT 1 FROM card_accounts WHERE institution_id = $1 AND id = $3)
            AND EXISTS (SELECT 1 FROM card_customers WHERE institution_id = $1 AND id = $4)
         RETURNING id`,
        card.id,
        card.accountId,
        card.cardholderCustomerId,
        cardholderScope,
        card.digitalWalletEnabled,
        card.embossName,
        card.status,
        card.expiryDate,
        card.version,
        card.createdAt,
        card.updatedAt,
      );
      if (result.length !== 1) throw domainError(CardRegistryErrors.ACCOUNT_NOT_FOUND);
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION)
        throw domainError(CardRegistryErrors.CARDHOLDER_ALREADY_HAS_CARD);
      throw error;
    }
  }
}
