/// <reference lib="dom" />
import puppeteer, { type Browser } from 'puppeteer-core';
import { createTestApp, remote, type TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The real Swagger UI (/docs) in headless Chromium (Debian's package), as a developer uses it:
 * paste a token like the development one (every scope, institution INST-DEMO) into "Authorize",
 * reload (the token stays: persistAuthorization), open an operation by its deep link, see its
 * scopes, "Try it out", "Execute": 200 from the hub.
 */
(remote ? describe.skip : describe)('Swagger UI in a browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      createTestApp(),
      puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('authorize, reload, the token stays; an operation shows its scopes and Try it out answers 200', async () => {
    const token = await t.token(undefined, { sub: 'dev-user', institutionId: 'INST-DEMO' });
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    const docs = `${t.directUrl}/docs`;
    expect((await page.goto(docs, { waitUntil: 'domcontentloaded' }))?.status()).toBe(200);
    await page.waitForSelector('.btn.authorize.unlocked');
    await page.click('.btn.authorize');
    await page.waitForSelector('.modal-ux input');
    await page.type('.modal-ux input', token);
    await page.click('.modal-ux .auth-btn-wrapper .authorize');
    await page.click('.modal-ux .btn-done');
    await page.waitForSelector('.btn.authorize.locked');
    await page.goto(`${docs}#/financial-segments/listSegments`, { waitUntil: 'domcontentloaded' });
    await page.reload({ waitUntil: 'domcontentloaded' });
    // Still authorized after the reload, with the very token pasted.
    await page.waitForSelector('.btn.authorize.locked');
    expect(await page.evaluate(() => localStorage.getItem('authorized'))).toContain(token);

    // The deep link opened the operation: its description names its scope.
    const operation = '#operations-financial-segments-listSegments';
    await page.waitForSelector(`${operation} .opblock-body`);
    expect(await page.$eval(`${operation} .opblock-description-wrapper`, (e) => e.textContent)).toContain(
      'segments:read',
    );
    await page.click(`${operation} .try-out__btn`);
    await page.click(`${operation} .execute`);
    const status = await page.waitForSelector(
      `${operation} .live-responses-table .response .response-col_status`,
    );
    expect((await status!.evaluate((e) => e.textContent))?.trim()).toBe('200');
    const body = await page.$eval(
      `${operation} .live-responses-table .response .response-col_description`,
      (e) => e.textContent,
    );
    expect(body).toContain('"items"');
    expect(body).toContain('"pageSize": 50');
  }, 240_000);
});
