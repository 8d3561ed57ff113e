/**
 * Every page of the web UI and its main states, on the demo data, in headless Chromium against a real
 * `pfm serve`: at 1440 px and on a 360 px phone, no sideways scrolling and nothing critical or serious for
 * axe-core. Also the keyboard: `n` adds a transaction from anywhere, `/` goes to the search, Escape closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/commands/demo-commands.js';
import { DEMO_USERS } from '../../src/local/demo-data.js';
import { seriousAxeViolations } from '../support/axe.js';
import {
  ensureWebBuilt,
  launchBrowser,
  pfm,
  ROOT,
  signIn,
  skipReason,
  startServer,
  type Server,
} from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`accessibility end-to-end tests skipped: ${reason}`);

const WIDE = 1440;
const STATEMENTS = join(ROOT, 'test', 'fixtures', 'statements');
const NARROW = 360;

/** Each page, by its route and the test id of what shows once it has loaded. */
const PAGES: readonly [route: string, ready: string][] = [
  ['/', 'page-dashboard'],
  ['/expenses', 'page-expenses'],
  ['/income', 'page-income'],
  ['/accounts', 'page-accounts'],
  ['/categories', 'page-categories'],
  ['/budgets', 'page-budgets'],
  ['/goals', 'page-goals'],
  ['/schedules', 'page-schedules'],
  ['/reports/monthly', 'page-reports'],
  ['/reports/categories', 'page-reports'],
  ['/reports/budgets', 'page-reports'],
  ['/reports/goals', 'page-reports'],
  ['/reports/trend', 'page-reports'],
  ['/import', 'page-import'],
  ['/sync', 'page-sync'],
];

