import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { cloneTemplateDatabase } from '@hub/test-database';

/**
 * The schema's side of docs/scaling.md: the plan's table (between the `scaling-plan` markers) lists
 * every table of the migrated schema, and each `distributed` table's key is in its primary key and
 * in every unique index (what Citus needs to enforce them per shard), or the row says why not.
 */
interface PlanRow {
  readonly table: string;
  readonly placement: 'distributed' | 'reference' | 'local';
  readonly key: string | null;
  readonly exception: string;
}

function readPlan(): PlanRow[] {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scaling.md'), 'utf8');
  const section = /<!-- scaling-plan:start -->([\s\S]*?)<!-- scaling-plan:end -->/.exec(doc);
  if (!section) throw new Error('docs/scaling.md has no scaling-plan table');
  const rows = section[1]
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return rows.map(([table, , placement, key, exception]) => {
    if (!['distributed', 'reference', 'local'].includes(placement))
      throw new Error(`docs/scaling.md: ${table} has placement "${placement}"`);
    return {
      table: table.replace(/`/g, ''),
      placement: placement as PlanRow['placement'],
      key: key ? key.replace(/`/g, '') : null,
      exception: exception ?? '',
    };
  });
}

interface TableKeys {
  readonly columns: string[];
  /** The primary key and each unique index, as column lists. */
  readonly keys: { name: string; columns: string[] }[];
}

async function schemaKeys(client: Client): Promise<Map<string, TableKeys>> {
  const { rows } = await client.query<{
    table: string;
    columns: string[];
    keys: { name: string; columns: string[] }[];
  }>(
    `SELECT c.relname AS table,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            coalesce((SELECT json_agg(json_build_object(
                       'name', ic.relname,
                       'columns', (SELECT array_agg(a.attname::text ORDER BY k.o)
                                     FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.n)))
                        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                       WHERE i.indrelid = c.oid AND (i.indisprimary OR i.indisunique)), '[]') AS keys
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  return new Map(rows.map((r) => [r.table, { columns: r.columns, keys: r.keys }]));
}

describe('docs/scaling.md against the schema', () => {
  let plan: PlanRow[];
  let schema: Map<string, TableKeys>;

  beforeAll(async () => {
    plan = readPlan();
    const db = await cloneTemplateDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      schema = await schemaKeys(client);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('lists every table of the schema once, and no table the schema lacks', () => {
    const listed = plan.map((r) => r.table);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...schema.keys()].filter((t) => !listed.includes(t)).sort()).toEqual([]);
    expect(listed.filter((t) => !schema.has(t)).sort()).toEqual([]);
  });

  it("each distributed table's key is in its primary key and unique indexes, or the doc says why not", () => {
    const problems: string[] = [];
    for (const row of plan.filter((r) => r.placement === 'distributed')) {
      const table = schema.get(row.table);
      if (!table || !row.key) {
        problems.push(`${row.table}: a distributed table needs a key`);
        continue;
      }
      const missingColumn = !table.columns.includes(row.key);
      const without = table.keys.filter((k) => !k.columns.includes(row.key as string)).map((k) => k.name);
      const broken = missingColumn || without.length > 0;
      if (broken && row.exception === '') {
        problems.push(
          `${row.table}: key ${row.key} ${missingColumn ? 'is not a column' : `is missing from ${without.join(', ')}`}, and the doc lists no exception`,
        );
      }
      if (!broken && row.exception !== '') {
        problems.push(`${row.table}: the doc lists an exception, but every key already includes ${row.key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reference and local tables carry no key, so the table says what it means', () => {
    expect(
      plan.filter((r) => r.placement !== 'distributed' && (r.key || r.exception)).map((r) => r.table),
    ).toEqual([]);
  });
});
