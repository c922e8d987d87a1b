import type { DomainError } from '@hub/shared-kernel';
import { InMemoryOds } from '../../testing/in-memory-ods';
import { buildSnapshot } from '../../testing/ods-snapshot.factory';
import { StubOdsServer } from '../../testing/stub-ods-server';
import type { OdsHttpSettings } from '../customer-summary.config';
import { HttpOdsRepository } from './http-ods.repository';

/**
 * The live ODS adapter against a stub ODS service on 127.0.0.1: normal answers, slow answers,
 * errors, malformed data, an outage and the recovery.
 */
const A = buildSnapshot({
  cif: 'A',
  dateOfBirth: '1991-05-14', // the CCCD says 1990: a flag the hub computes itself
  mobileNumbers: ['+84988000222'],
  deposits: [
    {
      productType: 'SAVINGS_ACCOUNT',
      accountNumber: 'S2',
      productName: null,
      currency: 'VND',
      balance: '2.00',
      availableBalance: null,
      principalAmount: null,
      interestRate: null,
      termMonths: null,
      openDate: null,
      maturityDate: null,
      status: 'ACTIVE',
    },
  ],
});
const B = buildSnapshot({
  cif: 'B',
  legalIds: [{ type: 'CMND', number: '212345678', issueDate: null, issuePlace: null }],
  mobileNumbers: ['+84988000222'],
});

const SETTINGS: Omit<OdsHttpSettings, 'baseUrl'> = {
  timeoutMs: 200,
  retries: 2,
  maxSockets: 3,
  breakerThreshold: 4,
  breakerCooldownMs: 600,
  bearerToken: null,
};

describe('HttpOdsRepository (against a stub ODS service)', () => {
  let ods: InMemoryOds;
  let stub: StubOdsServer;
  let repository: HttpOdsRepository;

  beforeEach(async () => {
    ods = new InMemoryOds([A, B]);
    stub = new StubOdsServer(ods);
    const baseUrl = await stub.start();
    repository = new HttpOdsRepository({ ...SETTINGS, baseUrl });
  });

  afterEach(async () => {
    repository.onModuleDestroy();
    await stub.stop();
  });

  it('reads candidates and snapshots exactly as the ODS behind the service holds them', async () => {
    expect(
      await repository.findCandidates({ legalId: '079090001234', mobileNumber: '+84988000222' }),
    ).toEqual(await ods.findCandidates({ legalId: '079090001234', mobileNumber: '+84988000222' }));
    const record = await repository.findSnapshot('A');
    expect(record).toEqual(await ods.findSnapshot('A'));
    expect(record!.dataQualityFlags).toEqual(['CCCD_BIRTH_YEAR_MISMATCH', 'SHARED_MOBILE_NUMBER']);
    expect(await repository.findSnapshot('NOBODY')).toBeNull();
    expect(await repository.findCasaAccountsAndPayroll('A')).toEqual(
      await ods.findCasaAccountsAndPayroll('A'),
    );
    expect(await repository.findCasaAccountsAndPayroll('NOBODY')).toBeNull();
  });

  it('retries a failed call with backoff and succeeds when the service recovers', async () => {
    stub.failNext = 2;
    expect((await repository.findSnapshot('B'))!.snapshot.cif).toBe('B');
    expect(stub.requests).toBe(3);
  });

  it('gives up after the retries: ODS_UNAVAILABLE with Retry-After', async () => {
    stub.behaviour = { kind: 'error', status: 500 };
    const error = await repository.findSnapshot('B').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ODS_UNAVAILABLE' });
    expect((error as DomainError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(stub.requests).toBe(1 + SETTINGS.retries);
  });

  it('abandons a slow answer after one per-call time-out, without retrying it: fast, never a hang', async () => {
    stub.behaviour = { kind: 'slow', delayMs: 5_000 };
    const started = Date.now();
    const error = await repository
      .findCandidates({ legalId: '212345678', mobileNumber: null })
      .catch((e) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ code: 'ODS_UNAVAILABLE' });
    // One attempt of timeoutMs (a time-out is not retried), long before the 5 s answer; the margin
    // is for a loaded machine.
    expect(stub.requests).toBe(1);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('refuses malformed data with the strict parser, without retrying', async () => {
    stub.behaviour = { kind: 'malformed' };
    const error = await repository.findSnapshot('A').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ODS_INVALID_RESPONSE' });
    expect((error as DomainError).details).toEqual(
      expect.arrayContaining([
        { problem: 'customer.favouriteColour: unknown field' },
        { problem: 'customer.status: must be one of ACTIVE, DORMANT, CLOSED' },
      ]),
    );
    expect(JSON.stringify((error as DomainError).details)).not.toContain('blue');
    const candidates = await repository
      .findCandidates({ legalId: '212345678', mobileNumber: null })
      .catch((e) => e);
    expect(candidates).toMatchObject({ code: 'ODS_INVALID_RESPONSE' });
    expect(stub.requests).toBe(2);
  });

  it('opens the circuit during an outage (failing at once, Retry-After the time left) and closes it on recovery', async () => {
    await stub.stop();
    // Connections refused: each lookup tries 1 + retries times, then the breaker opens.
    for (let i = 0; i < 2; i++)
      await expect(repository.findSnapshot('A')).rejects.toMatchObject({ code: 'ODS_UNAVAILABLE' });
    const started = Date.now();
    const open = await repository.findSnapshot('A').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(250);
    expect(open).toMatchObject({ code: 'ODS_UNAVAILABLE' });
    expect((open as DomainError).retryAfterSeconds).toBe(1);

    await stub.start(); // the same port
    await expect(repository.findSnapshot('A')).rejects.toMatchObject({ code: 'ODS_UNAVAILABLE' }); // still open
    expect(stub.requests).toBe(0);
    await new Promise((r) => setTimeout(r, SETTINGS.breakerCooldownMs + 50));
    expect((await repository.findSnapshot('A'))!.snapshot.cif).toBe('A');
    expect((await repository.findSnapshot('B'))!.snapshot.cif).toBe('B');
  });

  it('keeps at most maxSockets connections to the service', async () => {
    stub.behaviour = { kind: 'slow', delayMs: 30 };
    await Promise.all(Array.from({ length: 12 }, () => repository.findSnapshot('A')));
    expect(stub.peakInFlight).toBeLessThanOrEqual(SETTINGS.maxSockets);
    expect(stub.peakInFlight).toBeGreaterThan(1);
  });

  it('refuses loads: the hub keeps no ODS data of its own in this mode', async () => {
    await expect(repository.replaceSnapshots([A])).rejects.toMatchObject({ code: 'ODS_LOADS_DISABLED' });
  });
});
