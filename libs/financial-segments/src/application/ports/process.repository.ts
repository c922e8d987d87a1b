import type { CallbackToDeliver } from './synchronization.repository';
import type { DataSourceImport } from './user-data.repository';

export const PROCESS_STATUSES = ['WAITING_FOR_USER', 'COMPLETED', 'ABORTED', 'EXPIRED'] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];
export type FormLanguage = 'vi' | 'en';

export interface ProcessView {
  readonly id: string;
  readonly userId: string;
  /** EXPIRED as soon as `expiresAt` has passed while the process was still waiting. */
  readonly status: ProcessStatus;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly redirectUrl: string | null;
  readonly callbackUrl: string | null;
  readonly language: FormLanguage;
  readonly usedAt: Date | null;
  readonly consent: { textVersion: string; givenAt: Date; scope: string[] } | null;
  readonly dataSourceIds: string[];
}

export interface NewProcess {
  readonly externalUserId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly redirectUrl: string | null;
  readonly callbackUrl: string | null;
  readonly language: FormLanguage;
}

export interface ProcessCompletion {
  readonly processId: string;
  readonly imports: readonly DataSourceImport[];
  readonly consent: { textVersion: string; scope: readonly string[] };
  /** Built once the data source ids are known (they go into the webhook's body). */
  readonly callback: ((dataSourceIds: string[]) => CallbackToDeliver) | null;
}

/** Why a process could not be completed or aborted: it is over already. */
export type ProcessOutcome =
  { ok: true; dataSourceIds: string[] } | { ok: false; status: ProcessStatus | null };

export abstract class ProcessRepository {
  /** Creates the user of an external user on first sight, and a WAITING_FOR_USER process. */
  abstract open(process: NewProcess): Promise<{ processId: string; userId: string }>;
  abstract get(processId: string): Promise<ProcessView | null>;
  abstract findByTokenHash(tokenHash: string): Promise<ProcessView | null>;
  /**
   * One transaction: the imports (merged like any IMPORT data source), the process COMPLETED with
   * the consent and the token used, and the callback's delivery enqueued. Nothing is written
   * unless the process is still waiting and not expired.
   */
  abstract complete(completion: ProcessCompletion): Promise<ProcessOutcome>;
  /** WAITING_FOR_USER (not expired) -> ABORTED, the token used. */
  abstract abort(processId: string): Promise<ProcessOutcome>;
}
