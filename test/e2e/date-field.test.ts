/**
 * Date fields in the web UI, in headless Chromium against a real `pfm serve`, for a person whose locale is
 * en-GB: a date is typed as the app writes dates ("3 Dec 2026") or day first ("2/12/2026"), saved, and listed;
 * a date that does not exist shows a plain message and saves nothing; the calendar button is reached and
 * pressed from the keyboard; the list's custom range takes typed dates too; every other form's date field
 * refuses a bad date the same way. At desktop size and on a 360 px phone, with no sideways scrolling and axe-core
 * finding nothing serious.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`date field end-to-end tests skipped: ${reason}`);

const USER = 'ines';
const PASSWORD = 'e2e-date-field-password';
const WIDE = 1280;
const NARROW = 360;

interface Listed {
  items: { date: string; note: string }[];
}

describe.skipIf(reason !== null)('date fields in the web UI (headless Chromium, real pfm serve)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  let page: Page;
  let notes: () => Promise<string[]>;

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-date-field-');
    browser = world.browser;
    page = await browser.newPage({
      viewport: { width: WIDE, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    await signIn(page, world.server.url, USER, PASSWORD, true);
    const api = await apiClient(page, world.server.url);
    notes = async () => ((await api.get('/api/expenses')) as Listed).items.map((i) => `${i.date} ${i.note}`);
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  async function addExpense(typed: string, note: string) {
    await page.getByTestId('add-transaction').click();
    const dialog = page.getByTestId('transaction-dialog');
    await dialog.getByTestId('tx-amount').fill('12');
    await dialog.getByTestId('tx-category').selectOption('Food');
    await dialog.getByTestId('tx-note').fill(note);
    await dialog.getByTestId('tx-date').fill(typed);
    return dialog;
  }

  /** Saves the form, and waits for its row in the list, showing the date as the app writes it. */
  async function saveAndFind(dialog: Locator, note: string, shown: string) {
    await dialog.getByTestId('tx-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('transaction-row').filter({ hasText: note }).filter({ hasText: shown }).waitFor();
  }

  it('saves a date typed as the app writes it, and one typed day first, and lists both', async () => {
    await page.getByTestId('nav-expenses').click();
    const dialog = await addExpense('3 Dec 2026', 'Typed by name');
    // The field says how to type a date, in the person's own form.
    await dialog
      .locator('.field-hint', { hasText: /^For example \d{1,2} \w{3} \d{4} or \d\d\/\d\d\/\d{4}$/ })
      .waitFor();
    await saveAndFind(dialog, 'Typed by name', '3 Dec 2026');

    const second = await addExpense('2/12/2026', 'Typed in digits');
    // Leaving the field writes the date the app's way, so what was understood shows before saving.
    await second.getByTestId('tx-note').focus();
    expect(await second.getByTestId('tx-date').inputValue()).toBe('2 Dec 2026');
    await expectFits(page, WIDE, 'expense form with a typed date');
    await saveAndFind(second, 'Typed in digits', '2 Dec 2026');
    expect((await notes()).sort()).toEqual(['2026-12-02 Typed in digits', '2026-12-03 Typed by name']);
  }, 60_000);

  it('shows a plain message for a date that does not exist, and saves nothing', async () => {
    const dialog = await addExpense('31 Feb 2026', 'Never saved');
    const date = dialog.getByTestId('tx-date');
    await dialog.getByTestId('tx-save').click();
    const error = dialog.locator('.field-error', { hasText: /^\s*Type a date like \d{1,2} \w{3} \d{4}$/ });
    await error.waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's description, so a screen reader reads it with the field.
    expect(await date.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    await page.setViewportSize({ width: NARROW, height: 800 });
    await expectFits(page, NARROW, 'expense form with a date that does not exist');
    await page.setViewportSize({ width: WIDE, height: 900 });
    expect(await dialog.isVisible()).toBe(true);
    expect(await notes()).not.toContainEqual(expect.stringContaining('Never saved'));

    // Junk is refused the same way.
    await date.fill('soon');
    await dialog.getByTestId('tx-save').click();
    await error.waitFor();
    expect(await notes()).not.toContainEqual(expect.stringContaining('Never saved'));
  }, 60_000);

  it('works by keyboard: the calendar button is reached and pressed, and arrows step a day', async () => {
    const dialog = page.getByTestId('transaction-dialog');
    const date = dialog.getByTestId('tx-date');
    // Up and Down step a day, across a month's end.
    await date.fill('30 Nov 2026');
    await page.keyboard.press('ArrowUp');
    expect(await date.inputValue()).toBe('1 Dec 2026');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await date.inputValue()).toBe('29 Nov 2026');
    await page.keyboard.press('Tab');
    const button = dialog.getByTestId('tx-date-calendar');
    expect(await page.evaluate(`document.activeElement.dataset.testid`)).toBe('tx-date-calendar');
    expect(await button.getAttribute('aria-label')).toBe('Date: choose from a calendar');
    await page.keyboard.press('Enter');
    expect(await dialog.isVisible()).toBe(true);
    // A day chosen in the browser's calendar (its hidden date input) is written the app's way.
    await dialog.locator('input[type="date"]').fill('2026-11-30');
    expect(await date.inputValue()).toBe('30 Nov 2026');
    expect(await dialog.locator('[aria-invalid="true"]').count()).toBe(0);
    // Typed after the calendar: the text is what counts, and the field takes 16 px text (no zoom on phones).
    await date.fill('today');
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="tx-date"]')).fontSize`),
    ).toBe('16px');
    await dialog.getByTestId('tx-save').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await notes()).toContainEqual(expect.stringMatching(/^\d{4}-\d\d-\d\d Never saved$/));
  }, 60_000);

  it('refuses a bad date in every other form, on a 360 px phone', async () => {
    const api = await apiClient(page, world.server.url);
    const categories = (await api.get('/api/categories')) as { items: { id: string; name: string }[] };
    const food = categories.items.find((c) => c.name === 'Food')?.id;
    await api.post('/api/schedules', {
      kind: 'expense',
      amount: '9',
      categoryId: food,
      unit: 'month',
      // Soon, so that it has a next occurrence to post (a start in the past is refused).
      startDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      note: 'Box',
    });
    await api.post('/api/accounts', { name: 'Savings', kind: 'savings' });
    await api.post('/api/goals', { name: 'Bike', target: '500' });
    // The web UI keeps its answers fresh for 30 s: written through the API, they show after a reload.
    await page.reload();
    await page.setViewportSize({ width: NARROW, height: 800 });
    const forms: { route: string; open: string[]; dialog: string; date: string; save: string }[] = [
      {
        route: '#/accounts',
        open: ['add-account'],
        dialog: 'account-dialog',
        date: 'account-opening-date',
        save: 'account-save',
      },
      {
        route: '#/accounts',
        open: ['add-transfer'],
        dialog: 'transfer-dialog',
        date: 'transfer-date',
        save: 'transfer-save',
      },
      { route: '#/goals', open: ['add-goal'], dialog: 'goal-dialog', date: 'goal-by', save: 'goal-save' },
      {
        route: '#/goals',
        open: ['goal-toggle'],
        dialog: 'contribution-form',
        date: 'contribution-date',
        save: 'contribution-add',
      },
      {
        route: '#/schedules',
        open: ['add-schedule'],
        dialog: 'schedule-dialog',
        date: 'schedule-start',
        save: 'schedule-save',
      },
      {
        route: '#/schedules',
        open: ['schedule-post'],
        dialog: 'post-occurrence-dialog',
        date: 'post-occurrence-on',
        save: 'post-occurrence-save',
      },
    ];
    for (const form of forms) {
      await page.evaluate(`window.location.hash = ${JSON.stringify(form.route)}`);
      for (const control of form.open) await page.getByTestId(control).first().click();
      const dialog = page.getByTestId(form.dialog);
      await dialog.getByTestId(form.date).fill('30/2/2026');
      await dialog.getByTestId(form.save).click();
      await dialog.locator('.field-error', { hasText: /Type a date like \d{1,2} \w{3} \d{4}$/ }).waitFor();
      expect(await dialog.getByTestId(form.date).getAttribute('aria-invalid'), form.dialog).toBe('true');
      await expectFits(page, NARROW, `${form.dialog} with a bad date`);
      if (form.dialog.endsWith('-dialog')) {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
    }
    await page.setViewportSize({ width: WIDE, height: 900 });
    await page.evaluate(`window.location.hash = '#/expenses'`);
  }, 90_000);

  it('filters the list by a custom range typed day first', async () => {
    await page.getByTestId('filter-period').selectOption('custom');
    await page.getByTestId('filter-from').fill('2/12/2026');
    await page.getByTestId('filter-to').fill('2/12/2026');
    const rows = page.getByTestId('transaction-row');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Typed in digits')]);
    await page.setViewportSize({ width: NARROW, height: 800 });
    await expectFits(page, NARROW, 'expenses filtered by a typed range');
    await page.setViewportSize({ width: WIDE, height: 900 });
  }, 60_000);
});
