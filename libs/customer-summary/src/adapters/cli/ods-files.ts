import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import { OdsIngestService, type IngestReport } from '../../application/ods-ingest.service';
import type { DataQualityCode } from '../../domain/data-quality';
import { TypeormOdsRepository } from '../persistence/typeorm-ods.repository';
import { generateSyntheticCustomers } from '../synthetic/synthetic-customers';

/**
 * The file side of the ODS adapters, for the CLI scripts (`npm run ods:load`, `npm run ods:generate`).
 */
export interface LoadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly received: number;
  readonly loaded: number;
  readonly rejected: number;
}

/** The answer of `npm run ods:load`: the bulk route's, and how many CIFs carry each data-quality flag. */
export interface LoadFileReport extends IngestReport {
  /** CIFs of the ODS (all of them, after the load) carrying each flag. */
  readonly dataQualityFlags: Record<DataQualityCode, number>;
}

/**
 * Streams an NDJSON file into the ODS tables, exactly as POST /api/v1/ods/customers:bulk does,
 * then counts the data-quality flags of the ODS.
 */
export async function loadOdsFile(
  dataSource: DataSource,
  file: string,
  options: { batchSize?: number; onProgress?: (p: LoadProgress) => void } = {},
): Promise<LoadFileReport> {
  const totalBytes = (await stat(file)).size;
  let bytesRead = 0;
  async function* counted() {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const repository = new TypeormOdsRepository(dataSource);
  const report = await new OdsIngestService(repository).ingest(counted(), {
    batchSize: options.batchSize,
    onProgress: (p) => options.onProgress?.({ ...p, bytesRead, totalBytes }),
  });
  return { ...report, dataQualityFlags: await repository.countDataQualityFlags() };
}

/** Writes N synthetic customers as NDJSON (backpressure respected: constant memory). */
export async function writeSyntheticCustomersFile(options: {
  out: string;
  customers: number;
  seed: string;
  asOf?: string;
  extractedAt?: string;
  onProgress?: (written: number) => void;
}): Promise<{ customers: number; bytes: number }> {
  const stream = createWriteStream(options.out, { encoding: 'utf8' });
  let customers = 0;
  let bytes = 0;
  try {
    for (const customer of generateSyntheticCustomers({
      customers: options.customers,
      seed: options.seed,
      asOf: options.asOf,
      extractedAt: options.extractedAt,
    })) {
      const line = `${JSON.stringify(customer)}\n`;
      bytes += Buffer.byteLength(line);
      customers++;
      if (!stream.write(line)) await once(stream, 'drain');
      if (customers % 1000 === 0) options.onProgress?.(customers);
    }
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  options.onProgress?.(customers);
  return { customers, bytes };
}
