import {
  type CallbackToDeliver,
  type CaseInput,
  type CompletedRun,
  type SyncJobView,
  SynchronizationRepository,
} from '../application/ports/synchronization.repository';

/** Jobs in a map; the case input is given; completed and failed runs are kept for inspection. */
export class InMemorySynchronizationRepository extends SynchronizationRepository {
  readonly jobs = new Map<string, SyncJobView>();
  readonly completed: CompletedRun[] = [];
  readonly failed: { jobId: string; errorCode: string; callback: CallbackToDeliver | null }[] = [];
  input: CaseInput | (() => CaseInput) = { dataSourceIds: [], accounts: [], transactions: [] };

  constructor(private readonly users: ReadonlySet<string>) {
    super();
  }

  async createJob(jobId: string, userId: string, callbackUrl: string | null): Promise<void> {
    if (!this.users.has(userId)) throw new Error('USER_NOT_FOUND');
    this.jobs.set(jobId, {
      id: jobId,
      userId,
      callbackUrl,
      status: 'QUEUED',
      caseId: null,
      reportId: null,
      runs: 0,
    });
  }

  async getJob(jobId: string): Promise<SyncJobView | null> {
    return this.jobs.get(jobId) ?? null;
  }

  async startRun(jobId: string): Promise<SyncJobView | null> {
    const job = this.jobs.get(jobId);
    if (!job || (job.status !== 'QUEUED' && job.status !== 'RUNNING')) return null;
    const running = { ...job, status: 'RUNNING' as const, runs: job.runs + 1 };
    this.jobs.set(jobId, running);
    return running;
  }

  async loadCaseInput(): Promise<CaseInput> {
    return typeof this.input === 'function' ? this.input() : this.input;
  }

  async completeRun(run: CompletedRun): Promise<boolean> {
    const job = this.jobs.get(run.jobId);
    if (job?.status !== 'RUNNING') return false;
    this.jobs.set(run.jobId, { ...job, status: 'SUCCESSFUL', caseId: run.caseId, reportId: run.reportId });
    this.completed.push(run);
    return true;
  }

  async failRun(jobId: string, errorCode: string, callback: CallbackToDeliver | null): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (job?.status !== 'RUNNING') return false;
    this.jobs.set(jobId, { ...job, status: 'FAILED' });
    this.failed.push({ jobId, errorCode, callback });
    return true;
  }
}
