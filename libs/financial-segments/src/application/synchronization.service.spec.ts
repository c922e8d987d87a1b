import { randomUUID } from 'node:crypto';
import { SystemClock } from '@hub/shared-kernel';
import { SynchronizationService, MAX_RUNS } from './synchronization.service';
import type { SegmentsConfig } from './segments-config';
import type { ReportRepository } from './ports/report.repository';
import { UserDataService } from './user-data.service';
import { FakeHostResolver } from '../testing/fake-host-resolver';
import { FakeOdsCasaSource } from '../testing/fake-ods-casa-source';
import { InMemoryFxRateRepository } from '../testing/in-memory-fx-rate.repository';
import { InMemorySynchronizationRepository } from '../testing/in-memory-synchronization.repository';
import { InMemoryUserDataRepository } from '../testing/in-memory-user-data.repository';
import { buildAccount, buildTransaction } from '../testing/transaction.factory';

const USER = randomUUID();
const config = { allowPrivateCallbacks: false, baseCurrency: 'VND' } as SegmentsConfig;
const resolver = new FakeHostResolver({
  'hooks.bank.example': ['93.184.216.34'],
  'internal.example': ['10.0.0.5'],
});
const noReports = {} as ReportRepository;

function setup() {
  const jobs = new InMemorySynchronizationRepository(new Set([USER]));
  const users = new InMemoryUserDataRepository();
  users.users.set(USER, 'ext-1');
  const ods = new FakeOdsCasaSource();
  const userData = new UserDataService(users, ods, new SystemClock());
  return {
    jobs,
    users,
    ods,
    userData,
    service: new SynchronizationService(
      jobs,
      noReports,
      resolver,
      config,
      userData,
      new InMemoryFxRateRepository(),
      new SystemClock(),
    ),
  };
}

const CIF = '7700000001';
const snapshot = (balance: string, periods: string[]) => ({
  accounts: [
    {
      accountNumber: '1010000001',
      type: 'CURRENT' as const,
      currency: 'VND',
      balance,
      status: 'ACTIVE' as const,
    },
  ],
  termDeposits: [],
  payrollCredits: periods.map((period) => ({
    employerName: 'CONG TY ABC',
    accountNumber: '1010000001',
    period,
    amount: '25000000.00',
    currency: 'VND',
    creditDate: `${period}-25`,
  })),
});

describe('SynchronizationService', () => {
  it('queues a job only for an allowed callback URL', async () => {
    const { jobs, service } = setup();
    await expect(service.request(USER, 'https://internal.example/cb')).rejects.toMatchObject({
      code: 'CALLBACK_URL_NOT_ALLOWED',
    });
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
    expect(run.callback).toMatchObject({
      url: 'https://hooks.bank.example/cb',
      eventType: 'SYNCHRONIZATION_COMPLETED',
    });
    expect(run.callback?.deliveryId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(JSON.parse(run.callback?.body ?? '')).toEqual({
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
    for (let run = 1; run < MAX_RUNS; run++)
      await expect(service.run(jobId)).rejects.toThrow('database went away');
    expect(await service.run(jobId)).toBe('FAILED');
    expect(jobs.jobs.get(jobId)?.status).toBe('FAILED');
    expect(JSON.parse(jobs.failed[0].callback?.body ?? '')).toMatchObject({
      jobId,
      status: 'FAILED',
      caseId: null,
      reportId: null,
    });
  });

  it("reads the user's ODS_CASA sources from the ODS again before it builds the case", async () => {
    const { jobs, users, ods, userData, service } = setup();
    ods.snapshots.set(CIF, snapshot('10000000.00', ['2026-09']));
    await userData.importOdsCasa(USER, CIF);
    await userData.importAccounts(USER, 'Vietcombank', []);
    ods.snapshots.set(CIF, snapshot('12000000.00', ['2026-09', '2026-10']));
    let importsWhenLoaded = -1;
    jobs.input = () => {
      importsWhenLoaded = users.imports.length;
      return { dataSourceIds: [], accounts: [], transactions: [] };
    };
    const { jobId } = await service.request(USER, 'https://hooks.bank.example/cb');
    expect(await service.run(jobId)).toBe('SUCCESSFUL');

    expect(importsWhenLoaded).toBe(3); // the refresh is in before the case input is read
    const refresh = users.imports[2];
    expect(refresh.data).toMatchObject({ type: 'ODS_CASA', sourceKey: CIF });
    expect(refresh.data.accounts).toEqual([
      expect.objectContaining({ accountNumber: '1010000001', type: 'CHECKING', balance: '12000000.00' }),
    ]);
    expect(refresh.data.accounts[0].transactions.map((t) => t.bookingDate)).toEqual([
      '2026-09-25',
      '2026-10-25',
    ]);
  });

  it('keeps the last data of a CIF the ODS no longer knows, and retries the run while the ODS is down', async () => {
    const { jobs, users, ods, userData, service } = setup();
    ods.snapshots.set(CIF, snapshot('10000000.00', ['2026-09']));
    await userData.importOdsCasa(USER, CIF);

    ods.snapshots.delete(CIF);
    const first = await service.request(USER, 'https://hooks.bank.example/cb');
    expect(await service.run(first.jobId)).toBe('SUCCESSFUL');
    expect(users.imports).toHaveLength(1);

    ods.down = true;
    const second = await service.request(USER, 'https://hooks.bank.example/cb');
    await expect(service.run(second.jobId)).rejects.toThrow('ODS unavailable');
    expect(jobs.jobs.get(second.jobId)?.status).toBe('RUNNING');
    ods.down = false;
    ods.snapshots.set(CIF, snapshot('11000000.00', ['2026-09']));
    expect(await service.run(second.jobId)).toBe('SUCCESSFUL');
    expect(users.imports.at(-1)?.data.accounts[0].balance).toBe('11000000.00');
  });

  it('answers JOB_NOT_FOUND for an unknown job', async () => {
    await expect(setup().service.getJob(randomUUID())).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});
