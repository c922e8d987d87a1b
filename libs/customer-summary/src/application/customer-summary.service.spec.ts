import { ConflictError, domainError, ValidationError, type DomainError } from '@hub/shared-kernel';
import { FixedClock } from '@hub/shared-kernel/testing';
import { CustomerSummaryErrors } from '../domain/customer-summary.errors';
import { CustomerSummaryService } from './customer-summary.service';
import { SummaryPolicy } from './summary-policy';
import { InMemoryCustomerLookupAudit, InMemoryOds } from '../testing/in-memory-ods';
import { buildFacility, buildSnapshot } from '../testing/ods-snapshot.factory';

const ctx = { actor: 'rm', requestId: 'r' };

function setup() {
  const ods = new InMemoryOds([
    buildSnapshot({
      cif: 'A',
      legalIds: [{ type: 'CCCD', number: '079090001234', issueDate: null, issuePlace: null }],
      mobileNumbers: ['+84912000111'],
      lending: [buildFacility({ daysPastDue: 100 })],
    }),
    buildSnapshot({
      cif: 'B',
      legalIds: [{ type: 'CMND', number: '012345678', issueDate: null, issuePlace: null }],
      mobileNumbers: ['+84988000222'],
    }),
    buildSnapshot({
      cif: 'C',
      legalIds: [{ type: 'PASSPORT', number: 'B1234567', issueDate: null, issuePlace: null }],
      mobileNumbers: ['+84988000222'],
    }),
    buildSnapshot({
      cif: 'D',
      status: 'CLOSED',
      legalIds: [{ type: 'PASSPORT', number: 'C7654321', issueDate: null, issuePlace: null }],
      mobileNumbers: ['+84977000444'],
    }),
    buildSnapshot({
      cif: 'E',
      legalIds: [{ type: 'PASSPORT', number: 'C7654321', issueDate: null, issuePlace: null }],
      mobileNumbers: ['+84977000444'],
    }),
  ]);
  const audit = new InMemoryCustomerLookupAudit();
  const clock = new FixedClock(new Date('2026-11-01T12:00:00Z'));
  return { service: new CustomerSummaryService(ods, audit, clock, new SummaryPolicy(24)), audit, ods, clock };
}

