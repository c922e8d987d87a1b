/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { parseWebhookSecret, verifyWebhook } from '@hub/financial-segments';
import { LogCapture } from '@hub/platform/testing';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { BASE } from '../fixtures/financial-segments/segments-helpers';

const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const ROOT = join(__dirname, '..', '..');
const STATEMENTS = join(ROOT, 'test', 'fixtures', 'financial-segments', 'statements');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The bank app's page the form sends the browser back to: a real server on 127.0.0.1. */
async function startRedirectReceiver(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>app</title><h1>back in the app</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/import-done`, hits, server };
}

/** Drives the hub's page in headless Chromium (Debian's package); needs the in-process app. */
(remote ? describe.skip : describe)('financial segments: the import web form in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let redirect: Awaited<ReturnType<typeof startRedirectReceiver>>;
  let callbacks: CallbackReceiver;
  let write: string;
  let read: string;
  const logs = new LogCapture();
  const tokens: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [t, browser, redirect, callbacks] = await Promise.all([
      createTestApp({ env: { WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_BASE_MS: '100' }, logStream: logs }),
      puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      }),
      startRedirectReceiver(),
      CallbackReceiver.start([204]),
    ]);
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
  });

  afterAll(async () => {
    await browser?.close();
    await callbacks?.close();
    await new Promise((resolve) => redirect?.server.close(resolve));
    await t?.close();
    // The process token is a credential: no log line holds one (requests log the route template).
    expect(logs.text).toContain('/financial-segments/v1/web-form/:processToken');
    for (const token of tokens) expect(logs.text).not.toContain(token);
  });

  async function openProcess(extra: Record<string, unknown> = {}) {
    const res = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: `web-${randomUUID()}`, ...extra })
      .expect(201);
    tokens.push(res.body.processToken);
    return res.body as { processToken: string; processId: string; userId: string; webFormUrl: string };
  }

  async function processStatus(processId: string) {
    return (await t.http.get(`${BASE}/processes/${processId}`).set('Authorization', read).expect(200)).body;
  }

  async function newPage(width = 1000, height = 900): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width, height });
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `web-form-${name}.png`) as `${string}.png`, fullPage: true });

  it('consent, three statement formats, review, confirm: data sources stored, COMPLETED, webhook, redirect', async () => {
    const p = await openProcess({ redirectUrl: redirect.url, callbackUrl: callbacks.url, language: 'en' });
    expect(p.webFormUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+${BASE}/web-form/${p.processToken}$`),
    );
    expect(await processStatus(p.processId)).toMatchObject({ status: 'WAITING_FOR_USER', consent: null });

    const page = await newPage(390, 844); // a phone
    const response = await page.goto(p.webFormUrl);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(await page.$eval('html', (h) => h.lang)).toBe('en');
    expect(await page.$eval('meta[name=viewport]', (m) => m.getAttribute('content'))).toContain(
      'width=device-width',
    );
    // Every control has a label; nothing to upload before consent.
    for (const id of ['consent', 'files']) {
      expect(await page.$(`label[for=${id}]`)).not.toBeNull();
    }
    expect(await page.$eval('#files', (i) => (i as HTMLInputElement).disabled)).toBe(true);
    await page.waitForFunction(
      () => document.body.innerText.includes('how long') || document.body.innerText.includes('Kept'),
    );
    await shot(page, '1-consent');

    // Consent with the keyboard: focus the box, press space.
    await page.focus('#consent');
    await page.keyboard.press('Space');
    expect(await page.$eval('#consent', (i) => (i as HTMLInputElement).checked)).toBe(true);
    expect(await page.$eval('#files', (i) => (i as HTMLInputElement).disabled)).toBe(false);

    const input = await page.$('#files');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      join(STATEMENTS, 'vietcombank.csv'),
      join(STATEMENTS, 'techcombank.camt053.xml'),
      join(STATEMENTS, 'bidv.mt940'),
    );
    await page.waitForFunction(() => document.querySelectorAll('#review table').length === 3);
    const review = await page.$eval('#review', (r) => (r as HTMLElement).innerText);
    expect(review).toContain('vietcombank.csv (CSV)');
    expect(review).toContain('techcombank.camt053.xml (CAMT053)');
    expect(review).toContain('bidv.mt940 (MT940)');
    expect(review).toMatch(/Vietcombank 0011004455667\s+VND\s+47800000\s+4\s+2026-09-05 – 2026-10-12/);
    expect(review).toMatch(/VTCBVNVX 19036688990011\s+VND\s+21500000\s+2\s+2026-10-25 – 2026-10-28/);
    expect(review).toMatch(/BIDVVNVX 12010000123456\s+VND\s+5000000\s+2\s+2026-10-05 – 2026-10-20/);
    await page.waitForFunction(() => !(document.getElementById('confirm') as HTMLButtonElement).disabled);
    await shot(page, '2-review');

    await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
    expect(page.url()).toBe(redirect.url);
    expect(redirect.hits).toContain('/import-done');
    await shot(page, '3-redirected');
    await page.close();

    const status = await processStatus(p.processId);
    expect(status).toMatchObject({
      status: 'COMPLETED',
      userId: p.userId,
      consent: {
        textVersion: 'seg-import-consent-2026-12-01',
        scope: ['ACCOUNTS', 'BALANCES', 'TRANSACTIONS'],
      },
    });
    expect(status.dataSourceIds).toHaveLength(3);
    const sources = await t.dataSource!.query(
      `SELECT d.type, d.source_key, count(t.id)::int AS transactions
       FROM seg_data_sources d JOIN seg_accounts a ON a.data_source_id = d.id LEFT JOIN seg_transactions t ON t.account_id = a.id
       WHERE d.user_id = $1 GROUP BY d.type, d.source_key ORDER BY d.source_key`,
      [p.userId],
    );
    expect(sources).toEqual([
      { type: 'IMPORT', source_key: 'BIDVVNVX', transactions: 2 },
      { type: 'IMPORT', source_key: 'VTCBVNVX', transactions: 2 },
      { type: 'IMPORT', source_key: 'Vietcombank', transactions: 4 },
    ]);

    // The signed process.completed webhook to the process's callback URL.
    await callbacks.waitFor(1);
    const [hook] = callbacks.received;
    expect(() => verifyWebhook(parseWebhookSecret(SECRET), hook.headers, hook.body)).not.toThrow();
    expect(JSON.parse(hook.body)).toEqual({
      type: 'process.completed',
      processId: p.processId,
      userId: p.userId,
      status: 'COMPLETED',
      dataSourceIds: status.dataSourceIds,
    });

    // The token is single-use: the page says so (410), the endpoints answer 409.
    const again = await newPage();
    const reused = await again.goto(p.webFormUrl);
    expect(reused?.status()).toBe(410);
    expect(await again.$eval('main', (m) => m.getAttribute('data-kind'))).toBe('USED');
    expect(await again.$eval('h1', (h) => h.textContent)).toBe('This link has been used');
    await shot(again, '4-reused');
    await again.close();
    const replay = await t.http
      .post(`${BASE}/web-form/${p.processToken}/cancel`)
      .send({ csrf: 'x'.repeat(43) })
      .expect(409);
    expect(replay.body.code).toBe('PROCESS_TOKEN_USED');
    expect((await processStatus(p.processId)).status).toBe('COMPLETED');
  });

  it("the seed's flow from the form on: synchronize, signed callback, both reports, a segment, the offers", async () => {
    // 1. The bank's app opens a process; 2. the user imports the three fixture statements in the browser.
    const p = await openProcess({ redirectUrl: redirect.url, language: 'en' });
    const page = await newPage();
    await page.goto(p.webFormUrl);
    await page.click('#consent');
    const input = await page.$('#files');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      join(STATEMENTS, 'vietcombank.csv'),
      join(STATEMENTS, 'techcombank.camt053.xml'),
      join(STATEMENTS, 'bidv.mt940'),
    );
    await page.waitForFunction(() => !(document.getElementById('confirm') as HTMLButtonElement).disabled);
    await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
    expect(page.url()).toBe(redirect.url);
    await page.close();
    // The app waits for the user to finish.
    const finished = await eventually(async () => {
      const s = await processStatus(p.processId);
      return s.status === 'WAITING_FOR_USER' ? null : s;
    });
    expect(finished.status).toBe('COMPLETED');

    // 3. Synchronize, with a callback to the bank's receiver on 127.0.0.1.
    const receiver = await CallbackReceiver.start([204]);
    try {
      const { body: sync } = await t.http
        .post(`${BASE}/users/${p.userId}/synchronize`)
        .set('Authorization', write)
        .send({ callbackUrl: receiver.url })
        .expect(202);

      // 4. The signed callback names the job, the user, the case and the report.
      await receiver.waitFor(1);
      const [hook] = receiver.received;
      expect(() =>
        verifyWebhook(parseWebhookSecret(SECRET), hook.headers as Record<string, string>, hook.body),
      ).not.toThrow();
      expect(() =>
        verifyWebhook(
          parseWebhookSecret(`whsec_${Buffer.alloc(32, 6).toString('base64')}`),
          hook.headers as Record<string, string>,
          hook.body,
        ),
      ).toThrow();
      const callback = JSON.parse(hook.body);
      expect(callback).toEqual({
        type: 'SYNCHRONIZATION_COMPLETED',
        jobId: sync.jobId,
        userId: p.userId,
        caseId: expect.any(String),
        reportId: expect.any(String),
        status: 'SUCCESSFUL',
      });
      const job = (await t.http.get(`${BASE}/jobs/${sync.jobId}`).set('Authorization', read).expect(200))
        .body;
      expect(job).toMatchObject({
        status: 'SUCCESSFUL',
        caseId: callback.caseId,
        reportId: callback.reportId,
      });

      // 5. The Case holds the three imported data sources and both reports.
      const kase = (
        await t.http.get(`${BASE}/cases/${callback.caseId}`).set('Authorization', read).expect(200)
      ).body;
      expect([...kase.dataSourceIds].sort()).toEqual([...finished.dataSourceIds].sort());
      expect(kase.reports.map((r: { type: string }) => r.type)).toEqual(['INCOME', 'CASH_FLOW']);

      const income = (
        await t.http
          .get(`${BASE}/cases/${callback.caseId}/reports/income`)
          .set('Authorization', read)
          .expect(200)
      ).body;
      const cashFlow = (
        await t.http
          .get(`${BASE}/cases/${callback.caseId}/reports/cash-flow`)
          .set('Authorization', read)
          .expect(200)
      ).body;
      // Figures from the fixture files. Balances: Vietcombank 47,800,000 (the CSV's last
      // balance_after), Techcombank 21,500,000 (CLBD), BIDV 5,000,000 (:62F:).
      expect(income).toMatchObject({
        caseId: callback.caseId,
        currency: 'VND',
        period: { from: '2026-09-05', to: '2026-10-28' },
        totalBalance: '74300000.00',
        moneyHeld: { baseCurrency: 'VND', totalInBaseCurrency: '74300000.00', missingRates: [] },
        aggregations: {
          totalIncome: '71500000.00',
          monthsObserved: 2,
          monthsWithIncome: 2,
          averageMonthlyIncome: '35750000.00',
          byMonth: [
            { month: '2026-09', total: '25000000.00' },
            { month: '2026-10', total: '46500000.00' },
          ],
          byCategory: [
            { category: 'SALARY', total: '68000000.00', count: 3 },
            { category: 'RENTAL', total: '3500000.00', count: 1 },
          ],
          mainIncomeSource: { category: 'SALARY', counterpartName: 'CONG TY ABC' },
        },
      });
      // One income line from each format, with the id each format gives it.
      expect(
        income.incomeTransactions.map((i: Record<string, string>) => [
          i.transactionId,
          i.bookingDate,
          i.amount,
          i.category,
          i.matchedRule,
        ]),
      ).toEqual([
        ['VCB-0905-1', '2026-09-05', '25000000.00', 'SALARY', 'KEYWORD:LUONG'], // CSV, "Lương"
        ['BIDV1005A', '2026-10-05', '3500000.00', 'RENTAL', 'KEYWORD:THUE NHA'], // MT940 :61: //ref, :86:
        ['VCB-1005-1', '2026-10-05', '25000000.00', 'SALARY', 'KEYWORD:LUONG'],
        ['FT2629800001', '2026-10-25', '18000000.00', 'SALARY', 'KEYWORD:SALARY'], // camt.053 AcctSvcrRef
      ]);

      expect(cashFlow).toMatchObject({
        caseId: callback.caseId,
        currency: 'VND',
        monthsObserved: 2,
        totalInflow: '71500000.00',
        totalOutflow: '9200000.00',
        averageMonthlyNet: '31150000.00',
        // Fixed: rent 6,000,000 + electricity 1,200,000 + insurance 1,500,000 over two months.
        averageMonthlyFixedOutflow: '4350000.00',
        affordability: '31400000.00',
        // 74,300,000 today; walking back, before the 10-05 credits the three accounts held 31,000,000.
        lowestBalance: '31000000.00',
        daysBelowZero: 0,
        gamblingShare: '0.0000',
        byMonth: [
          { month: '2026-09', inflow: '25000000.00', outflow: '6000000.00', net: '19000000.00' },
          { month: '2026-10', inflow: '46500000.00', outflow: '3200000.00', net: '43300000.00' },
        ],
      });
      expect(
        cashFlow.outflowTransactions.map((o: Record<string, string>) => [
          o.bookingDate,
          o.amount,
          o.category,
        ]),
      ).toEqual([
        ['2026-09-10', '6000000.00', 'HOUSING'],
        ['2026-10-12', '1200000.00', 'UTILITIES'],
        ['2026-10-20', '500000.00', 'CASH_WITHDRAWAL'],
        ['2026-10-28', '1500000.00', 'INSURANCE'],
      ]);

      // 6. A segment whose criteria the imported data meets exactly at each edge, and one a cent beyond.
      const criteria = {
        minTotalBalance: '74300000.00',
        minAverageMonthlyIncome: '35750000.00',
        minMonthsWithIncome: 2,
        incomeCategories: ['SALARY', 'RENTAL'],
        minNetMonthlyCashFlow: '31150000.00',
        hadNegativeBalance: false,
      };
      const create = async (name: string, c: object, offers: object[]) =>
        (
          await t.http
            .post(`${BASE}/segments`)
            .set('Authorization', write)
            .send({ name, currency: 'VND', criteria: c, offers })
            .expect(201)
        ).body as { id: string };
      const fits = await create(`Web-form savers ${randomUUID()}`, criteria, [
        { code: 'GOLD_CARD', name: 'Thẻ Gold', kind: 'CARD' },
      ]);
      const beyond = await create(
        `Just beyond ${randomUUID()}`,
        { ...criteria, minTotalBalance: '74300000.01' },
        [{ code: 'PLATINUM_CARD', name: 'Thẻ Platinum', kind: 'CARD' }],
      );
      for (const s of [fits, beyond]) {
        await t.http.post(`${BASE}/segments/${s.id}/evaluate`).set('Authorization', write).expect(200);
      }
      const members = (
        await t.http
          .get(`${BASE}/segments/${fits.id}/members?pageSize=500`)
          .set('Authorization', read)
          .expect(200)
      ).body.items as { userId: string; totalBalance: string; averageMonthlyIncome: string }[];
      expect(members.find((m) => m.userId === p.userId)).toMatchObject({
        totalBalance: '74300000.00',
        averageMonthlyIncome: '35750000.00',
      });

      // 7. The user's offers: the fitting segment's, not the other's.
      const offers = (
        await t.http.get(`${BASE}/users/${p.userId}/offers`).set('Authorization', read).expect(200)
      ).body;
      expect(
        offers.items.filter((o: { segmentId: string }) => [fits.id, beyond.id].includes(o.segmentId)),
      ).toEqual([
        {
          segmentId: fits.id,
          segmentName: expect.stringMatching(/^Web-form savers/),
          code: 'GOLD_CARD',
          name: 'Thẻ Gold',
          kind: 'CARD',
        },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('a bad file: its lines are named on the page and nothing is stored; cancel aborts and redirects', async () => {
    const p = await openProcess({ redirectUrl: redirect.url }); // language vi by default
    const page = await newPage();
    await page.goto(p.webFormUrl);
    expect(await page.$eval('html', (h) => h.lang)).toBe('vi');
    await page.click('#consent');
    const input = await page.$('#files');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      join(STATEMENTS, 'vietcombank.csv'),
      join(STATEMENTS, 'broken.mt940'),
    );
    await page.waitForFunction(() => document.querySelectorAll('#review .problems li').length > 0);
    const problems = await page.$eval('#review .problems', (r) => (r as HTMLElement).innerText);
    expect(problems).toContain('dòng 5');
    expect(problems).toContain('does not exist');
    expect(await page.$eval('#confirm', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await shot(page, '5-bad-file');

    // The confirm endpoint refuses the same files as a whole (a detail per problem), storing nothing.
    const html = await page.content();
    const csrf = /data-csrf="([^"]+)"/.exec(html)![1];
    const refused = await t.http
      .post(`${BASE}/web-form/${p.processToken}/confirm`)
      .send({
        csrf,
        consent: { accepted: true, textVersion: 'seg-import-consent-2026-12-01' },
        files: [
          {
            name: 'ok.csv',
            content:
              'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id\nB,1,VND,2026-01-01,1,1,x,y,,t1',
          },
          { name: 'bad.xml', content: '<Document>\n<BkToCstmrStmt>\n</Document>' },
          {
            // Three letters, but no ISO 4217 currency: a problem of its line, like any other.
            name: 'unknown-currency.csv',
            content:
              'bank,account_number,currency,booking_date,amount,balance_after,description,counterpart_name,counterpart_account,transaction_id\nB,2,ABC,2026-01-01,1,1,x,y,,t2',
          },
        ],
      })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'STATEMENT_INVALID',
      details: [
        { file: 'bad.xml', line: 3 },
        { file: 'unknown-currency.csv', line: 2, message: 'currency "ABC" is not an ISO 4217 code like VND' },
      ],
    });
    // A wrong CSRF token is refused before anything is read.
    const forged = await t.http
      .post(`${BASE}/web-form/${p.processToken}/preview`)
      .send({ csrf: 'forged', files: [{ name: 'a.csv', content: 'x' }] })
      .expect(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    const stored = await t.dataSource!.query(
      `SELECT count(*)::int AS n FROM seg_data_sources WHERE user_id = $1`,
      [p.userId],
    );
    expect(stored[0].n).toBe(0);
    expect((await processStatus(p.processId)).status).toBe('WAITING_FOR_USER');

    await Promise.all([page.waitForNavigation(), page.click('#cancel')]);
    expect(page.url()).toBe(redirect.url);
    await page.close();
    expect(await processStatus(p.processId)).toMatchObject({
      status: 'ABORTED',
      consent: null,
      dataSourceIds: [],
    });
  });

  it('an expired token: the page says so (410) and the process reads EXPIRED', async () => {
    const p = await openProcess({ language: 'en' });
    await t.dataSource!.query(
      `UPDATE seg_processes SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [p.processId],
    );
    expect((await processStatus(p.processId)).status).toBe('EXPIRED');
    const page = await newPage();
    const response = await page.goto(p.webFormUrl);
    expect(response?.status()).toBe(410);
    expect(await page.$eval('main', (m) => m.getAttribute('data-kind'))).toBe('EXPIRED');
    await shot(page, '6-expired');
    await page.close();
    const stored = await t.dataSource!.query(`SELECT status FROM seg_processes WHERE id = $1`, [p.processId]);
    expect(stored[0].status).toBe('EXPIRED');
    const unknown = await newPage();
    expect((await unknown.goto(p.webFormUrl.replace(p.processToken, 'A'.repeat(43))))?.status()).toBe(404);
    await unknown.close();
  });

  it('checks the process options, and answers the process status with its codes', async () => {
    const refused = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: 'u-1', redirectUrl: 'javascript:alert(1)' })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'REDIRECT_URL_NOT_ALLOWED',
      details: [{ field: 'redirectUrl' }],
    });
    const language = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: 'u-1', language: 'fr' })
      .expect(400);
    expect(language.body.code).toBe('VALIDATION_FAILED');
    const callback = await t.http
      .post(`${BASE}/processes`)
      .set('Authorization', write)
      .send({ externalUserId: 'u-1', callbackUrl: 'ftp://bank.example/hooks' })
      .expect(400);
    expect(callback.body.code).toBe('CALLBACK_URL_NOT_ALLOWED');
    const count = await t.dataSource!.query(
      `SELECT count(*)::int AS n FROM seg_users WHERE external_user_id = 'u-1'`,
    );
    expect(count[0].n).toBe(0);
    expect(
      (await t.http.get(`${BASE}/processes/${randomUUID()}`).set('Authorization', read).expect(404)).body
        .code,
    ).toBe('PROCESS_NOT_FOUND');
    await t.http.get(`${BASE}/processes/not-a-uuid`).set('Authorization', read).expect(400);
    await t.http.get(`${BASE}/processes/${randomUUID()}`).set('Authorization', write).expect(403);
  });

  it('two confirms of one token at once: one imports, the other is 409; too large an upload is refused', async () => {
    const p = await openProcess({ callbackUrl: callbacks.url });
    const page = await t.http.get(`${BASE}/web-form/${p.processToken}`).expect(200);
    const csrf = /data-csrf="([^"]+)"/.exec(page.text)![1];
    const files = [
      { name: 'a.csv', content: readFileSync(join(STATEMENTS, 'vietcombank.csv'), 'utf8') },
      { name: 'b.mt940', content: readFileSync(join(STATEMENTS, 'bidv.mt940'), 'utf8') },
    ];
    const tooLarge = await t.http
      .post(`${BASE}/web-form/${p.processToken}/preview`)
      .send({ csrf, files: [{ name: 'big.csv', content: 'x'.repeat(800 * 1024) }] })
      .expect(400);
    expect(tooLarge.body.code).toBe('UPLOAD_TOO_LARGE');
    const noConsent = await t.http
      .post(`${BASE}/web-form/${p.processToken}/confirm`)
      .send({ csrf, consent: { accepted: true, textVersion: 'an-older-text' }, files })
      .expect(400);
    expect(noConsent.body.code).toBe('CONSENT_REQUIRED');
    const consent = { accepted: true, textVersion: 'seg-import-consent-2026-12-01' };
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        t.http.post(`${BASE}/web-form/${p.processToken}/confirm`).send({ csrf, consent, files }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const stored = await t.dataSource!.query(
      `SELECT count(*)::int AS n FROM seg_transactions t JOIN seg_accounts a ON a.id = t.account_id WHERE a.user_id = $1`,
      [p.userId],
    );
    expect(stored[0].n).toBe(6);
    expect((await processStatus(p.processId)).status).toBe('COMPLETED');
    const deliveries = await t.dataSource!.query(
      `SELECT count(*)::int AS n FROM seg_webhook_deliveries WHERE job_id = $1 AND event_type = 'process.completed'`,
      [p.processId],
    );
    expect(deliveries[0].n).toBe(1);
    // Erasure takes the process and its callback delivery with the user.
    await t.http.delete(`${BASE}/users/${p.userId}`).set('Authorization', write).expect(204);
    const left = await t.dataSource!.query(
      `SELECT (SELECT count(*) FROM seg_processes WHERE id = $1)::int AS processes,
              (SELECT count(*) FROM seg_webhook_deliveries WHERE job_id = $1)::int AS deliveries`,
      [p.processId],
    );
    expect(left[0]).toEqual({ processes: 0, deliveries: 0 });
  });
});
