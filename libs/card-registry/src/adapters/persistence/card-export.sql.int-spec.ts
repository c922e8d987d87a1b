import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { Client, escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, obtainReadConnection } from '@hub/platform';
import { csvField, csvRecord, parseCsv } from '@hub/shared-kernel';
import { cloneTemplateDatabase } from '@hub/test-database';
import { CardRegistryService } from '../../application/card-registry.service';
import { CardRegistryRepository, type ExportFilter } from '../../application/ports/card-registry.repository';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../domain/customer-views';
import { buildCorporateCustomer, buildPrivateCustomer } from '../../testing/customer.factory';
import { FixedClock } from '@hub/shared-kernel/testing';
import { csvCellSql } from './card-export.sql';
import { CopyExportStream } from './copy-export-stream';
import { CsvCrlf } from './csv-crlf';
import { TypeormCardRegistryRepository } from './typeorm-card-registry.repository';

/** Values a spreadsheet or a CSV/JSON writer can get wrong. */
const NASTY = [
  '=HYPERLINK("http://x","y")',
  '+84912345678',
  '-2+3',
  '@SUM(A1)',
  '\tTabbed',
  '\rReturn first',
  'Line\nbreak',
  'Carriage\r\nreturn',
  'Comma, inside',
  'Quote " inside',
  '"quoted"',
  "'already apostrophe",
  'back\\slash \\n not a newline',
  'unicode Nguyễn Thị Ánh – 漢字 😀',
  'control \u0001\u001f\u007f chars',
  'line\u2028separator',
  '',
  ' ',
  '=',
  'plain',
  '\\.',
];

async function text(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks)
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

