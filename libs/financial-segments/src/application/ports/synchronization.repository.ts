import type { CashFlowReportContent } from '../../domain/cash-flow';
import type { IncomeReportContent } from '../../domain/income-report';
import type { CaseAccount, CaseTransaction } from '../../domain/income.types';

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'SUCCESSFUL', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface SyncJobView {
  readonly id: string;
  readonly userId: string;
  /** Null for a job without a callback (the demo data's). */
  readonly callbackUrl: string | null;
  readonly status: JobStatus;
  readonly caseId: string | null;
  readonly reportId: string | null;
  readonly runs: number;
}

export interface CaseInput {
  readonly dataSourceIds: string[];
  readonly accounts: CaseAccount[];
  readonly transactions: CaseTransaction[];
}

/** The callback to deliver once the job is over, written in the same transaction as its outcome. */
export interface CallbackToDeliver {
  readonly deliveryId: string;
  readonly url: string;
  readonly eventType: string;
  readonly body: string;
}

export interface CompletedRun {
  readonly jobId: string;
  readonly userId: string;
  readonly caseId: string;
  readonly reportId: string;
  readonly dataSourceIds: string[];
  readonly report: IncomeReportContent;
  readonly cashFlowReportId: string;
  readonly cashFlow: CashFlowReportContent;
  readonly callback: CallbackToDeliver | null;
}

export abstract class SynchronizationRepository {
  /** Inserts a QUEUED job and enqueues it in the same transaction. Throws USER_NOT_FOUND. */
  abstract createJob(jobId: string, userId: string, callbackUrl: string | null): Promise<void>;
  abstract getJob(jobId: string): Promise<SyncJobView | null>;
  /** QUEUED or RUNNING (a run whose instance died) -> RUNNING; null when the job is over or unknown. */
  abstract startRun(jobId: string): Promise<SyncJobView | null>;
  /** All accounts and transactions of the user's data sources, in a few set-based queries. */
  abstract loadCaseInput(userId: string): Promise<CaseInput>;
  /**
   * One transaction: the Case, its Income Report (figures, income transactions, per month and
   * category) and its Cash-flow Report, the user's latest report and segment memberships, the job SUCCESSFUL and the
   * callback's delivery enqueued. False (and nothing written) when the job is no longer RUNNING.
   */
  abstract completeRun(run: CompletedRun): Promise<boolean>;
  /** The job FAILED and its callback enqueued, in one transaction. */
  abstract failRun(jobId: string, errorCode: string, callback: CallbackToDeliver | null): Promise<boolean>;
}
