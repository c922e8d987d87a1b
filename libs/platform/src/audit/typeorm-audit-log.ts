import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery, type PreparedStatement } from '../database/prepared-query';
import { AuditLog, type AuditEntry } from './audit-log';

/** One audit record: actor, action, subject hashes, outcome, request id, details (JSON). */
export const AUDIT_INSERT_SQL = `INSERT INTO platform_audit_records (actor, action, subject_hashes, outcome, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`;

const AUDIT_INSERT: PreparedStatement = { name: 'platform:audit-insert', text: AUDIT_INSERT_SQL };

/** Appends to `platform_audit_records` (the table grants no UPDATE or DELETE to the app's logic). */
@Injectable()
export class TypeormAuditLog extends AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async record(entry: AuditEntry): Promise<void> {
    // A prepared statement on a pool connection of its own: committed (durable) before it resolves.
    await preparedQuery(this.dataSource, AUDIT_INSERT, [
      entry.actor,
      entry.action,
      [...entry.subjectHashes],
      entry.outcome,
      entry.requestId,
      JSON.stringify(entry.details ?? {}),
    ]);
  }
}
