import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@hub/platform';
import { type ErasedUser, UserErasureRepository } from '../../application/ports/user-erasure.repository';
import { JOB_QUEUE_SCHEMA, SYNCHRONIZE_QUEUE, WEBHOOK_QUEUE } from '../jobs/segments-queues';
import { execute } from './sql';

/**
 * Deletes children first (each count goes to the audit record) although the foreign keys would
 * cascade: webhook deliveries have no foreign key to their job, and the queue's rows none at all.
 */
@Injectable()
export class TypeormUserErasureRepository extends UserErasureRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async erase(userId: string): Promise<ErasedUser | null> {
    return inTransaction(this.dataSource, async (m) => {
      // The lock order of a report build (segments shared, then the user), so neither a report
      // build nor a segment evaluation can interleave with the erasure.
      await execute(m, `SELECT 1 FROM seg_segments ORDER BY id FOR SHARE`);
      const user = await execute<{ external_user_id: string }>(
        m,
        `SELECT external_user_id FROM seg_users WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (user.rows.length === 0) return null;
      const jobs = await execute<{ id: string }>(m, `SELECT id FROM seg_sync_jobs WHERE user_id = $1`, [
        userId,
      ]);
      const jobIds = jobs.rows.map((j) => j.id);
      const deliveries = await execute<{ id: string }>(
        m,
        `SELECT id FROM seg_webhook_deliveries WHERE job_id = ANY ($1::uuid[])`,
        [jobIds],
      );
      const deliveryIds = deliveries.rows.map((d) => d.id);

      const removed: Record<string, number> = {};
      const remove = async (name: string, sql: string, params: unknown[]) => {
        removed[name] = (await execute(m, sql, params)).affected;
      };
      // Queue jobs in every state (a worker holding one finds its row gone and skips it).
      const queueRows = `WHERE (name = $1 AND data->>'jobId' = ANY ($2::text[]))
                            OR (name = $3 AND data->>'deliveryId' = ANY ($4::text[]))`;
      const queueParams = [SYNCHRONIZE_QUEUE, jobIds, WEBHOOK_QUEUE, deliveryIds];
      await remove('queueJobs', `DELETE FROM ${JOB_QUEUE_SCHEMA}.job ${queueRows}`, queueParams);
      await remove('archivedQueueJobs', `DELETE FROM ${JOB_QUEUE_SCHEMA}.archive ${queueRows}`, queueParams);
      await remove(
        'webhookAttempts',
        `DELETE FROM seg_webhook_attempts WHERE delivery_id = ANY ($1::text[])`,
        [deliveryIds],
      );
      await remove('webhookDeliveries', `DELETE FROM seg_webhook_deliveries WHERE id = ANY ($1::text[])`, [
        deliveryIds,
      ]);
      await remove('segmentMemberships', `DELETE FROM seg_segment_members WHERE user_id = $1`, [userId]);
      const reportRows = `report_id IN (SELECT id FROM seg_income_reports WHERE user_id = $1)`;
      await remove('reportTransactions', `DELETE FROM seg_income_report_transactions WHERE ${reportRows}`, [
        userId,
      ]);
      await remove('reportCategories', `DELETE FROM seg_income_report_categories WHERE ${reportRows}`, [
        userId,
      ]);
      await remove('cashFlowReports', `DELETE FROM seg_cash_flow_reports WHERE user_id = $1`, [userId]);
      await execute(m, `UPDATE seg_users SET latest_report_id = NULL WHERE id = $1`, [userId]);
      await remove('reports', `DELETE FROM seg_income_reports WHERE user_id = $1`, [userId]);
      await remove('cases', `DELETE FROM seg_cases WHERE user_id = $1`, [userId]);
      await remove(
        'transactions',
        `DELETE FROM seg_transactions WHERE account_id IN (SELECT id FROM seg_accounts WHERE user_id = $1)`,
        [userId],
      );
      await remove('accounts', `DELETE FROM seg_accounts WHERE user_id = $1`, [userId]);
      await remove('dataSources', `DELETE FROM seg_data_sources WHERE user_id = $1`, [userId]);
      await remove('synchronizeJobs', `DELETE FROM seg_sync_jobs WHERE user_id = $1`, [userId]);
      await remove('processes', `DELETE FROM seg_processes WHERE user_id = $1`, [userId]);
      await execute(m, `DELETE FROM seg_users WHERE id = $1`, [userId]);
      return { userId, externalUserId: user.rows[0].external_user_id, removed };
    });
  }
}
