/**
 * Bulk edits in the web UI, in headless Chromium against a real `pfm serve`: three expenses are ticked, moved to
 * another category in one step, and the change is undone from the toast; select-all ticks the whole page; at
 * desktop size and on a 360 px phone, with no sideways scrolling and axe-core finding nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`bulk edit end-to-end tests skipped: ${reason}`);

const USER = 'bulky';
const PASSWORD = 'e2e-bulk-edit-password';
const WIDE = 1280;
const NARROW = 360;
const NOTES = ['Bakery', 'Butcher', 'Market', 'Cinema'];

describe.skipIf(reason !== null)('bulk edits in the web UI (headless Chromium, real pfm serve)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-bulk-');
    browser = world.browser;
    page = await browser.newPage({
      viewport: { width: WIDE, height: 800 },
      locale: 'en-US',
      bypassCSP: true,
    });
    await signIn(page, world.server.url, USER, PASSWORD, true);
    const api = await apiClient(page, world.server.url);
    for (const [i, note] of NOTES.entries())
      await api.post('/api/expenses', {
        amount: `${i + 3}.00`,
        date: `2026-11-0${i + 1}`,
        category: 'Food',
        note,
      });
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  const row = (p: Page, note: string) => p.getByTestId('transaction-row').filter({ hasText: note });

  /** Tick three rows, move them to Housing, see it, undo from the toast, see them back in Food. */
  async function changeAndUndo(p: Page, width: number) {
    for (const note of NOTES.slice(0, 3)) await row(p, note).getByTestId('row-select').check();
    await p.getByTestId('bulk-count').filter({ hasText: '3 rows selected' }).waitFor();
    await expectFits(p, width, 'three rows selected');
    await p.getByTestId('bulk-choice').selectOption('category');
    await p.getByTestId('bulk-category').selectOption('Housing');
    await p.getByTestId('bulk-apply').click();
    const toast = p.getByTestId('toast').filter({ hasText: 'Category → Housing on 3 expenses' });
    await toast.waitFor();
    for (const note of NOTES.slice(0, 3)) await row(p, note).filter({ hasText: 'Housing' }).waitFor();
    await row(p, 'Cinema').filter({ hasText: 'Food' }).waitFor();
    expect(await p.getByTestId('row-select').and(p.locator(':checked')).count()).toBe(0);
    await expectFits(p, width, 'after the change, with the undo toast');

    await toast.getByTestId('toast-action').click();
    await p.getByTestId('toast').filter({ hasText: 'Undone: Category → Housing on 3 expenses' }).waitFor();
    for (const note of NOTES) await row(p, note).filter({ hasText: 'Food' }).waitFor();
    expect(await p.getByTestId('transaction-row').filter({ hasText: 'Housing' }).count()).toBe(0);
  }

  it('changes the category of three rows and undoes it from the toast, at 1280 px', async () => {
    await page.getByTestId('nav-expenses').click();
    await row(page, 'Cinema').waitFor();
    await expectFits(page, WIDE, 'expenses with the bulk bar');
    await changeAndUndo(page, WIDE);
  }, 90_000);

  it('selects the whole page by keyboard, and the bar works by keyboard', async () => {
    await page.getByTestId('select-all').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('bulk-count').filter({ hasText: '4 rows selected' }).waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('bulk-choice');
    await page.getByTestId('bulk-choice').selectOption('tag');
    await page.getByTestId('bulk-tag').focus();
    await page.keyboard.type('groceries');
    await page.keyboard.press('Enter');
    await page.getByTestId('toast').filter({ hasText: 'Add tag groceries on 4 expenses' }).waitFor();
    const count = () => page.getByTestId('bulk-count').innerText();
    await expect.poll(count).toBe('');
    await page.getByTestId('select-all').focus();
    await page.keyboard.press('Space');
    await expect.poll(count).toBe('4 rows selected');
    await page.keyboard.press('Space');
    await expect.poll(count).toBe('');
  }, 60_000);

  it('does the same on a 360 px phone', async () => {
    const phone = await browser.newContext({
      viewport: { width: NARROW, height: 740 },
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, world.server.url, USER, PASSWORD);
    await phonePage.goto(`${world.server.url}/#/expenses`);
    await row(phonePage, 'Cinema').waitFor();
    await expectFits(phonePage, NARROW, 'expenses on a phone');
    await changeAndUndo(phonePage, NARROW);
    await phone.close();
  }, 180_000);
});
