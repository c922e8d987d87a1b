import { Clock, domainError } from '@hub/shared-kernel';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildCashFlowReport } from '../domain/cash-flow';
import { buildIncomeReport } from '../domain/income-report';
import { SegmentErrors } from '../domain/segments.errors';
import { assertCallbackUrlAllowed } from './callback-url-policy';
import { FxRateRepository } from './ports/fx-rate.repository';
import { HostResolver } from './ports/host-resolver';
import { ReportRepository } from './ports/report.repository';
import {
  type CallbackToDeliver,
  type SyncJobView,
  SynchronizationRepository,
} from './ports/synchronization.repository';
import { SegmentsConfig } from './segments-config';
import { UserDataService } from './user-data.service';

export const SYNCHRONIZATION_COMPLETED = 'SYNCHRONIZATION_COMPLETED';

/**
 * Synchronize (Appendix D): the request checks the callback URL and queues a durable job; the
 * job refreshes the user's ODS_CASA data sources from the ODS, builds a Case over all of the
 * user's data sources and its Income Report, then hands the callback to the webhook delivery,
 * the case, report and callback committed together.
 */
@Injectable()
export class SynchronizationService {
  constructor(
    private readonly jobs: SynchronizationRepository,
    private readonly reports: ReportRepository,
    private readonly resolver: HostResolver,
    private readonly config: SegmentsConfig,
    private readonly userData: UserDataService,
    private readonly fxRates: FxRateRepository,
    private readonly clock: Clock,
  ) {}

  /** Queues a job; `callbackUrl` null only for jobs the hub runs for itself (demo data): no callback. */
  async request(userId: string, callbackUrl: string | null): Promise<{ jobId: string }> {
    if (callbackUrl !== null) {
      await assertCallbackUrlAllowed(
        callbackUrl,
        this.config.allowPrivateCallbacks,
        this.resolver,
        this.config.allowedCallbackCidrs,
      );
    }
    const jobId = randomUUID();
    await this.jobs.createJob(jobId, userId, callbackUrl);
    return { jobId };
  }

  async getJob(jobId: string): Promise<SyncJobView> {
    const job = await this.jobs.getJob(jobId);
    if (!job) throw domainError(SegmentErrors.JOB_NOT_FOUND);
    return job;
  }

  /** Runs a queued job; safe to run again after a crash (what committed is not redone). */
  async run(jobId: string): Promise<'SUCCESSFUL' | 'FAILED' | 'SKIPPED'> {
    const job = await this.jobs.startRun(jobId);
    if (!job) return 'SKIPPED';
    let completed: boolean;
    try {
      // The bank's own CASA accounts are read afresh from the ODS, so the case sees today's figures.
      await this.userData.refreshOdsCasaSources(job.userId);
      const input = await this.jobs.loadCaseInput(job.userId);
      // Balances convert with the FX table as it stands today (the latest rate of each currency).
      const baseCurrency = this.config.baseCurrency;
      const today = this.clock.now().toISOString().slice(0, 10);
      const rates = await this.fxRates.inForce(baseCurrency, today);
      const report = buildIncomeReport(input.accounts, input.transactions, { baseCurrency, rates });
      const cashFlow = buildCashFlowReport(
        input.accounts,
        input.transactions,
        report.currency,
        report.period,
        report.aggregations.averageMonthlyIncome,
      );
      const caseId = randomUUID();
      const reportId = randomUUID();
      completed = await this.jobs.completeRun({
        jobId,
        userId: job.userId,
        caseId,
        reportId,
        dataSourceIds: input.dataSourceIds,
        report,
        cashFlowReportId: randomUUID(),
        cashFlow,
        callback: callbackFor(job, { caseId, reportId, status: 'SUCCESSFUL' }),
      });
    } catch (error) {
      // The queue retries a run that threw; the last run records the failure and calls back.
      if (job.runs < MAX_RUNS) throw error;
      await this.jobs.failRun(
        jobId,
        'SYNCHRONIZATION_ERROR',
        callbackFor(job, { caseId: null, reportId: null, status: 'FAILED' }),
      );
      return 'FAILED';
    }
    return completed ? 'SUCCESSFUL' : 'SKIPPED';
  }

  async getCase(caseId: string) {
    const found = await this.reports.getCase(caseId);
    if (!found) throw domainError(SegmentErrors.CASE_NOT_FOUND);
    return found;
  }

  async getCashFlowReport(caseId: string) {
    const found = await this.reports.getCashFlowReportOfCase(caseId);
    if (!found) {
      if (!(await this.reports.getCase(caseId))) throw domainError(SegmentErrors.CASE_NOT_FOUND);
      throw domainError(SegmentErrors.REPORT_NOT_FOUND);
    }
    return found;
  }

  async getIncomeReport(caseId: string) {
    const found = await this.reports.getIncomeReportOfCase(caseId);
    if (!found) {
      if (!(await this.reports.getCase(caseId))) throw domainError(SegmentErrors.CASE_NOT_FOUND);
      throw domainError(SegmentErrors.REPORT_NOT_FOUND);
    }
    return found;
  }
}

/** Runs of one job before it is given up (the queue's retry limit + 1). */
export const MAX_RUNS = 4;

function callbackFor(
  job: SyncJobView,
  outcome: { caseId: string | null; reportId: string | null; status: 'SUCCESSFUL' | 'FAILED' },
): CallbackToDeliver | null {
  if (job.callbackUrl === null) return null;
  return {
    deliveryId: `msg_${randomUUID().replace(/-/g, '')}`,
    url: job.callbackUrl,
    eventType: SYNCHRONIZATION_COMPLETED,
    body: JSON.stringify({
      type: SYNCHRONIZATION_COMPLETED,
      jobId: job.id,
      userId: job.userId,
      caseId: outcome.caseId,
      reportId: outcome.reportId,
      status: outcome.status,
    }),
  };
}
