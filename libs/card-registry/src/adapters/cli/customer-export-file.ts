import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SystemClock } from '@hub/shared-kernel';
import type { DataSource } from 'typeorm';
import { CardRegistryService } from '../../application/card-registry.service';
import { exportTrailer, type ExportFormat } from '../../domain/customer-views';
import { TypeormCardRegistryRepository } from '../persistence/typeorm-card-registry.repository';

export interface CustomerExportFileResult {
  readonly rows: number;
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Writes the same export the route streams to a file, then a trailer line with the row count and
 * the SHA-256 of every byte before it (`npm run cards:export`). Streams with back-pressure: the
 * next database batch is read only when the file has taken the previous one.
 */
export async function writeCustomerExportFile(options: {
  readonly dataSource: DataSource;
  readonly institutionId: string;
  readonly format: ExportFormat;
  readonly changedSince: Date | null;
  readonly out: string;
  readonly onRows?: (rows: number) => void;
}): Promise<CustomerExportFileResult> {
  const store = new TypeormCardRegistryRepository(options.dataSource);
  const service = new CardRegistryService(store, new SystemClock());
  const hash = createHash('sha256');
  const file = createWriteStream(options.out, { encoding: 'utf8' });
  let bytes = 0;
  let rows = 0;
  const write = async (text: string | Uint8Array) => {
    bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
    if (!file.write(text)) await once(file, 'drain');
  };
  try {
    const chunks = service.exportCustomers(
      options.institutionId,
      options.format,
      options.changedSince,
      () => rows++,
    );
    for await (const chunk of chunks) {
      hash.update(chunk);
      options.onRows?.(rows);
      await write(chunk);
    }
    const sha256 = hash.digest('hex');
    await write(exportTrailer(options.format, rows, sha256));
    file.end();
    await once(file, 'finish');
    return { rows, sha256, bytes };
  } catch (error) {
    file.destroy();
    throw error;
  }
}
