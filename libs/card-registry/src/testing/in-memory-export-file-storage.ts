import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ExportFileStorage, type StoredFile } from '../application/ports/export-file-storage';

/** Export files in memory, for the service's unit tests. Counts writes per name. */
export class InMemoryExportFileStorage extends ExportFileStorage {
  readonly files = new Map<string, string>();
  readonly writes = new Map<string, number>();

  async write(
    fileName: string,
    body: AsyncIterable<string>,
    trailer: (sha256: string) => string,
  ): Promise<StoredFile> {
    let text = '';
    for await (const chunk of body) text += chunk;
    const sha256 = createHash('sha256').update(text).digest('hex');
    text += trailer(sha256);
    this.files.set(fileName, text);
    this.writes.set(fileName, (this.writes.get(fileName) ?? 0) + 1);
    return { byteCount: Buffer.byteLength(text), sha256 };
  }

  async open(fileName: string): Promise<Readable | null> {
    const text = this.files.get(fileName);
    return text === undefined ? null : Readable.from([text]);
  }
}
