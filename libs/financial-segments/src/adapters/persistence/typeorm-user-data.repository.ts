import { domainError } from '@hub/shared-kernel';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@hub/platform';
import { SegmentErrors } from '../../domain/segments.errors';
import {
  type DataSourceImport,
  type ImportResult,
  UserDataRepository,
} from '../../application/ports/user-data.repository';
import { execute } from './sql';
import { refreshImportStatistics, rowsWritten } from './bulk-statistics';

@Injectable()
export class TypeormUserDataRepository extends UserDataRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async openProcess(externalUserId: string, tokenHash: string, expiresAt: Date): Promise<{ userId: string }> {
    return inTransaction(this.dataSource, async (m) => {
      // Concurrent first calls for one external user: the unique index decides, both get its id.
      const { rows } = await execute<{ id: string }>(
        m,
        `INSERT INTO seg_users (id, external_user_id) VALUES ($1, $2)
         ON CONFLICT (external_user_id) DO UPDATE SET external_user_id = EXCLUDED.external_user_id
         RETURNING id`,
        [randomUUID(), externalUserId],
      );
      const userId = rows[0].id;
      await execute(
        m,
        `INSERT INTO seg_processes (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
        [randomUUID(), userId, tokenHash, expiresAt],
      );
      return { userId };
    });
  }

  async userExists(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM seg_users WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  async odsCasaCifs(userId: string): Promise<string[]> {
    const rows: { source_key: string }[] = await this.dataSource.query(
      `SELECT source_key FROM seg_data_sources WHERE user_id = $1 AND type = 'ODS_CASA' ORDER BY created_at, id`,
      [userId],
    );
    return rows.map((r) => r.source_key);
  }

  async importDataSource(userId: string, data: DataSourceImport): Promise<ImportResult> {
    const result = await inTransaction(this.dataSource, (m) => importDataSourceIn(m, userId, data));
    await refreshImportStatistics(this.dataSource, rowsWritten([result]));
    return result;
  }
}

/**
 * The merge of one import on the transaction of `m` (see `UserDataRepository.importDataSource`),
 * so that other writes can commit together with it.
 */
export async function importDataSourceIn(
  m: EntityManager,
  userId: string,
  data: DataSourceImport,
): Promise<ImportResult> {
  const user = await execute(m, `SELECT 1 FROM seg_users WHERE id = $1 FOR SHARE`, [userId]);
  if (user.rows.length === 0) throw domainError(SegmentErrors.USER_NOT_FOUND);
  // The upsert locks the data source row: two imports of one source run one after the other.
  const source = await execute<{ id: string }>(
    m,
    `INSERT INTO seg_data_sources (id, user_id, type, source_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, type, source_key) DO UPDATE SET updated_at = now()
     RETURNING id`,
    [randomUUID(), userId, data.type, data.sourceKey],
  );
  const dataSourceId = source.rows[0].id;
  if (data.accounts.length === 0) return { dataSourceId, accounts: 0, transactions: 0 };

  const accounts = await execute<{ id: string; account_number: string }>(
    m,
    `INSERT INTO seg_accounts (id, user_id, data_source_id, bank_name, account_number, type, currency, balance)
     SELECT gen_random_uuid(), $1, $2, $3, a.account_number, a.type, a.currency, a.balance
     FROM unnest($4::text[], $5::text[], $6::text[], $7::numeric[]) AS a(account_number, type, currency, balance)
     ON CONFLICT (user_id, bank_name, account_number) DO UPDATE
       SET type = EXCLUDED.type, currency = EXCLUDED.currency, balance = EXCLUDED.balance,
           data_source_id = EXCLUDED.data_source_id, updated_at = now()
     RETURNING id, account_number`,
    [
      userId,
      dataSourceId,
      data.bankName,
      data.accounts.map((a) => a.accountNumber),
      data.accounts.map((a) => a.type),
      data.accounts.map((a) => a.currency),
      data.accounts.map((a) => a.balance),
    ],
  );
  const accountIds = new Map(accounts.rows.map((r) => [r.account_number, r.id]));

  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const account of data.accounts) {
    const accountId = accountIds.get(account.accountNumber);
    for (const t of account.transactions) {
      const row = [
        accountId,
        t.id,
        t.bookingDate,
        t.amount,
        t.currency,
        t.purpose,
        t.counterpartName,
        t.counterpartAccount ?? null,
      ];
      row.forEach((value, i) => columns[i].push(value));
    }
  }
  let added = 0;
  if (columns[0].length > 0) {
    const inserted = await execute(
      m,
      `INSERT INTO seg_transactions (id, account_id, external_id, booking_date, amount, currency, purpose, counterpart_name, counterpart_account)
       SELECT gen_random_uuid(), t.account_id, t.external_id, t.booking_date, t.amount, t.currency, t.purpose, t.counterpart_name, t.counterpart_account
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS t(account_id, external_id, booking_date, amount, currency, purpose, counterpart_name, counterpart_account)
       ON CONFLICT (account_id, external_id) DO NOTHING`,
      columns,
    );
    added = inserted.affected;
  }
  return { dataSourceId, accounts: data.accounts.length, transactions: added };
}
