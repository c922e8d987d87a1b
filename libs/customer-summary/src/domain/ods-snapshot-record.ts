import type { DataQualityCode } from './data-quality';
import type { OdsCustomerSnapshot } from './ods-snapshot';

/**
 * Where the extraction time comes from: `ODS` (the snapshot's own `extractedAt`), or `LOAD_TIME`
 * for a snapshot loaded before the feed carried `extractedAt` (its load time stands in for it).
 */
export type ExtractedAtSource = 'ODS' | 'LOAD_TIME';
export const EXTRACTED_AT_SOURCES: readonly ExtractedAtSource[] = ['ODS', 'LOAD_TIME'];

/** The age of a CIF's data. Instants are ISO 8601 UTC with milliseconds. */
export interface DataAsOf {
  /** When the ODS extracted the snapshot (the load time when `extractedAtSource` is LOAD_TIME). */
  readonly extractedAt: string;
  /** When the snapshot was loaded into the ODS the hub reads. */
  readonly loadedAt: string;
  readonly extractedAtSource: ExtractedAtSource;
}

/** One CIF as the ODS port returns it: the snapshot, its age and its data-quality flags. */
export interface OdsSnapshotRecord {
  readonly snapshot: OdsCustomerSnapshot;
  readonly dataAsOf: DataAsOf;
  /** Canonical order (DATA_QUALITY_CODES), distinct. */
  readonly dataQualityFlags: readonly DataQualityCode[];
}
