import { Readable } from 'node:stream';
import { OdsIngestService, MAX_REPORTED_REJECTIONS } from './ods-ingest.service';
import { InMemoryOds } from '../testing/in-memory-ods';
import { buildRawFacility, buildRawSnapshot } from '../testing/ods-snapshot.factory';

const line = (overrides: Record<string, unknown> = {}) => JSON.stringify(buildRawSnapshot(overrides));
const feed = (...lines: string[]) => Readable.from([Buffer.from(lines.join('\n') + '\n')]);

describe('OdsIngestService', () => {
  it('loads the good lines and reports the bad ones by line number', async () => {
    const ods = new InMemoryOds();
    const report = await new OdsIngestService(ods).ingest(
      feed(
        line({ cif: 'A' }),
        line({ cif: 'B', status: 'OPEN' }),
        '{not json',
        line({ cif: 'C' }),
        line({ cif: 'D', nickname: 'x' }),
      ),
    );
    expect(report).toEqual({
      received: 5,
      loaded: 2,
      rejected: [
        { line: 2, code: 'VALIDATION_FAILED', message: 'status: must be one of ACTIVE, DORMANT, CLOSED' },
        { line: 3, code: 'INVALID_JSON', message: 'The line is not valid JSON' },
        { line: 5, code: 'VALIDATION_FAILED', message: 'nickname: unknown field' },
      ],
    });
    expect([...ods.snapshots.keys()].sort()).toEqual(['A', 'C']);
  });

  it("refuses, line by line, a currency, a country or an e-mail the kernel's rules refuse", async () => {
    const ods = new InMemoryOds();
    const report = await new OdsIngestService(ods).ingest(
      feed(
        line({ cif: 'A', lending: [buildRawFacility({ currency: 'ABC' })] }),
        line({ cif: 'B', addresses: [{ type: 'CONTACT', line: '1 Phố Huế', country: 'XYZ' }] }),
        line({ cif: 'C', email: 'an@localhost' }),
        line({ cif: 'D' }),
      ),
    );
    expect(report).toEqual({
      received: 4,
      loaded: 1,
      rejected: [
        { line: 1, code: 'VALIDATION_FAILED', message: 'lending[0].currency: must be an ISO 4217 code' },
        {
          line: 2,
          code: 'VALIDATION_FAILED',
          message: 'addresses[0].country: must be an ISO 3166 alpha-3 code',
        },
        { line: 3, code: 'VALIDATION_FAILED', message: 'email: must be an e-mail address' },
      ],
    });
    expect([...ods.snapshots.keys()]).toEqual(['D']);
  });

  it('writes in batches of the given size', async () => {
    const ods = new InMemoryOds();
    const lines = Array.from({ length: 7 }, (_, i) => line({ cif: `C${i}` }));
    const progress: number[] = [];
    const report = await new OdsIngestService(ods).ingest(feed(...lines), {
      batchSize: 3,
      onProgress: (p) => progress.push(p.loaded),
    });
    expect(report.loaded).toBe(7);
    expect(ods.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(progress).toEqual([3, 6, 7]);
  });

  it('prepares each batch before writing it, with the very array it then writes', async () => {
    const ods = new InMemoryOds();
    const prepared: (readonly unknown[])[] = [];
    jest.spyOn(ods, 'prepareSnapshots').mockImplementation((snapshots) => void prepared.push(snapshots));
    const written = jest.spyOn(ods, 'replaceSnapshots');
    const lines = Array.from({ length: 5 }, (_, i) => line({ cif: `C${i}` }));
    await new OdsIngestService(ods).ingest(feed(...lines), { batchSize: 2 });
    expect(written.mock.calls.map(([snapshots]) => snapshots)).toHaveLength(3);
    written.mock.calls.forEach(([snapshots], i) => expect(snapshots).toBe(prepared[i]));
  });

  it('lets a later line for the same CIF win, even within one batch', async () => {
    const ods = new InMemoryOds();
    const report = await new OdsIngestService(ods).ingest(
      feed(line({ cif: 'A', fullName: 'Old' }), line({ cif: 'A', fullName: 'New' })),
    );
    expect(report).toEqual({ received: 2, loaded: 2, rejected: [] });
    expect(ods.snapshots.get('A')!.fullName).toBe('New');
  });

  it('isolates a snapshot the store refuses: the rest of its batch still loads', async () => {
    const ods = new InMemoryOds();
    ods.failingCifs.add('B');
    const report = await new OdsIngestService(ods).ingest(
      feed(line({ cif: 'A' }), line({ cif: 'B' }), line({ cif: 'C' })),
    );
    expect(report).toEqual({
      received: 3,
      loaded: 2,
      rejected: [{ line: 2, code: 'LOAD_FAILED', message: 'The snapshot could not be stored' }],
    });
  });

  it('refuses an over-long line without keeping it, and counts blank lines in the numbering', async () => {
    const ods = new InMemoryOds();
    const report = await new OdsIngestService(ods).ingest(
      feed(line({ cif: 'A' }), '', 'x'.repeat(5000), line({ cif: 'B' })),
      {
        maxLineBytes: 4000,
      },
    );
    expect(report).toEqual({
      received: 3,
      loaded: 2,
      rejected: [{ line: 3, code: 'LINE_TOO_LONG', message: 'The line is longer than 4000 bytes' }],
    });
  });

  it('caps the list of rejections but keeps counting', async () => {
    const bad = Array.from({ length: MAX_REPORTED_REJECTIONS + 5 }, () => '{');
    const report = await new OdsIngestService(new InMemoryOds()).ingest(feed(...bad, line({ cif: 'A' })));
    expect(report.received).toBe(MAX_REPORTED_REJECTIONS + 6);
    expect(report.loaded).toBe(1);
    expect(report.rejected).toHaveLength(MAX_REPORTED_REJECTIONS);
  });

  it('refuses a line older than the extraction the ODS holds for its CIF (STALE_SNAPSHOT); the others load', async () => {
    const ods = new InMemoryOds();
    await new OdsIngestService(ods).ingest(feed(line({ cif: 'A', extractedAt: '2026-10-31T18:00:00Z' })));
    const report = await new OdsIngestService(ods).ingest(
      feed(
        line({ cif: 'A', fullName: 'Older', extractedAt: '2026-10-30T18:00:00Z' }),
        line({ cif: 'B', extractedAt: '2026-10-30T18:00:00Z' }),
        line({ cif: 'B', fullName: 'Older B', extractedAt: '2026-10-29T18:00:00Z' }),
      ),
    );
    expect(report).toEqual({
      received: 3,
      loaded: 1,
      rejected: [
        { line: 1, code: 'STALE_SNAPSHOT', message: 'The ODS already holds a later extraction of this CIF' },
        { line: 3, code: 'STALE_SNAPSHOT', message: 'The ODS already holds a later extraction of this CIF' },
      ],
    });
    expect(ods.snapshots.get('A')!.fullName).toBe('Nguyễn Văn An');
    expect(ods.snapshots.get('B')!.extractedAt).toBe('2026-10-30T18:00:00.000Z');
  });
});
