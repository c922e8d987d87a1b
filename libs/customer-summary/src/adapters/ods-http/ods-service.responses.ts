import { CIF_FORM, CIF_STATUSES, type CifCandidate, type CifCandidates } from '@hub/shared-kernel';
import { canonicalFlags, isDataQualityCode, recordQualityFlags } from '../../domain/data-quality';
import type { OdsSnapshotRecord } from '../../domain/ods-snapshot-record';
import { validateSnapshot } from '../../domain/ods-snapshot.parser';

/**
 * The ODS service's answers (libs/customer-summary/ods-service.openapi.json), checked as strictly
 * as the NDJSON feed: unknown fields refused, every problem named by its path, never its value.
 */
export type Parsed<T> = ({ ok: true } & T) | { ok: false; problems: string[] };

const INSTANT_PATTERN =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownFields(o: Record<string, unknown>, allowed: readonly string[], path: string): string[] {
  return Object.keys(o)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${path}${k}: unknown field`);
}

/** `{ byLegalId: [{ cif, status }], byMobileNumber: [{ cif, status }] }` */
export function parseCandidatesResponse(value: unknown): Parsed<{ candidates: CifCandidates }> {
  if (!isObject(value)) return { ok: false, problems: ['$: must be an object'] };
  const problems = unknownFields(value, ['byLegalId', 'byMobileNumber'], '');
  const list = (key: 'byLegalId' | 'byMobileNumber'): CifCandidate[] => {
    const items = value[key];
    if (!Array.isArray(items)) {
      problems.push(`${key}: must be an array`);
      return [];
    }
    const out: CifCandidate[] = [];
    items.forEach((item, i) => {
      const path = `${key}[${i}]`;
      if (!isObject(item)) {
        problems.push(`${path}: must be an object`);
        return;
      }
      problems.push(...unknownFields(item, ['cif', 'status'], `${path}.`));
      const { cif, status } = item;
      if (typeof cif !== 'string' || !CIF_FORM.test(cif))
        problems.push(`${path}.cif: must be 1 to 20 letters or digits`);
      if (typeof status !== 'string' || !(CIF_STATUSES as readonly string[]).includes(status))
        problems.push(`${path}.status: must be one of ${CIF_STATUSES.join(', ')}`);
      else if (typeof cif === 'string') out.push({ cif, status: status as CifCandidate['status'] });
    });
    return out;
  };
  const byLegalId = list('byLegalId');
  const byMobileNumber = list('byMobileNumber');
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, candidates: { byLegalId, byMobileNumber } };
}

/**
 * `{ customer: <one NDJSON snapshot line, as an object>, loadedAt: RFC 3339, dataQualityFlags?: [codes] }`.
 * The hub computes the CCCD flags itself from the snapshot; the service adds the ones that need
 * its other customers (SHARED_LEGAL_ID, SHARED_MOBILE_NUMBER).
 */
export function parseSnapshotResponse(value: unknown): Parsed<{ record: OdsSnapshotRecord }> {
  if (!isObject(value)) return { ok: false, problems: ['$: must be an object'] };
  const problems = unknownFields(value, ['customer', 'loadedAt', 'dataQualityFlags'], '');
  const parsed = validateSnapshot(value.customer);
  if (!parsed.ok) problems.push(...parsed.issues.map((i) => `customer.${i.path}: ${i.issue}`));
  const { loadedAt } = value;
  if (typeof loadedAt !== 'string' || !INSTANT_PATTERN.test(loadedAt) || Number.isNaN(Date.parse(loadedAt)))
    problems.push('loadedAt: must be an RFC 3339 date-time');
  const flags = value.dataQualityFlags ?? [];
  if (!Array.isArray(flags) || !flags.every(isDataQualityCode))
    problems.push('dataQualityFlags: must be an array of data-quality codes');
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  const snapshot = parsed.snapshot;
  return {
    ok: true,
    record: {
      snapshot,
      dataAsOf: {
        extractedAt: snapshot.extractedAt,
        loadedAt: new Date(loadedAt as string).toISOString(),
        extractedAtSource: 'ODS',
      },
      dataQualityFlags: canonicalFlags([...recordQualityFlags(snapshot), ...(flags as [])]),
    },
  };
}
