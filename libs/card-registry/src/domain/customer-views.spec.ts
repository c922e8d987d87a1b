import { createHash } from 'node:crypto';
import { parseCsv } from '@hub/shared-kernel';
import { buildCorporateCustomer, buildPrivateCustomer } from '../testing/customer.factory';
import { validateCustomerFields, type Customer } from './customer';
import {
  CSV_COLUMNS,
  exportTrailer,
  formatExport,
  mapAsync,
  toCustomerView,
  type ExportFormat,
} from './customer-views';

const T = new Date('2026-11-21T08:00:00.000Z');

async function* none<T>(): AsyncGenerator<T> {}

/** The customer export of these customers (the other kinds' sources are never opened). */
const customerExport = (customers: AsyncIterable<Customer>, format: ExportFormat, chunkBytes?: number) =>
  formatExport(
    'customers',
    { customers: () => mapAsync(customers, toCustomerView), accounts: none, cards: none },
    format,
    undefined,
    chunkBytes,
  );

function customer(raw: Record<string, unknown>, id: string): Customer {
  return {
    ...validateCustomerFields(raw, '2026-11-21'),
    id,
    institutionId: 'INST-A',
    cardScope: 'SHARED',
    version: 1,
    createdAt: T,
    updatedAt: T,
  };
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect(gen: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of gen) out.push(chunk);
  return out;
}

const tricky = customer(
  buildCorporateCustomer({
    name: 'Cost centre "North", Ha Noi',
    address: {
      address1: 'Line one',
      address2: 'Floor 3, Room "B"',
      city: 'Ha Noi',
      zipCode: '100000',
      country: 'VNM',
    },
  }),
  'aaaaaaaa-0000-4000-8000-000000000001',
);
const plain = customer(buildPrivateCustomer(), 'aaaaaaaa-0000-4000-8000-000000000002');

describe('export formats', () => {
  it('CSV: one header row, RFC 4180 quoting, CRLF, and the values read back', async () => {
    const text = (await collect(customerExport(from([tricky, plain]), 'csv'))).join('');
    expect(text.startsWith(CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
    expect(text).toContain('"Cost centre ""North"", Ha Noi"');
    const records = parseCsv(text);
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, records[1][i]]));
    expect(row).toMatchObject({
      name: 'Cost centre "North", Ha Noi',
      address2: 'Floor 3, Room "B"',
      firstName: '',
      version: '1',
      createdAt: T.toISOString(),
    });
    // E.164 starts with '+': neutralised against formula injection like any such cell.
    expect(records[2][CSV_COLUMNS.indexOf('mobileNumber')]).toBe("'+84912345678");
  });

  it('CSV with no customers is the header alone; NDJSON with none is empty', async () => {
    expect((await collect(customerExport(from([]), 'csv'))).join('')).toBe(CSV_COLUMNS.join(',') + '\r\n');
    expect(await collect(customerExport(from([]), 'ndjson'))).toEqual([]);
  });

  it('NDJSON: one customer record per line', async () => {
    const lines = (await collect(customerExport(from([tricky, plain]), 'ndjson'))).join('').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0])).toEqual(toCustomerView(tricky));
    expect(JSON.parse(lines[1])).toEqual(toCustomerView(plain));
  });

  it('groups rows into chunks and pulls the source lazily', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Customer> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield plain;
      }
    }
    const gen = customerExport(source(), 'ndjson', 4096);
    const first = await gen.next();
    expect((first.value as string).length).toBeGreaterThanOrEqual(4096);
    expect(pulled).toBeLessThan(20);
    await gen.return(undefined);
  });

  it('the trailer carries the row count and the SHA-256 of what precedes it', () => {
    const body = 'a,b\r\n1,2\r\n';
    const sha = createHash('sha256').update(body).digest('hex');
    expect(exportTrailer('csv', 1, sha)).toBe(`TRAILER,1,${sha}\r\n`);
    expect(JSON.parse(exportTrailer('ndjson', 1, sha))).toEqual({ trailer: { rows: 1, sha256: sha } });
  });
});
