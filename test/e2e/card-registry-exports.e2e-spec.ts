import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, csvUnneutralise, parseCsv } from '@hub/shared-kernel';
import {
  ACCOUNT_CSV_COLUMNS,
  CARD_CSV_COLUMNS,
  CARD_EXPORT_QUEUE,
  CardExportFilesService,
  CSV_COLUMNS,
  type ExportFileView,
} from '@hub/card-registry';
import { JobQueue } from '@hub/platform';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { auditErrorCodes } from '../support/documented-errors';
import { RUN_ID as RUN } from '../support/run-keys';

const BASE = '/card-registry/v1';
/** Unique per run: the suite can run twice against one deployed hub. */
const DAY = 24 * 3600 * 1000;
let seq = 0;

function customer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'PRIVATE',
    firstName: 'Binh',
    lastName: 'Le',
    mobileNumber: '+84912345678',
    address: { address1: '7 Hang Bai', city: 'Ha Noi', zipCode: '100000', country: 'VNM' },
    locale: 'vi-VN',
    customerNumber: `CRM-EX-${RUN}-${seq}`,
    regNo: `EX-${RUN}-${seq}`,
    ...overrides,
  };
}

/** Creates a customer, an account and a card (then blocks it) through the API. */
async function seed(t: TestApp, auth: string) {
  const post = (path: string, body: object) =>
    t.http.post(`${BASE}/${path}`).set('Authorization', auth).send(body).expect(201);
  const owner = (await post('customers', customer())).body;
  const holder = (await post('customers', customer({ cardScope: 'DEDICATED' }))).body;
  await t.http
    .patch(`${BASE}/customers/${owner.id}`)
    .set('Authorization', auth)
    .send({ email: 'owner@example.vn' })
    .expect(200);
  const account = (
    await post('accounts', { ownerCustomerId: owner.id, currency: 'VND', creditLimit: '5000000' })
  ).body;
  const card = (
    await post('cards', {
      accountId: account.id,
      cardholderCustomerId: holder.id,
      digitalWalletEnabled: true,
    })
  ).body;
  await t.http
    .patch(`${BASE}/cards/${card.id}`)
    .set('Authorization', auth)
    .set('If-Match', '"1"')
    .send({ status: 'BLOCKED' })
    .expect(200);
  return { owner, holder, account, card };
}