describe('exports formed by PostgreSQL (COPY)', () => {
  let db: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let ds: DataSource;
  let store: TypeormCardRegistryRepository;
  /** The domain's formatter over the same store's records: what the export wrote before COPY. */
  const reference = (
    kind: (typeof EXPORT_KINDS)[number],
    institution: string,
    format: 'csv' | 'ndjson',
    filter: ExportFilter,
  ) => CardRegistryRepository.prototype.exportText.call(store, kind, institution, format, filter);

  beforeAll(async () => {
    db = await cloneTemplateDatabase();
    ds = new DataSource(buildDataSourceOptions(db.url, { poolSize: 4 }));
    await ds.initialize();
    store = new TypeormCardRegistryRepository(ds);
    const service = new CardRegistryService(store, new FixedClock(new Date('2026-03-01T10:00:00.000Z')));
    for (let i = 0; i < NASTY.length; i++) {
      const customer = await service.createCustomer(
        'INST-NASTY',
        i % 3 === 0 ? buildCorporateCustomer() : buildPrivateCustomer(),
      );
      const account = await service.createAccount('INST-NASTY', {
        ownerCustomerId: customer.id,
        currency: 'VND',
        ...(i % 2 === 0 ? { creditLimit: '1234567.89' } : {}),
      });
      await service.createCard('INST-NASTY', {
        accountId: account.id,
        cardholderCustomerId: customer.id,
        digitalWalletEnabled: false,
      });
    }
    await service.createCustomer('INST-OTHER', buildPrivateCustomer());
    // Hostile values straight into the tables (the API's validation would refuse many of them):
    // the export must still write them exactly as the kernel's formatter does.
    await ds.query(
      `WITH v AS (SELECT value, ord FROM unnest($1::text[]) WITH ORDINALITY AS u(value, ord)),
            c AS (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM card_customers WHERE institution_id = 'INST-NASTY')
       UPDATE card_customers t SET
         name = v.value, first_name = v.value, email = nullif(v.value, ''), address2 = v.value, city = v.value || 'x',
         nationality = CASE WHEN v.ord % 2 = 0 THEN NULL ELSE v.value END,
         additional_addresses = CASE WHEN v.ord % 4 = 0 THEN '[]'::jsonb ELSE jsonb_build_array(
           jsonb_build_object('type', 'STATEMENT', 'address1', v.value, 'address2', NULL, 'city', 'C', 'zipCode', '1', 'country', 'VNM'),
           jsonb_build_object('type', 'PIN_MAILER', 'address1', 'a', 'address2', v.value, 'city', v.value, 'zipCode', '2', 'country', 'VNM')) END,
         created_at = timestamptz '2026-01-01 00:00:00.579999+00' + make_interval(secs => v.ord),
         updated_at = timestamptz '2026-02-01 00:00:00.000001+00' + make_interval(secs => v.ord * 1.001)
       FROM v JOIN c USING (ord) WHERE t.id = c.id`,
      [NASTY],
    );
    await ds.query(
      `WITH v AS (SELECT value, ord FROM unnest($1::text[]) WITH ORDINALITY AS u(value, ord)),
            c AS (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM card_cards WHERE institution_id = 'INST-NASTY')
       UPDATE card_cards t SET digital_wallet_enabled = v.ord % 2 = 0, emboss_name = nullif(v.value, 'plain'), expiry_date = CASE WHEN v.ord % 2 = 0 THEN date '2030-12-31' END,
         updated_at = timestamptz '2026-02-03 00:00:00.999999+00' - make_interval(secs => v.ord)
       FROM v JOIN c USING (ord) WHERE t.id = c.id`,
      [NASTY],
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('csvCellSql under COPY (FORMAT csv) is the kernel csvField, on hostile and on random text', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // Each value as a cell between two others, through COPY and CsvCrlf, against csvRecord.
      const check = async (values: Array<string | null>) => {
        const array = `ARRAY[${values.map((v) => (v === null ? 'NULL' : escapeLiteral(v))).join(', ')}]::text[]`;
        const parts: Buffer[] = [];
        await pipeline(
          client.query(
            copyTo(
              `COPY (SELECT 'a', ${csvCellSql('v')}, ${csvCellSql("(v || 'z')")} FROM unnest(${array}) WITH ORDINALITY AS u(v, n) ORDER BY n) TO STDOUT (FORMAT csv)`,
            ),
          ),
          new CsvCrlf(),
          async (source: AsyncIterable<Buffer>) => {
            for await (const chunk of source) parts.push(chunk);
          },
        );
        expect(Buffer.concat(parts).toString('utf8')).toBe(
          values.map((v) => csvRecord(['a', v, v === null ? null : `${v}z`])).join(''),
        );
      };
      await check([...NASTY, null]);
      expect(csvField('')).toBe('');
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, '')),
            { minLength: 1, maxLength: 30 },
          ),
          check,
        ),
        { numRuns: 60 },
      );
    } finally {
      await client.end();
    }
  });

  it.each(EXPORT_KINDS.flatMap((kind) => EXPORT_FORMATS.map((format) => [kind, format] as const)))(
    'the %s export as %s is byte for byte the domain formatter',
    async (kind, format) => {
      for (const changedSince of [null, new Date('2026-02-01T00:00:05.500Z')]) {
        const sql = await text(store.exportText(kind, 'INST-NASTY', format, { changedSince }));
        const js = await text(reference(kind, 'INST-NASTY', format, { changedSince }));
        expect(sql).toBe(js);
        const lines = format === 'csv' ? parseCsv(sql) : sql.split('\n').filter(Boolean);
        const expected = changedSince === null || kind === 'accounts' ? NASTY.length : undefined;
        if (expected !== undefined) expect(lines.length).toBe(expected + (format === 'csv' ? 1 : 0));
        if (format === 'ndjson') {
          for (const line of sql.split('\n').filter(Boolean)) {
            expect((JSON.parse(line) as { institutionId: string }).institutionId).toBe('INST-NASTY');
          }
        }
      }
    },
  );

  it('an institution with no rows gets the CSV header alone, and an empty NDJSON', async () => {
    expect(await text(store.exportText('cards', 'INST-NONE', 'csv', { changedSince: null }))).toBe(
      await text(reference('cards', 'INST-NONE', 'csv', { changedSince: null })),
    );
    expect(await text(store.exportText('customers', 'INST-NONE', 'ndjson', { changedSince: null }))).toBe('');
  });

  it("an institution id is a literal, never SQL: another institution's rows stay out", async () => {
    const out = await text(
      store.exportText('customers', "INST-NASTY' OR institution_id = 'INST-OTHER", 'ndjson', {
        changedSince: null,
      }),
    );
    expect(out).toBe('');
  });

  it('counts rows through onRow, and an abandoned export gives its connection back', async () => {
    let rows = 0;
    await text(store.exportText('customers', 'INST-NASTY', 'csv', { changedSince: null }, () => rows++));
    expect(rows).toBe(NASTY.length);
    for (let round = 0; round < 8; round++) {
      for await (const chunk of store.exportText('customers', 'INST-NASTY', 'csv', { changedSince: null })) {
        expect(chunk.length).toBeGreaterThan(0);
        break;
      }
    }
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM card_customers WHERE institution_id = 'INST-NASTY'`,
    );
    expect(n).toBe(NASTY.length);
  });

  it('a statement that fails is an error before the first byte (no header), and its connection is given back', async () => {
    // More failures than the pool has connections (4): a connection kept by a failed export would hang this.
    for (let round = 0; round < 6; round++) {
      const chunks: Buffer[] = [];
      const stream = new CopyExportStream(
        () => obtainReadConnection(ds),
        'COPY (SELECT 1 / (count(*) - count(*)) FROM card_customers) TO STDOUT (FORMAT csv)',
        'header\r\n',
        'csv',
      );
      await expect(
        (async () => {
          for await (const chunk of stream) chunks.push(chunk as Buffer);
        })(),
      ).rejects.toThrow(/division by zero/);
      expect(chunks).toEqual([]);
    }
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM card_customers WHERE institution_id = 'INST-NASTY'`,
    );
    expect(n).toBe(NASTY.length);
  });
});
