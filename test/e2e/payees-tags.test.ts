/**
 * Payees and tags in the web UI, in headless Chromium against a real `pfm serve`: an expense gets a payee
 * picked from the suggestions of earlier payees and two tags, the list is filtered by one of them, and the Tags
 * report shows it; at desktop size and on a 360 px phone, with no sideways scrolling and axe-core finding
 * nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`payees and tags end-to-end tests skipped: ${reason}`);

const USER = 'tove';
const PASSWORD = 'e2e-payees-tags-password';
const WIDE = 1280;
const NARROW = 360;

describe.skipIf(reason !== null)('payees and tags in the web UI (headless Chromium, real pfm serve)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  let page: Page;
  let today: string;

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-payees-tags-');
    browser = world.browser;
    page = await browser.newPage({
      viewport: { width: WIDE, height: 900 },
      locale: 'en-US',
      bypassCSP: true,
    });
    await signIn(page, world.server.url, USER, PASSWORD, true);
    today = (await page.evaluate('new Date().toLocaleDateString("sv")')) as string;
    // Earlier expenses: their payees are what the form suggests, and one untagged row the filter must hide.
    const api = await apiClient(page, world.server.url);
    for (const payee of ['Greengrocer Hill', 'Greengrocer Hill', 'Great Books']) {
      await api.post('/api/expenses', { amount: '3', date: today, category: 'Food', payee, note: 'earlier' });
    }
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  it('adds an expense with a payee picked from the suggestions and two tags', async () => {
    await page.getByTestId('nav-expenses').click();
    await page.getByTestId('add-transaction').click();
    const dialog = page.getByTestId('transaction-dialog');
    await dialog.getByTestId('tx-amount').fill('18.40');
    await dialog.getByTestId('tx-date').fill(today);
    await dialog.getByTestId('tx-category').selectOption('Food');
    const payee = dialog.getByTestId('tx-payee');
    await payee.fill('gre');
    // The suggestions of "gre": both earlier payees, the one used twice first.
    const options = dialog.getByTestId('tx-payee-options').locator('option');
    await expect
      .poll(() => options.evaluateAll((os) => os.map((o) => o.getAttribute('value'))))
      .toEqual(['Greengrocer Hill', 'Great Books']);
    // Choosing a suggestion puts its value in the field, as the browser's list does.
    await payee.fill((await options.first().getAttribute('value')) ?? '');
    await dialog.getByTestId('tx-tags').fill('Holiday, kids');
    await dialog.getByTestId('tx-note').fill('Picnic');
    await expectFits(page, WIDE, 'expense dialog with payee and tags');
    await dialog.getByTestId('tx-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('transaction-row').filter({ hasText: 'Picnic' });
    await row.filter({ hasText: 'Greengrocer Hill' }).waitFor();
    expect(await row.getByRole('list', { name: 'Tags' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Holiday',
      'kids',
    ]);
    await expectFits(page, WIDE, 'expenses with payees and tags');
  }, 60_000);

  it('offers the tags used before as buttons in the form', async () => {
    await page.getByTestId('transaction-row').filter({ hasText: 'Picnic' }).click();
    const dialog = page.getByTestId('transaction-dialog');
    const kids = dialog.getByRole('button', { name: 'kids' });
    expect(await kids.getAttribute('aria-pressed')).toBe('true');
    await kids.click();
    expect(await dialog.getByTestId('tx-tags').inputValue()).toBe('Holiday');
    await kids.click();
    expect(await dialog.getByTestId('tx-tags').inputValue()).toBe('Holiday, kids');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('filters the list by a tag', async () => {
    const rows = page.getByTestId('transaction-row');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByTestId('filter-tag').selectOption('kids');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Picnic');
    await expectFits(page, WIDE, 'expenses filtered by tag');
    await page.getByTestId('filter-tag').selectOption('');
    await expect.poll(() => rows.count()).toBe(4);
  }, 60_000);

  it('shows the Tags report with a bar per tag and a table', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-tab-tags').click();
    const table = page.getByTestId('report-tags-table');
    await table.getByRole('row', { name: /Holiday/ }).waitFor();
    expect(await table.getByRole('row', { name: /kids/ }).innerText()).toContain('$18.40');
    expect(await page.getByTestId('report-tags').innerText()).toContain('Holiday');
    await expectFits(page, WIDE, 'tags report');
  }, 60_000);

  it('works on a 360 px phone: the list with chips, the form, the tag filter and the Tags report', async () => {
    const phone = await browser.newContext({
      viewport: { width: NARROW, height: 740 },
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    const p = await phone.newPage();
    await signIn(p, world.server.url, USER, PASSWORD);
    await p.goto(`${world.server.url}/#/expenses`);
    await p.getByTestId('transaction-row').filter({ hasText: 'Greengrocer Hill' }).first().waitFor();
    await expectFits(p, NARROW, 'expenses on a phone');
    await p.getByRole('button', { name: /^Filters/ }).click();
    await p.getByTestId('filter-tag').selectOption('Holiday');
    await expect.poll(() => p.getByTestId('transaction-row').count()).toBe(1);
    await expectFits(p, NARROW, 'tag filter on a phone');
    await p.getByTestId('transaction-row').first().click();
    await p.getByTestId('tx-payee').waitFor();
    await expectFits(p, NARROW, 'expense form on a phone');
    await p.keyboard.press('Escape');
    await p.goto(`${world.server.url}/#/reports/tags`);
    await p.getByTestId('report-tags-table').waitFor();
    await expectFits(p, NARROW, 'tags report on a phone');
    await phone.close();
  }, 180_000);
});