describe('card registry: account and card exports (e2e)', () => {
  let t: TestApp;
  const audit = auditErrorCodes();
  let auth: string;
  let data: Awaited<ReturnType<typeof seed>>;
  const INST = `INST-EXP-${RUN}`;

  beforeAll(async () => {
    t = audit.watch(await createTestApp());
    auth = await t.bearer(['cards:write', 'cards:read'], { institutionId: INST });
    data = await seed(t, auth);
    // Another institution's rows never show.
    await seed(t, await t.bearer(['cards:write', 'cards:read'], { institutionId: `${INST}-OTHER` }));
  });

  afterAll(async () => {
    await t?.close();
  });

  const exportOf = (kind: string, query: Record<string, string> = {}) =>
    t.http.get(`${BASE}/exports/${kind}`).query(query).set('Authorization', auth);

  it('accounts: NDJSON and CSV, only the institution, changedSince on the opening time', async () => {
    const ndjson = await exportOf('accounts').expect(200);
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = ndjson.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        id: data.account.id,
        institutionId: INST,
        ownerCustomerId: data.owner.id,
        currency: 'VND',
        creditLimit: '5000000.00',
        createdAt: data.account.createdAt,
      },
    ]);
    const csv = await exportOf('accounts', { format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('accounts.csv');
    expect(parseCsv(csv.text)).toEqual([
      [...ACCOUNT_CSV_COLUMNS],
      [data.account.id, INST, data.owner.id, 'VND', '5000000.00', data.account.createdAt],
    ]);
    const later = new Date(Date.parse(data.account.createdAt) + 1).toISOString();
    expect((await exportOf('accounts', { changedSince: later }).expect(200)).text).toBe('');
  });

  it('cards: current versions with status and version, changedSince on the last change', async () => {
    const lines = (await exportOf('cards').expect(200)).text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ id: data.card.id, status: 'BLOCKED', version: 2 })]);
    const records = parseCsv((await exportOf('cards', { format: 'csv' }).expect(200)).text);
    expect(records[0]).toEqual([...CARD_CSV_COLUMNS]);
    const row = Object.fromEntries(CARD_CSV_COLUMNS.map((c, i) => [c, records[1][i]]));
    expect(row).toMatchObject({
      id: data.card.id,
      status: 'BLOCKED',
      digitalWalletEnabled: 'true',
      version: '2',
    });
    expect((await exportOf('cards', { changedSince: '2999-01-01T00:00:00Z' }).expect(200)).text).toBe('');
  });

  it('neutralises spreadsheet formulas in every CSV cell; NDJSON keeps the data as stored', async () => {
    const evil = (
      await t.http
        .post(`${BASE}/customers`)
        .set('Authorization', auth)
        .send({
          type: 'CORPORATE',
          name: '=HYPERLINK("http://evil.example","click")',
          address: {
            address1: '@SUM(A1:A9)',
            address2: '-2+3',
            city: '+Ha Noi',
            zipCode: '100000',
            country: 'VNM',
          },
          locale: 'vi-VN',
          customerNumber: '=1+1',
          regNo: `EVIL-${RUN}`,
        })
        .expect(201)
    ).body;
    const csv = await exportOf('customers', { format: 'csv', changedSince: evil.createdAt }).expect(200);
    const records = parseCsv(csv.text);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, records.find((r) => r[0] === evil.id)![i]]));
    expect(row).toMatchObject({
      name: `'=HYPERLINK("http://evil.example","click")`,
      address1: "'@SUM(A1:A9)",
      address2: "'-2+3",
      city: "'+Ha Noi",
      customerNumber: "'=1+1",
    });
    expect(csvUnneutralise(row.name)).toBe('=HYPERLINK("http://evil.example","click")');
    // No cell of any row starts with a formula character.
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const ndjson = await exportOf('customers', { changedSince: evil.createdAt }).expect(200);
    const line = ndjson.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((r: { id: string }) => r.id === evil.id);
    expect(line).toMatchObject({ name: '=HYPERLINK("http://evil.example","click")', customerNumber: '=1+1' });
  });

  it('bad parameters are 400; a token of another institution sees nothing of this one', async () => {
    for (const kind of ['accounts', 'cards']) {
      expect((await exportOf(kind, { format: 'xlsx' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await exportOf(kind, { changedSince: 'yesterday' }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      const stranger = await t.bearer(['cards:read'], { institutionId: `INST-STRANGER-${RUN}` });
      const res = await t.http.get(`${BASE}/exports/${kind}`).set('Authorization', stranger).expect(200);
      expect(res.text).toBe('');
    }
    const noInstitution = await t.bearer(['cards:read']);
    await t.http.get(`${BASE}/exports/cards`).set('Authorization', noInstitution).expect(403);
  });
});

/** Two hub instances on one database and one export directory; the job is run by hand with a chosen time. */
(remote ? describe.skip : describe)('card registry: daily export files (e2e, two instances)', () => {
  let a: TestApp;
  let b: TestApp;
  let dir: string;
  const INST = `INST-FILES-${RUN}`;
  const OTHER = `INST-FILES-OTHER-${RUN}`;
  let data: Awaited<ReturnType<typeof seed>>;
  let reader: string;
  const today = new Date().toISOString().slice(0, 10);
  const at = (days: number, time = '01:00:00Z') => new Date(Date.parse(`${today}T${time}`) + days * DAY);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'card-exports-'));
    const env = { CARD_EXPORT_DIR: dir, JOB_MAINTENANCE_INTERVAL_SECONDS: '1' };
    a = await createTestApp({ env });
    b = await createTestApp({ env, databaseUrl: a.databaseUrl! });
    data = await seed(a, await a.bearer(['cards:write', 'cards:read'], { institutionId: INST }));
    await seed(b, await b.bearer(['cards:write', 'cards:read'], { institutionId: OTHER }));
    reader = await a.bearer(['cards:read'], { institutionId: INST });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const runOn = (t: TestApp, now: Date) => t.app!.get(CardExportFilesService).writeDueFiles(now);
  const key = (f: ExportFileView) => `${f.institutionId}|${f.kind}|${f.period}`;

  it('two instances at once write each (institution, kind, day) file exactly once, with a trailer', async () => {
    const [fromA, fromB] = await Promise.all([runOn(a, at(1)), runOn(b, at(1))]);
    const all = [...fromA, ...fromB];
    expect(all.map(key).sort()).toEqual(
      [INST, OTHER]
        .flatMap((i) => ['accounts', 'cards', 'customers'].map((k) => `${i}|${k}|${today}`))
        .sort(),
    );
    expect(new Set(all.map((f) => f.fileName)).size).toBe(6);
    const [{ n }] = await a.dataSource!.query(`SELECT count(*)::int AS n FROM card_export_files`);
    expect(n).toBe(6);
    expect((await readdir(dir)).sort()).toEqual(all.map((f) => f.fileName).sort());

    const mine = Object.fromEntries(all.filter((f) => f.institutionId === INST).map((f) => [f.kind, f]));
    expect(mine.customers.fileName).toBe(`${INST}_customers_${today}.csv`);
    // customers: every version recorded that day (2 creates + 1 PATCH); cards: issue + block; accounts: 1.
    expect([mine.customers.rowCount, mine.accounts.rowCount, mine.cards.rowCount]).toEqual([3, 1, 2]);
    for (const file of Object.values(mine)) {
      const text = await readFile(join(dir, file.fileName), 'utf8');
      const body = text.slice(0, text.lastIndexOf('TRAILER,'));
      const sha = createHash('sha256').update(body).digest('hex');
      const records = parseCsv(text);
      expect(records[records.length - 1]).toEqual(['TRAILER', String(file.rowCount), sha]);
      expect(records).toHaveLength(file.rowCount + 2); // header + rows + trailer
      expect(file).toMatchObject({ sha256: sha, byteCount: Buffer.byteLength(text) });
    }
    const customers = parseCsv(await readFile(join(dir, mine.customers.fileName), 'utf8'));
    expect(customers[0]).toEqual([...CSV_COLUMNS]);
    expect(customers.slice(1, -1).map((r) => r[CSV_COLUMNS.indexOf('version')])).toEqual(['1', '1', '2']);
    expect(customers[1][CSV_COLUMNS.indexOf('mobileNumber')]).toBe("'+84912345678");
    const cards = parseCsv(await readFile(join(dir, mine.cards.fileName), 'utf8'));
    expect(cards.slice(1, -1).map((r) => r[CARD_CSV_COLUMNS.indexOf('status')])).toEqual([
      'ACTIVE',
      'BLOCKED',
    ]);

    // Running again writes nothing.
    expect([...(await runOn(a, at(1, '06:00:00Z'))), ...(await runOn(b, at(1, '06:00:00Z')))]).toEqual([]);
  });

  it('lists the institution’s files and downloads one byte for byte; another institution gets 404', async () => {
    const list = await a.http.get(`${BASE}/export-files`).set('Authorization', reader).expect(200);
    expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(list.body.items.map((f: ExportFileView) => f.institutionId)).toEqual([INST, INST, INST]);
    const pages = await Promise.all(
      [1, 2].map((page) =>
        a.http
          .get(`${BASE}/export-files`)
          .query({ page, pageSize: 2 })
          .set('Authorization', reader)
          .expect(200),
      ),
    );
    expect(pages.map((p) => [p.body.items.length, p.body.total, p.body.page, p.body.pageSize])).toEqual([
      [2, 3, 1, 2],
      [1, 3, 2, 2],
    ]);
    expect([...pages[0].body.items, ...pages[1].body.items]).toEqual(list.body.items);
    const cards = list.body.items.find((f: ExportFileView) => f.kind === 'cards');
    const filtered = await a.http
      .get(`${BASE}/export-files`)
      .query({ kind: 'cards', from: today, to: today })
      .set('Authorization', reader)
      .expect(200);
    expect(filtered.body.items).toEqual([cards]);
    const download = await b.http
      .get(`${BASE}/export-files/${cards.id}`)
      .set('Authorization', await b.bearer(['cards:read'], { institutionId: INST })) // each instance its own JWT secret
      .expect(200);
    expect(download.headers['content-type']).toMatch(/^text\/csv/);
    expect(download.headers['content-disposition']).toContain(cards.fileName);
    expect(download.text).toBe(await readFile(join(dir, cards.fileName), 'utf8'));
    expect(download.text).toContain(data.card.id);

    const stranger = await a.bearer(['cards:read'], { institutionId: OTHER });
    const foreign = await a.http
      .get(`${BASE}/export-files/${cards.id}`)
      .set('Authorization', stranger)
      .expect(404);
    expect(foreign.body.code).toBe('EXPORT_FILE_NOT_FOUND');
    await a.http.get(`${BASE}/export-files/not-a-uuid`).set('Authorization', reader).expect(404);
    for (const query of [
      { kind: 'loans' },
      { from: '2026-13-01' },
      { pageSize: '0' },
      { page: 'all' },
      { pageSize: '501' },
    ]) {
      const res = await a.http
        .get(`${BASE}/export-files`)
        .query(query)
        .set('Authorization', reader)
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a missed day is caught up: the next run writes every day that has no file yet', async () => {
    // No run on day+2 and day+3; the run on day+4 writes day+1, day+2 and day+3 (empty days too).
    const [x, y] = await Promise.all([runOn(a, at(4)), runOn(b, at(4))]);
    const periods = [...x, ...y].filter((f) => f.institutionId === INST).map((f) => `${f.kind}|${f.period}`);
    const expected = [1, 2, 3].flatMap((d) => {
      const period = at(d).toISOString().slice(0, 10);
      return ['accounts', 'cards', 'customers'].map((k) => `${k}|${period}`);
    });
    expect(periods.sort()).toEqual(expected.sort());
    expect([...x, ...y].every((f) => f.rowCount === 0)).toBe(true);
    const [{ n }] = await a.dataSource!.query(
      `SELECT count(*)::int AS n FROM card_export_files WHERE institution_id = $1`,
      [INST],
    );
    expect(n).toBe(12);
  });

  it('the scheduled job runs through the durable queue (pg-boss) and writes what is due', async () => {
    // The job writes the files of the days before its own run, each once the day has been over for
    // EXPORT_SETTLE_MS. Seeding just before midnight (UTC) would cross into another day: start after
    // it. And the job's clock (both instances') reads noon of the seeding day, so a run in the first
    // minutes after midnight still finds yesterday due.
    const toMidnight = DAY - (Date.now() % DAY);
    if (toMidnight < 90_000) await new Promise((r) => setTimeout(r, toMidnight + 1000));
    const noon = new Date(Date.now() - (Date.now() % DAY) + DAY / 2);
    const clocks = [a, b].map((x) => jest.spyOn(x.app!.get(Clock), 'now').mockReturnValue(noon));
    // Yesterday's data of a third institution (timestamps moved back a day in the database).
    const late = `INST-FILES-LATE-${RUN}`;
    const lateData = await seed(a, await a.bearer(['cards:write', 'cards:read'], { institutionId: late }));
    for (const [table, column] of [
      ['card_customers', 'created_at'],
      ['card_customer_versions', 'received_at'],
      ['card_accounts', 'created_at'],
      ['card_card_versions', 'received_at'],
    ]) {
      if (table.endsWith('versions')) {
        await a.dataSource!.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        await a.dataSource!.query(
          `UPDATE ${table} SET ${column} = ${column} - interval '1 day' WHERE institution_id = $1`,
          [late],
        );
        await a.dataSource!.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      } else {
        await a.dataSource!.query(
          `UPDATE ${table} SET ${column} = ${column} - interval '1 day' WHERE institution_id = $1`,
          [late],
        );
      }
    }
    await a.app!.get(JobQueue).send(CARD_EXPORT_QUEUE, {});
    const yesterday = new Date(noon.getTime() - DAY).toISOString().slice(0, 10);
    let rows: Array<{ kind: string; row_count: number }> = [];
    for (let i = 0; i < 300 && rows.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await a.dataSource!.query(
        `SELECT kind, row_count FROM card_export_files WHERE institution_id = $1 AND period = $2 ORDER BY kind`,
        [late, yesterday],
      );
    }
    expect(rows).toEqual([
      { kind: 'accounts', row_count: 1 },
      { kind: 'cards', row_count: 2 },
      { kind: 'customers', row_count: 3 },
    ]);
    expect(lateData.card.id).toEqual(expect.any(String));
    for (const clock of clocks) clock.mockRestore();
  }, 240_000);

  it('CARD_EXPORT_CRON registers one schedule for the queue', async () => {
    const c = await createTestApp({
      databaseUrl: a.databaseUrl!,
      env: { CARD_EXPORT_DIR: dir, CARD_EXPORT_CRON: '15 0 * * *' },
    });
    try {
      const rows = await c.dataSource!.query(
        `SELECT name, cron, timezone FROM pgboss.schedule WHERE name = $1`,
        [CARD_EXPORT_QUEUE],
      );
      expect(rows).toEqual([{ name: CARD_EXPORT_QUEUE, cron: '15 0 * * *', timezone: 'UTC' }]);
    } finally {
      await c.close();
    }
  });
});
