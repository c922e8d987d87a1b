import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { CardExportConfig } from '../../application/card-export-config';
import { ExportFileStorage, type StoredFile } from '../../application/ports/export-file-storage';

/**
 * The export files in CARD_EXPORT_DIR (a directory every instance shares). A file is written under
 * a temporary name, flushed to disk, then renamed into place: a reader sees the whole file or none.
 */
@Injectable()
export class FsExportFileStorage extends ExportFileStorage {
  constructor(private readonly config: CardExportConfig) {
    super();
  }

  private get directory(): string {
    if (this.config.directory === null) throw new Error('CARD_EXPORT_DIR is not set');
    return this.config.directory;
  }

  async write(
    fileName: string,
    body: AsyncIterable<string>,
    trailer: (sha256: string) => string,
  ): Promise<StoredFile> {
    await mkdir(this.directory, { recursive: true });
    const target = join(this.directory, fileName);
    const part = join(this.directory, `.${fileName}.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let byteCount = 0;
    let sha256 = '';
    async function* bytes(): AsyncGenerator<Buffer> {
      for await (const chunk of body) {
        const buffer = Buffer.from(chunk, 'utf8');
        hash.update(buffer);
        byteCount += buffer.length;
        yield buffer;
      }
      sha256 = hash.digest('hex');
      const end = Buffer.from(trailer(sha256), 'utf8');
      byteCount += end.length;
      yield end;
    }
    try {
      await pipeline(Readable.from(bytes()), createWriteStream(part, { flags: 'wx' }));
      const handle = await open(part, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(part, target);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
    return { byteCount, sha256 };
  }

  async open(fileName: string): Promise<Readable | null> {
    if (this.config.directory === null) return null;
    const path = join(this.config.directory, fileName);
    try {
      if (!(await stat(path)).isFile()) return null;
    } catch {
      return null;
    }
    return createReadStream(path);
  }
}
