import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_QUALITY_CODES } from '../../domain/data-quality';
import { SNAPSHOT_FIELDS } from '../../domain/ods-snapshot.parser';
import { buildRawSnapshot } from '../../testing/ods-snapshot.factory';
import { parseCandidatesResponse, parseSnapshotResponse } from './ods-service.responses';

/**
 * The ODS service's OpenAPI document (what a bank implements) says what the live adapter reads:
 * the snapshot schema has exactly the fields the strict parser allows, at every level.
 */
const doc = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'ods-service.openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
};
const schemas = doc.components.schemas;
const fieldsOf = (name: string) => Object.keys(schemas[name].properties).sort();

describe('the ODS service OpenAPI document', () => {
  it('offers the two operations the adapter calls', () => {
    expect(Object.keys(doc.paths['/v1/customers/candidates'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/customers/{cif}'])).toEqual(['get']);
  });

  it.each([
    ['CustomerSnapshot', SNAPSHOT_FIELDS.customer],
    ['LegalId', SNAPSHOT_FIELDS.legalId],
    ['Address', SNAPSHOT_FIELDS.address],
    ['Facility', SNAPSHOT_FIELDS.facility],
    ['Payment', SNAPSHOT_FIELDS.payment],
    ['Deposit', SNAPSHOT_FIELDS.deposit],
    ['PayrollCredit', SNAPSHOT_FIELDS.payrollCredit],
  ])('describes %s with exactly the fields of the NDJSON record', (schema, fields) => {
    expect(fieldsOf(schema)).toEqual([...fields].sort());
  });

  it('describes the envelopes the adapter accepts, and no more', () => {
    expect(fieldsOf('CandidatesResponse')).toEqual(['byLegalId', 'byMobileNumber']);
    expect(fieldsOf('SnapshotResponse')).toEqual(['customer', 'dataQualityFlags', 'loadedAt']);
    expect(
      (schemas.SnapshotResponse.properties.dataQualityFlags as { items: { enum: string[] } }).items.enum,
    ).toEqual(DATA_QUALITY_CODES);
    const customer = buildRawSnapshot();
    expect(parseSnapshotResponse({ customer, loadedAt: '2026-11-01T00:00:00Z' }).ok).toBe(true);
    expect(parseSnapshotResponse({ customer, loadedAt: '2026-11-01T00:00:00Z', etag: 'x' })).toEqual({
      ok: false,
      problems: ['etag: unknown field'],
    });
    expect(
      parseSnapshotResponse({ customer: { ...customer, limit: '1.00' }, loadedAt: 'yesterday' }),
    ).toEqual({
      ok: false,
      problems: ['customer.limit: unknown field', 'loadedAt: must be an RFC 3339 date-time'],
    });
    expect(
      parseCandidatesResponse({ byLegalId: [], byMobileNumber: [{ cif: 'A', status: 'ACTIVE' }] }),
    ).toEqual({
      ok: true,
      candidates: { byLegalId: [], byMobileNumber: [{ cif: 'A', status: 'ACTIVE' }] },
    });
    expect(parseCandidatesResponse({ byLegalId: [] })).toEqual({
      ok: false,
      problems: ['byMobileNumber: must be an array'],
    });
  });
});
