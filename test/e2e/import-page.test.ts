/**
 * The Import page in headless Chromium against a real `pfm serve`: an ambiguous file asks for its date order,
 * a German bank's Windows-1252 export previews with its detected layout, imports, and a second look shows
 * every line as already imported; a category rule added on the page files the matching line. Saves a
 * screenshot of the preview in the run's temporary folder (`npm run screenshots` makes the documentation's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  ensureWebBuilt,
  launchBrowser,
  skipReason,
  startServer,
  type Server,
} from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`import page end-to-end tests skipped: ${reason}`);
const FIXTURES = join(ROOT, 'test', 'fixtures', 'statements');

describe.skipIf(reason !== null)('the Import page (headless Chromium, real pfm serve)', () => {
  let dir: string;
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pfm-e2e-import-'));
    [browser, server] = await Promise.all([
      launchBrowser(),
      startServer(join(dir, 'device'), `sqlite:${join(dir, 'central.db')}`),
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    // Registered by hand to choose EUR: the German statement's currency column must match the user's.
    await page.goto(`${server.url}/`);
    await page.getByTestId('tab-register').click();
    await page.getByTestId('auth-name').fill('sam');
    await page.getByTestId('auth-password').fill('e2e-import-password');
    await page.getByTestId('auth-currency').selectOption('EUR');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('page-dashboard').waitFor({ timeout: 150_000 });
  }, 200_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('asks for the date order of an ambiguous file and previews it once told', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('page-import').waitFor();
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'ambiguous-dates.csv'));
    await page
      .getByTestId('import-problem')
      .filter({ hasText: 'fit more than one order (01/02/2026): choose below' })
      .waitFor();
    await page.getByTestId('import-date-format').selectOption('dmy');
    await page.getByTestId('import-summary').filter({ hasText: '3 new' }).waitFor();
    const dates = await page.getByTestId('import-line').locator('td:nth-child(2)').allInnerTexts();
    expect(dates).toEqual(['Feb 1, 2026', 'Apr 3, 2026', 'Jun 5, 2026']);
  }, 60_000);

  it('imports a statement once: the second look shows every line as already imported', async () => {
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'de-sparkasse-latin1.csv'));
    await page.getByTestId('import-summary').filter({ hasText: 'windows-1252' }).waitFor();
    expect(await page.getByTestId('import-summary').innerText()).toContain('5 new, 0 already imported');
    expect(await page.getByTestId('import-column-amount').inputValue()).toBe('6');
    expect(await page.getByTestId('import-lines').innerText()).toContain('Zoë Weiß — Geschenk für Zoë');

    await page.getByTestId('rule-contains').fill('rewe');
    await page.getByTestId('rule-category').selectOption({ label: 'Food' });
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-row').filter({ hasText: 'Food' }).waitFor();
    // The line's category is a select now: the rule shows as its chosen option.
    const rewe = page.getByTestId('import-line').filter({ hasText: 'REWE Markt Köln' });
    await expect
      .poll(() =>
        rewe
          .getByTestId('import-line-category')
          .evaluate(
            (s: { selectedOptions: ArrayLike<{ text: string }> }) => s.selectedOptions[0]?.text ?? '',
          ),
      )
      .toBe('Food');
    await page.getByTestId('toast').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(dir, 'import.png'), fullPage: true });

    await page.getByTestId('import-commit').click();
    await page.getByTestId('toast').filter({ hasText: 'Imported 5 transactions' }).waitFor();
    await page.getByTestId('import-summary').filter({ hasText: '0 new, 5 already imported' }).waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByTestId('import-seen-before').waitFor();
    await page.getByTestId('import-history').filter({ hasText: 'de-sparkasse-latin1.csv' }).waitFor();

    await page.getByTestId('nav-expenses').click();
    await page.getByTestId('transactions-table').filter({ hasText: 'REWE Markt Köln' }).waitFor();
  }, 60_000);

  it('files a line by the category chosen in the preview, and makes a rule from another line', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'overlap-september.csv'));
    await page.getByTestId('import-summary').filter({ hasText: '4 new' }).waitFor();
    const line = (text: string) => page.getByTestId('import-line').filter({ hasText: text });
    await line('Bakery').getByTestId('import-line-category').selectOption({ label: 'Housing' });

    await line('Supermarket').getByTestId('import-line-rule').click();
    const dialog = page.getByTestId('import-rule-dialog');
    expect(await dialog.getByTestId('import-rule-contains').inputValue()).toBe('Supermarket');
    await dialog.getByTestId('import-rule-category').selectOption({ label: 'Shopping' });
    await dialog.getByTestId('import-rule-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('rule-row').filter({ hasText: 'Supermarket' }).waitFor();
    const chosen = (text: string) =>
      line(text)
        .first()
        .getByTestId('import-line-category')
        .evaluate((s: { selectedOptions: ArrayLike<{ text: string }> }) => s.selectedOptions[0]?.text ?? '');
    await expect.poll(() => chosen('Supermarket')).toBe('Shopping');
    expect(await chosen('Bakery')).toBe('Housing');

    await page.getByTestId('import-commit').click();
    await page.getByTestId('toast').filter({ hasText: 'Imported 4 transactions' }).waitFor();
    await page.getByTestId('nav-expenses').click();
    const row = (text: string) => page.getByTestId('transaction-row').filter({ hasText: text });
    await row('Bakery').filter({ hasText: 'Housing' }).waitFor();
    await row('Supermarket').filter({ hasText: 'Shopping' }).waitFor();
  }, 60_000);
});