describe('CustomerSummaryService', () => {
  it.each<[{ legalId?: string; mobileNumber?: string }]>([
    [{ legalId: '079090001234' }],
    [{ legalId: ' 079 090 001 234 ' }],
    [{ mobileNumber: '0912000111' }],
    [{ mobileNumber: '+84912000111' }],
    [{ mobileNumber: '84 912 000 111' }],
    [{ legalId: '079090001234', mobileNumber: '0912000111' }],
  ])('finds the one customer for %p', async (query) => {
    const { service, audit } = setup();
    const result = await service.getSummary(query, { actor: 'rm-1', requestId: 'req-1' });
    expect(result.total).toBe(1);
    expect(result.data[0].cif).toBe('A');
    expect(result.data[0].lendingInfo.unsecuredLoans[0].overdue).toMatchObject({
      debtGroup: 3,
      nonPerforming: true,
    });
    expect(audit.entries).toEqual([
      {
        actor: 'rm-1',
        requestId: 'req-1',
        legalId: query.legalId ? '079090001234' : null,
        mobileNumber: query.mobileNumber ? '+84912000111' : null,
        matchedCount: 1,
        outcome: 'FOUND',
      },
    ]);
  });

  it('matches a passport in lower case', async () => {
    const { service } = setup();
    expect((await service.getSummary({ legalId: 'b1234567' }, ctx)).data[0].cif).toBe('C');
  });

  it('answers an empty result for a customer new to the bank, and audits it', async () => {
    const { service, audit } = setup();
    expect(await service.getSummary({ legalId: '079199999999' }, ctx)).toEqual({
      total: 0,
      data: [],
      warnings: [],
    });
    expect(audit.entries[0]).toMatchObject({ matchedCount: 0, outcome: 'NOT_FOUND' });
  });

  it('ignores a closed CIF beside an open one', async () => {
    const { service } = setup();
    expect((await service.getSummary({ legalId: 'C7654321' }, ctx)).data[0].cif).toBe('E');
    expect((await service.getSummary({ mobileNumber: '0977000444' }, ctx)).data[0].cif).toBe('E');
  });

  it('refuses two CIFs sharing a mobile with DUPLICATE_CIF, giving only the count', async () => {
    const { service, audit } = setup();
    const error = await service.getSummary({ mobileNumber: '0988000222' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'DUPLICATE_CIF', details: [{ matchedCount: 2 }] });
    expect((error as DomainError).messageIn('en')).toBe(
      'Customer information matches other customers in the system',
    );
    expect((error as DomainError).messageIn('vi')).toBe('Thông tin bị trùng');
    expect(JSON.stringify((error as DomainError).details)).not.toMatch(/"B"|"C"/);
    expect(audit.entries[0]).toMatchObject({ matchedCount: 2, outcome: 'DUPLICATE_CIF' });
  });

  it('refuses the legal ID of one CIF with the mobile of another', async () => {
    const { service } = setup();
    await expect(
      service.getSummary({ legalId: '079090001234', mobileNumber: '0988000222' }, ctx),
    ).rejects.toMatchObject({
      code: 'DUPLICATE_CIF',
      details: [{ matchedCount: 3 }],
    });
  });

  it.each([[{}], [{ legalId: '', mobileNumber: '   ' }], [{ legalId: null, mobileNumber: null }]])(
    'refuses %p: no identifier',
    async (query) => {
      const { service, audit } = setup();
      const error = await service.getSummary(query, ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(audit.entries[0]).toMatchObject({ outcome: 'INVALID_INPUT', matchedCount: 0 });
    },
  );

  it('refuses malformed identifiers with one detail per field, before reading the ODS', async () => {
    const { service, ods } = setup();
    const spy = jest.spyOn(ods, 'findCandidates');
    const error = await service
      .getSummary({ legalId: '12345', mobileNumber: '02838123456' }, ctx)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'legalId', issues: ['isLegalId'], message: expect.any(String) },
        { field: 'mobileNumber', issues: ['isMobileNumber'], message: expect.any(String) },
      ],
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a malformed identifier even when the other one is valid', async () => {
    const { service } = setup();
    await expect(
      service.getSummary({ legalId: '079090001234', mobileNumber: '123' }, ctx),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'mobileNumber' }],
    });
  });

  describe('the age of the data, its flags and the warnings', () => {
    it('returns dataAsOf and the data-quality flags, and warns about the flags of the CIF shown', async () => {
      const { service } = setup();
      const result = await service.getSummary({ legalId: 'B1234567' }, ctx);
      expect(result.data[0].dataAsOf).toEqual({
        extractedAt: '2026-10-31T18:00:00.000Z',
        loadedAt: expect.any(String),
        extractedAtSource: 'ODS',
      });
      // C shares its mobile with B (both open).
      expect(result.data[0].dataQualityFlags).toEqual(['SHARED_MOBILE_NUMBER']);
      expect(result.warnings).toEqual([{ code: 'SHARED_MOBILE_NUMBER', cif: 'C' }]);
    });

    it('adds STALE_DATA once the data is older than the limit', async () => {
      const { service, clock } = setup();
      // Extracted 2026-10-31T18:00Z; the limit is 24 hours.
      clock.set(new Date('2026-11-01T18:00:00.000Z'));
      expect((await service.getSummary({ legalId: '079090001234' }, ctx)).warnings).toEqual([]);
      clock.set(new Date('2026-11-01T18:00:00.001Z'));
      expect((await service.getSummary({ legalId: '079090001234' }, ctx)).warnings).toEqual([
        { code: 'STALE_DATA', cif: 'A' },
      ]);
    });

    it('audits a lookup the ODS could not answer, then lets the 503 through', async () => {
      const { service, ods, audit } = setup();
      jest
        .spyOn(ods, 'findSnapshot')
        .mockRejectedValue(domainError(CustomerSummaryErrors.ODS_UNAVAILABLE, [], { retryAfterSeconds: 3 }));
      await expect(service.getSummary({ legalId: '079090001234' }, ctx)).rejects.toMatchObject({
        code: 'ODS_UNAVAILABLE',
        retryAfterSeconds: 3,
      });
      expect(audit.entries).toEqual([
        expect.objectContaining({ outcome: 'ODS_UNAVAILABLE', matchedCount: 0 }),
      ]);
    });
  });
});
