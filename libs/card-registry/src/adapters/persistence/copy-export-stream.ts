import { Readable, pipeline, type Transform } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { withoutClientTimeout } from '@hub/platform';
import type { ExportFormat } from '../../domain/customer-views';
import { CopyBinaryLines } from './copy-binary-lines';
import { CsvCrlf } from './csv-crlf';

/** A pooled connection and how to give it back (an error discards it). */
export type ExportConnection = readonly [client: PoolClient, release: (error?: Error) => void];

/**
 * One export formed by PostgreSQL, as a byte stream: `COPY (SELECT …) TO STDOUT` in a read-only
 * transaction, its chunks passed on through `CsvCrlf` (CSV) or `CopyBinaryLines` (NDJSON) and
 * nothing else. A `Readable` rather than an async generator: the HTTP reply pipes it straight to
 * the socket (no promise per chunk), and back-pressure is the streams' own (a full buffer pauses
 * the COPY stream, which pauses the connection). Still an `AsyncIterable` for the other callers.
 *
 * The transaction lifts `statement_timeout` (an export runs as long as the client reads) and turns
 * JIT off (on a server built with it, compiling the export's expressions cost about as much as
 * running them). The header (CSV) goes out with the first records, so nothing is readable before
 * the COPY has produced data or ended: a statement that fails is an error before the first byte.
 * The connection is given back after the COMMIT, or discarded when the stream is destroyed first
 * (client gone, error).
 */
export class CopyExportStream extends Readable {
  private header: Buffer | null;
  private lines: Transform | null = null;
  private copy: (ReturnType<typeof copyTo> & { callback: () => void }) | null = null;
  private release: ((error?: Error) => void) | null = null;
  private completed = false;

  constructor(
    private readonly connect: () => Promise<ExportConnection>,
    private readonly sql: string,
    header: string,
    private readonly format: ExportFormat,
    private readonly onRow?: () => void,
  ) {
    super({ highWaterMark: 256 * 1024 });
    this.header = header.length > 0 ? Buffer.from(header) : null;
  }

  override _construct(done: (error?: Error | null) => void): void {
    this.start().then(() => done(), done);
  }

  private async start(): Promise<void> {
    const [client, release] = await this.connect();
    this.release = release;
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL statement_timeout = 0; SET LOCAL jit = off');
    // pg clears its client-side read timer only through the query's callback, which a COPY stream
    // never calls: give it one, and call it when the stream is over (else a timer outlives it).
    const copy = Object.assign(withoutClientTimeout(copyTo(this.sql, { highWaterMark: 256 * 1024 })), {
      callback: (): void => undefined,
    });
    this.copy = copy;
    client.query(copy);
    const lines = this.format === 'csv' ? new CsvCrlf(this.onRow) : new CopyBinaryLines(this.onRow);
    this.lines = lines;
    pipeline(copy, lines, (error) => {
      if (error) this.destroy(error);
    });
    lines.on('data', (chunk: Buffer) => {
      if (this.header) {
        this.push(this.header);
        this.header = null;
      }
      if (!this.push(chunk)) lines.pause();
    });
    lines.on('end', () => {
      client.query('COMMIT').then(
        () => {
          this.completed = true;
          if (this.header) this.push(this.header);
          this.header = null;
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    });
  }

  override _read(): void {
    this.lines?.resume();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.copy?.callback();
    this.lines?.destroy();
    this.release?.(this.completed ? undefined : (error ?? new Error('export stream abandoned')));
    this.release = null;
    done(error);
  }
}
