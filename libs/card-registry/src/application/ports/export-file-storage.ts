import type { Readable } from 'node:stream';

export interface StoredFile {
  readonly byteCount: number;
  /** SHA-256 (hex) of every byte before the trailer. */
  readonly sha256: string;
}

/** Where the daily export files go (CARD_EXPORT_DIR): a boundary of its own, the file system. */
export abstract class ExportFileStorage {
  /**
   * Writes `body` and then `trailer(sha256 of body)` to `fileName`, all or nothing: readers never
   * see a half-written file. Streams with back-pressure.
   */
  abstract write(
    fileName: string,
    body: AsyncIterable<string>,
    trailer: (sha256: string) => string,
  ): Promise<StoredFile>;

  /** The file's bytes, or null when it is not there. */
  abstract open(fileName: string): Promise<Readable | null>;
}
