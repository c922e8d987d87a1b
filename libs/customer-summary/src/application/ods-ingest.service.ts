import { Injectable } from '@nestjs/common';
import type { OdsCustomerSnapshot } from '../domain/ods-snapshot';
import { parseSnapshotLine } from '../domain/ods-snapshot.parser';
import { MAX_LINE_BYTES, ndjsonLines } from './ndjson-lines';
import { OdsRepository } from './ports/ods.repository';

/**
 * A refused line of the feed. Codes: VALIDATION_FAILED, INVALID_JSON, LINE_TOO_LONG, LOAD_FAILED
 * (the database refused it), STALE_SNAPSHOT (the ODS holds a later extraction of the CIF).
 */
export interface RejectedLine {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** The answer of `POST /api/v1/ods/customers:bulk` and of `npm run ods:load`. */
export interface IngestReport {
  readonly received: number;
  readonly loaded: number;
  readonly rejected: readonly RejectedLine[];
}

export interface IngestOptions {
  /** Snapshots written per transaction (default 500). */
  readonly batchSize?: number;
  readonly maxLineBytes?: number;
  /** Called after each batch is written. */
  readonly onProgress?: (progress: { received: number; loaded: number; rejected: number }) => void;
}

/**
 * The rejected list keeps the first 1,000 entries so that a million bad lines still load in
 * constant memory; `received - loaded` is always the exact number of refused lines.
 */
export const MAX_REPORTED_REJECTIONS = 1000;
export const DEFAULT_BATCH_SIZE = 500;

/**
 * Loads an NDJSON feed of customer snapshots (docs/contracts/customer-summary.md). Streams: one line and one
 * batch in memory at a time. Each valid line replaces its CIF's data, unless the ODS holds a later
 * extraction of that CIF (STALE_SNAPSHOT); a bad line is reported with its number and loads
 * nothing, the others load. Batches are one transaction each; when a batch
 * fails in the database, its lines are retried one by one so that only the culprit is refused.
 */
/** A load of this many customers or more refreshes the planner's statistics when it ends (smaller
 * ones are left to autovacuum's ANALYZE). */
export const ANALYZE_AFTER_LOADED = 1000;

@Injectable()
export class OdsIngestService {
  constructor(private readonly ods: OdsRepository) {}

  async ingest(
    source: AsyncIterable<Buffer | Uint8Array | string>,
    options: IngestOptions = {},
  ): Promise<IngestReport> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let received = 0;
    let loaded = 0;
    let rejectedCount = 0;
    const rejected: RejectedLine[] = [];
    const reject = (entry: RejectedLine) => {
      rejectedCount++;
      if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push(entry);
    };
    // Keyed by CIF: a line for a CIF already in the batch first flushes the batch, so that the
    // later snapshot wins, as the file's order says.
    let batch = new Map<string, { line: number; snapshot: OdsCustomerSnapshot }>();

    const progress = () => options.onProgress?.({ received, loaded, rejected: rejectedCount });
    /** Writes one batch (in the database while the next one is parsed). */
    const write = async (
      entries: { line: number; snapshot: OdsCustomerSnapshot }[],
      snapshots: readonly OdsCustomerSnapshot[],
    ): Promise<void> => {
      const batchLines = new Map(entries.map((e) => [e.snapshot.cif, e.line]));
      const rejectStale = (stale: readonly string[]) => {
        for (const cif of stale) {
          loaded--;
          reject({
            line: batchLines.get(cif)!,
            code: 'STALE_SNAPSHOT',
            message: 'The ODS already holds a later extraction of this CIF',
          });
        }
      };
      try {
        const { stale } = await this.ods.replaceSnapshots(snapshots);
        loaded += entries.length;
        rejectStale(stale);
      } catch {
        for (const entry of entries) {
          try {
            const { stale } = await this.ods.replaceSnapshots([entry.snapshot]);
            loaded++;
            rejectStale(stale);
          } catch {
            reject({ line: entry.line, code: 'LOAD_FAILED', message: 'The snapshot could not be stored' });
          }
        }
      }
      progress();
    };
    // At most one batch in the database at a time, and batches written in the file's order: the
    // next batch starts once the previous one has committed (so a later line of a CIF still wins).
    let writing: Promise<void> = Promise.resolve();
    /** Hands the batch to the database; false when there was nothing to write. */
    const flush = async (): Promise<boolean> => {
      if (batch.size === 0) return false;
      const entries = [...batch.values()];
      batch = new Map();
      // Prepared (encoded) while the previous batch is still in the database. Should preparing
      // fail, replaceSnapshots does the work itself, inside write()'s handling of failures.
      const snapshots = entries.map((e) => e.snapshot);
      try {
        this.ods.prepareSnapshots(snapshots);
      } catch {
        // (see above)
      }
      await writing;
      writing = write(entries, snapshots);
      return true;
    };

    try {
      for await (const { lineNumber, text } of ndjsonLines(source, options.maxLineBytes ?? MAX_LINE_BYTES)) {
        received++;
        if (text === null) {
          reject({
            line: lineNumber,
            code: 'LINE_TOO_LONG',
            message: `The line is longer than ${options.maxLineBytes ?? MAX_LINE_BYTES} bytes`,
          });
          continue;
        }
        const result = parseSnapshotLine(text);
        if (!result.ok) {
          reject({ line: lineNumber, code: result.code, message: result.message });
          continue;
        }
        if (batch.has(result.snapshot.cif)) await flush();
        batch.set(result.snapshot.cif, { line: lineNumber, snapshot: result.snapshot });
        if (batch.size >= batchSize) await flush();
      }
    } finally {
      // A source that fails half way leaves no write running behind the caller's back.
      await writing;
    }
    // The last call always reports the final counts (refused lines after the last batch too).
    const flushed = await flush();
    await writing;
    if (!flushed) progress();
    if (loaded >= ANALYZE_AFTER_LOADED) await this.ods.refreshStatistics();
    return { received, loaded, rejected };
  }
}
