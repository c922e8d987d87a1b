import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction, JobQueue } from '@hub/platform';
import {
  type FormLanguage,
  type NewProcess,
  type ProcessCompletion,
  type ProcessOutcome,
  type ProcessView,
  ProcessRepository,
  type ProcessStatus,
} from '../../application/ports/process.repository';
import { WEBHOOK_QUEUE } from '../jobs/segments-queues';
import { importDataSourceIn } from './typeorm-user-data.repository';
import { refreshImportStatistics, rowsWritten } from './bulk-statistics';
import { execute } from './sql';

interface ProcessRow {
  id: string;
  user_id: string;
  status: ProcessStatus;
  created_at: Date;
  expires_at: Date;
  redirect_url: string | null;
  callback_url: string | null;
  language: FormLanguage;
  used_at: Date | null;
  consent_text_version: string | null;
  consent_given_at: Date | null;
  consent_scope: string[] | null;
  completed_data_source_ids: string[] | null;
}

// A waiting process past its expiry reads as EXPIRED (and is written so when next touched).
const COLUMNS = `id, user_id,
  CASE WHEN status = 'WAITING_FOR_USER' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
  created_at, expires_at, redirect_url, callback_url, language, used_at,
  consent_text_version, consent_given_at, consent_scope, completed_data_source_ids`;

const toRecord = (r: ProcessRow): ProcessView => ({
  id: r.id,
  userId: r.user_id,
  status: r.status,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  redirectUrl: r.redirect_url,
  callbackUrl: r.callback_url,
  language: r.language,
  usedAt: r.used_at,
  consent:
    r.consent_text_version && r.consent_given_at
      ? { textVersion: r.consent_text_version, givenAt: r.consent_given_at, scope: r.consent_scope ?? [] }
      : null,
  dataSourceIds: r.completed_data_source_ids ?? [],
});

@Injectable()
export class TypeormProcessRepository extends ProcessRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {
    super();
  }

  async open(p: NewProcess): Promise<{ processId: string; userId: string }> {
    return inTransaction(this.dataSource, async (m) => {
      // Concurrent first calls for one external user: the unique index decides, both get its id.
      const { rows } = await execute<{ id: string }>(
        m,
        `INSERT INTO seg_users (id, external_user_id) VALUES ($1, $2)
         ON CONFLICT (external_user_id) DO UPDATE SET external_user_id = EXCLUDED.external_user_id
         RETURNING id`,
        [randomUUID(), p.externalUserId],
      );
      const userId = rows[0].id;
      const processId = randomUUID();
      await execute(
        m,
        `INSERT INTO seg_processes (id, user_id, token_hash, expires_at, redirect_url, callback_url, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [processId, userId, p.tokenHash, p.expiresAt, p.redirectUrl, p.callbackUrl, p.language],
      );
      return { processId, userId };
    });
  }

  async get(processId: string): Promise<ProcessView | null> {
    const rows: ProcessRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM seg_processes WHERE id = $1`,
      [processId],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<ProcessView | null> {
    const rows: ProcessRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM seg_processes WHERE token_hash = $1`,
      [tokenHash],
    );
    if (rows.length === 0) return null;
    if (rows[0].status === 'EXPIRED') {
      await this.dataSource.query(
        `UPDATE seg_processes SET status = 'EXPIRED' WHERE id = $1 AND status = 'WAITING_FOR_USER'`,
        [rows[0].id],
      );
    }
    return toRecord(rows[0]);
  }

  async complete(c: ProcessCompletion): Promise<ProcessOutcome> {
    let written = 0;
    const outcome = await inTransaction(this.dataSource, async (m): Promise<ProcessOutcome> => {
      written = 0;
      // The user first, then the process: the lock order of an erasure, which locks the user.
      const owner = await execute<{ user_id: string }>(m, `SELECT user_id FROM seg_processes WHERE id = $1`, [
        c.processId,
      ]);
      if (owner.rows.length === 0) return { ok: false, status: null };
      const userId = owner.rows[0].user_id;
      await execute(m, `SELECT 1 FROM seg_users WHERE id = $1 FOR SHARE`, [userId]);
      const waiting = await this.lockWaiting(m, c.processId);
      if (waiting !== 'WAITING_FOR_USER') return { ok: false, status: waiting };

      const dataSourceIds: string[] = [];
      const results = [];
      for (const data of c.imports) {
        const result = await importDataSourceIn(m, userId, data);
        dataSourceIds.push(result.dataSourceId);
        results.push(result);
      }
      await execute(
        m,
        `UPDATE seg_processes SET status = 'COMPLETED', used_at = now(), consent_text_version = $2,
           consent_given_at = now(), consent_scope = $3::text[], completed_data_source_ids = $4::uuid[]
         WHERE id = $1`,
        [c.processId, c.consent.textVersion, [...c.consent.scope], dataSourceIds],
      );
      if (c.callback) await this.enqueueCallback(m, c.processId, c.callback(dataSourceIds));
      written = rowsWritten(results);
      return { ok: true, dataSourceIds };
    });
    // After the commit (a retried transaction counts only its last run).
    await refreshImportStatistics(this.dataSource, written);
    return outcome;
  }

  async abort(processId: string): Promise<ProcessOutcome> {
    return inTransaction(this.dataSource, async (m) => {
      const waiting = await this.lockWaiting(m, processId);
      if (waiting !== 'WAITING_FOR_USER') return { ok: false, status: waiting };
      await execute(m, `UPDATE seg_processes SET status = 'ABORTED', used_at = now() WHERE id = $1`, [
        processId,
      ]);
      return { ok: true, dataSourceIds: [] };
    });
  }

  /** Locks the process; its status (EXPIRED written when it has just expired), null when unknown. */
  private async lockWaiting(m: EntityManager, processId: string): Promise<ProcessStatus | null> {
    const rows = await execute<{ status: ProcessStatus; expired: boolean }>(
      m,
      `SELECT status, expires_at <= now() AS expired FROM seg_processes WHERE id = $1 FOR UPDATE`,
      [processId],
    );
    if (rows.rows.length === 0) return null;
    const { status, expired } = rows.rows[0];
    if (status === 'WAITING_FOR_USER' && expired) {
      await execute(m, `UPDATE seg_processes SET status = 'EXPIRED' WHERE id = $1`, [processId]);
      return 'EXPIRED';
    }
    return status;
  }

  private async enqueueCallback(
    m: EntityManager,
    processId: string,
    callback: { deliveryId: string; url: string; eventType: string; body: string },
  ): Promise<void> {
    // A process's delivery is filed under the process id (the column holds the job or process id).
    await execute(
      m,
      `INSERT INTO seg_webhook_deliveries (id, job_id, url, event_type, body, status) VALUES ($1, $2, $3, $4, $5, 'PENDING')`,
      [callback.deliveryId, processId, callback.url, callback.eventType, callback.body],
    );
    await this.queue.sendIn(m, WEBHOOK_QUEUE, { deliveryId: callback.deliveryId });
  }
}