describe.skipIf(reason !== null)('every page, accessible at desktop and phone sizes (demo data)', () => {
  let dir: string;
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pfm-e2e-a11y-'));
    const central = `sqlite:${join(dir, 'central.db')}`;
    pfm(['--data', join(dir, 'device'), '--central', central, 'demo']);
    [browser, server] = await Promise.all([launchBrowser(), startServer(join(dir, 'device'), central)]);
    page = await browser.newPage({
      viewport: { width: WIDE, height: 900 },
      locale: 'en-US',
      bypassCSP: true,
    });
    await signIn(page, server.url, DEMO_USERS[0].name, DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const problems = async (width: number, what: string): Promise<string[]> => {
    const found: string[] = [];
    const scroll = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (scroll > width) found.push(`${what}: ${scroll} px wide at ${width} px`);
    if (width === NARROW) found.push(...(await phoneProblems(what)));
    for (const v of await seriousAxeViolations(page)) found.push(`${what}: ${v}`);
    return found;
  };

  /**
   * On a phone: no table scrolls sideways within its frame, every control of a table's rows (Edit, Restore,
   * Dismiss, a category to choose...) lies inside the screen, and every field's text is 16 px or more (smaller,
   * a phone zooms in as the field takes focus).
   */
  const phoneProblems = async (what: string): Promise<string[]> =>
    (
      (await page.evaluate(`(() => {
      const found = [];
      const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 0;
      for (const wrap of document.querySelectorAll('.table-wrap')) {
        if (shown(wrap) && wrap.scrollWidth > wrap.clientWidth + 1) {
          const table = wrap.querySelector('table');
          found.push('a table scrolls sideways: ' + (table.dataset.testid || table.className) + ' is ' + wrap.scrollWidth + ' px in ' + wrap.clientWidth);
        }
      }
      for (const el of document.querySelectorAll('tbody button, tbody a, tbody input, tbody select')) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.left < 0 || r.right > window.innerWidth) {
          found.push('off screen: ' + (el.getAttribute('aria-label') || el.textContent.trim() || el.tagName) + ' at ' + Math.round(r.left) + '–' + Math.round(r.right));
        }
      }
      for (const el of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea')) {
        if (!shown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 16) found.push('a field in ' + size + ' px text: ' + (el.getAttribute('aria-label') || el.name || el.id || el.dataset.testid || el.tagName));
      }
      return found;
    })()`)) as string[]
    ).map((p) => `${what}: ${p}`);

  const open = async (route: string, ready: string) => {
    // A change of the hash, as the app's own links make: the page stays loaded, like a person's session.
    await page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
    await page.getByTestId(ready).waitFor();
    await page
      .locator('.loading, [aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
  };

  for (const width of [WIDE, NARROW]) {
    it(`every page at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const found: string[] = [];
      for (const [route, ready] of PAGES) {
        await open(route, ready);
        found.push(...(await problems(width, route)));
      }
      // The main states beyond a page's first view: the add dialog, an account's register.
      await open('/expenses', 'page-expenses');
      await page.getByTestId('add-transaction').click();
      await page.getByRole('dialog').waitFor();
      found.push(...(await problems(width, 'add expense dialog')));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await open('/accounts', 'page-accounts');
      await page.getByTestId('page-accounts').locator('a[href^="#/accounts/"]').first().click();
      await page.getByTestId('page-register').waitFor();
      found.push(...(await problems(width, 'account register')));
      // A statement's preview, and once imported, the history of imports.
      await open('/import', 'page-import');
      await page.getByTestId('import-file').setInputFiles(join(STATEMENTS, 'us-checking-bom.csv'));
      await page.getByTestId('import-lines').waitFor();
      found.push(...(await problems(width, 'import preview')));
      if (width === NARROW) {
        await page.getByTestId('import-commit').click();
        await page.getByTestId('import-history').locator('tbody tr').first().waitFor();
        found.push(...(await problems(width, 'import history')));
        // A sync's history.
        await open('/sync', 'page-sync');
        await page.getByTestId('sync-now').click();
        await page.getByTestId('sync-history-row').first().waitFor({ timeout: 120_000 });
        found.push(...(await problems(width, 'sync history')));
      }
      expect(found).toEqual([]);
    }, 300_000);
  }

  it('keeps the list filters in the URL, shows what they add up to, and exports just those rows', async () => {
    await page.setViewportSize({ width: WIDE, height: 900 });
    await open('/expenses', 'page-expenses');
    await page.getByTestId('filter-search').fill('MegaMart');
    await expect
      .poll(() => page.evaluate('window.location.hash'), { timeout: 10_000 })
      .toContain('search=MegaMart');
    const subtitle = page.getByTestId('page-expenses').locator('.page-subtitle');
    await expect.poll(() => subtitle.innerText(), { timeout: 10_000 }).toMatch(/match · €[\d,.]+ in all$/);
    const shown = await subtitle.innerText();
    // A reload (or a shared link) opens the same filtered list.
    await page.reload();
    await page.getByTestId('page-expenses').waitFor();
    expect(await page.getByTestId('filter-search').inputValue()).toBe('MegaMart');
    await expect.poll(() => subtitle.innerText(), { timeout: 10_000 }).toBe(shown);
    // The export is the filtered list: every MegaMart row, each one split.
    const href = (await page.getByTestId('export-transactions').getAttribute('href')) as string;
    const csv = await (await page.request.get(`${server.url}${href}`)).text();
    const rows = csv.trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBe(Number(/^(\d+)/.exec(shown)?.[1]));
    for (const row of rows) expect(row).toMatch(/MegaMart/);
    await page.getByTestId('filter-search').fill('');
    await expect.poll(() => page.evaluate('window.location.hash')).toBe('#/expenses');
  }, 120_000);

  it('adds a transaction with n from any page, searches with /, and closes with Escape', async () => {
    await page.setViewportSize({ width: WIDE, height: 900 });
    await open('/goals', 'page-goals');
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The form has the focus, so a person types the amount straight away.
    expect(
      await page.evaluate(`document.querySelector('[role="dialog"]').contains(document.activeElement)`),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    await expect
      .poll(() =>
        page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label')"),
      )
      .toBe('Search');
    // Typed into the search, n is a letter, not a shortcut.
    await page.keyboard.type('n');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId('filter-search').inputValue()).toBe('n');
  }, 120_000);
});
