import { randomUUID } from 'node:crypto';
import { SynchronizationService, MAX_RUNS } from './synchronization.service';
import type { SegmentsConfig } from './segments-config';
import type { ReportRepository } from './ports/report.repository';
import { FakeHostResolver } from '../testing/fake-host-resolver';
import { InMemorySynchronizationRepository } from '../testing/in-memory-synchronization.repository';
import { buildAccount, buildTransaction } from '../testing/transaction.factory';

const USER = randomUUID();
const config = { allowPrivateCallbacks: false } as SegmentsConfig;
const resolver = new FakeHostResolver({ 'hooks.bank.example': ['93.184.216.34'], 'internal.example': ['10.0.0.5'] });
const noReports = {} as ReportRepository;

function setup() {
  const jobs = new InMemorySynchronizationRepository(new Set([USER]));
  return { jobs, service: new SynchronizationService(jobs, noReports, resolver, config) };
}

describe('SynchronizationService', () => {
  it('queues a job only for an allowed callback URL', async () => {
    const { jobs, service } = setup();
    await expect(service.request(USER, 'https://internal.example/cb')).rejects.toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
    expect(jobs.jobs.size).toBe(0);
    const { jobId } = await service.request(USER, 'https://hooks.bank.example/cb');
    expect(jobs.jobs.get(jobId)).toMatchObject({ status: 'QUEUED', userId: USER });
  });

  it('builds the report and hands over the callback in the same completion', async () => {
    const { jobs, service } = setup();
    jobs.input = {
      dataSourceIds: ['ds-1'],
      accounts: [buildAccount({ accountNumber: 'A', balance: '10.00' })],
      transactions: [buildTransaction({ amount: '100.00', purpose: 'LUONG', bookingDate: '2026-10-25' })],
    };
    const { jobId } = await service.request(USER, 'https://hooks.bank.example/cb');
    expect(await service.run(jobId)).toBe('SUCCESSFUL');
    const [run] = jobs.completed;
    expect(run.report.aggregations.totalIncome).toBe('100.00');
    expect(run.dataSourceIds).toEqual(['ds-1']);
    expect(run.callback).toMatchObject({ url: 'https://hooks.bank.example/cb', eventType: 'SYNCHRONIZATION_COMPLETED' });
    expect(run.callback.deliveryId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(JSON.parse(run.callback.body)).toEqual({
      type: 'SYNCHRONIZATION_COMPLETED',
      jobId,
      userId: USER,
      caseId: run.caseId,
      reportId: run.reportId,
      status: 'SUCCESSFUL',
    });
    expect(await service.run(jobId)).toBe('SKIPPED'); // a redelivered queue job does nothing twice
    expect(jobs.completed).toHaveLength(1);
  });

  it('lets the queue retry a failing run, then fails the job and calls back with FAILED', async () => {
    const { jobs, service } = setup();
    jobs.input = () => {
      throw new Error('database went away');
    };
    const { jobId } = await service.request(USER, 'https://hooks.bank.example/cb');
    for (let run = 1; run < MAX_RUNS; run++) await expect(service.run(jobId)).rejects.toThrow('database went away');
    expect(await service.run(jobId)).toBe('FAILED');
    expect(jobs.jobs.get(jobId)?.status).toBe('FAILED');
    expect(JSON.parse(jobs.failed[0].callback.body)).toMatchObject({ jobId, status: 'FAILED', caseId: null, reportId: null });
  });

  it('answers JOB_NOT_FOUND for an unknown job', async () => {
    await expect(setup().service.getJob(randomUUID())).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});
