/**
 * Budget rollover and posting a schedule's occurrence by hand in the web UI, in headless Chromium against a
 * real `pfm serve`: rollover turned on for this month's budget shows next month as money carried in; a
 * manual schedule's next occurrence is posted with "Post now", changed for that one row; on the dashboard's
 * Coming up card too; at desktop size and on a 360 px phone, with no sideways scrolling and axe-core finding
 * nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`budget rollover end-to-end tests skipped: ${reason}`);

const USER = 'rowan';
const PASSWORD = 'e2e-rollover-password';
const WIDE = 1280;
const NARROW = 360;

describe.skipIf(reason !== null)('budget rollover and Post now in the web UI (headless Chromium)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  let page: Page;
  let today: string;

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-rollover-');
    browser = world.browser;
    page = await browser.newPage({
      viewport: { width: WIDE, height: 800 },
      locale: 'en-US',
      bypassCSP: true,
    });
    await signIn(page, world.server.url, USER, PASSWORD, true);
    today = (await page.evaluate('new Date().toLocaleDateString("sv")')) as string;
    const api = await apiClient(page, world.server.url);
    // This month: $100 for Food, $88 spent, so $12 is left to carry.
    await api.post('/api/budgets', { category: 'Food', month: today.slice(0, 7), limit: '100' });
    await api.post('/api/expenses', { amount: '88', date: `${today.slice(0, 7)}-01`, category: 'Food' });
    // A manual schedule starting well ahead, so nothing posts by itself.
    const categories = (await (
      await page.request.get(`${world.server.url}/api/categories?kind=expense`)
    ).json()) as {
      items: { id: string; name: string }[];
    };
    const housing = categories.items.find((c) => c.name === 'Housing')?.id;
    const start = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    await api.post('/api/schedules', {
      kind: 'expense',
      amount: '850',
      categoryId: housing,
      unit: 'month',
      startDate: start,
      note: 'Rent',
      autoPost: false,
    });
    await api.post('/api/schedules', {
      kind: 'expense',
      amount: '40',
      categoryId: housing,
      unit: 'month',
      startDate: start,
      note: 'Internet',
      autoPost: false,
    });
    // Written behind the page's back, which keeps its answers fresh for a while: reloaded, it asks anew.
    await page.reload();
    await page.getByTestId('page-dashboard').waitFor();
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  it('turns rollover on, and next month shows the amount carried in', async () => {
    await page.getByTestId('nav-budgets').click();
    const row = page.getByTestId('budget-row').filter({ hasText: 'Food' });
    await row.waitFor();
    const toggle = row.getByTestId('budget-rollover');
    expect(await toggle.isChecked()).toBe(false);
    // The box shows the stored setting: it turns checked once the change is saved and read back.
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expectFits(page, WIDE, 'budgets with rollover');
    // Next month has no budgets: last month's are offered, rollover included, and $12 comes along.
    await page.getByTestId('month-picker').getByRole('button', { name: 'Next month' }).click();
    await page.getByTestId('budget-copy').click();
    const next = page.getByTestId('budget-row').filter({ hasText: 'Food' });
    await next.getByTestId('budget-carried').waitFor();
    expect(await next.getByTestId('budget-carried').innerText()).toMatch(
      /^\+\$12\.00 from \w+ \d{4} · \$112\.00 available$/,
    );
    expect(await next.getByTestId('budget-rollover').isChecked()).toBe(true);
    await expectFits(page, WIDE, 'next month with money carried in');
  }, 60_000);

  it('posts the next occurrence of a manual schedule with Post now, changed for that one row', async () => {
    await page.getByTestId('nav-schedules').click();
    const row = page.getByTestId('schedule-row').filter({ hasText: 'Rent' });
    await row.waitFor();
    await expectFits(page, WIDE, 'schedules page with Post now');
    await row.getByTestId('schedule-post').click();
    const dialog = page.getByTestId('post-occurrence-dialog');
    await dialog.waitFor();
    await expectFits(page, WIDE, 'post now dialog');
    await dialog.getByTestId('post-occurrence-amount').fill('900');
    await dialog.getByTestId('post-occurrence-save').click();
    await dialog.waitFor({ state: 'detached' });
    // The schedule keeps its amount; the posted row has its own.
    expect(await row.innerText()).toContain('850.00');
    await page.getByTestId('nav-expenses').click();
    await page.getByText('$900.00').first().waitFor();
  }, 60_000);

  it("posts a manual occurrence from the dashboard's Coming up card", async () => {
    await page.getByTestId('nav-dashboard').click();
    const internet = page.getByTestId('coming-up-row').filter({ hasText: 'Internet' }).first();
    await internet.getByTestId('coming-up-post').click();
    await internet.filter({ hasText: 'posted' }).waitFor();
    await expectFits(page, WIDE, 'dashboard after posting');
  }, 60_000);

  it('works on a 360 px phone', async () => {
    const phone = await browser.newContext({
      viewport: { width: NARROW, height: 740 },
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, world.server.url, USER, PASSWORD);
    await phonePage.getByTestId('card-coming-up').waitFor();
    await expectFits(phonePage, NARROW, 'dashboard on a phone');
    await phonePage.goto(`${world.server.url}/#/budgets`);
    await phonePage.getByTestId('month-picker').getByRole('button', { name: 'Next month' }).click();
    await phonePage.getByTestId('budget-carried').waitFor();
    await expectFits(phonePage, NARROW, 'budgets with money carried in on a phone');
    await phonePage.goto(`${world.server.url}/#/schedules`);
    await phonePage.getByTestId('schedule-post').first().click();
    await phonePage.getByTestId('post-occurrence-dialog').waitFor();
    await expectFits(phonePage, NARROW, 'post now dialog on a phone');
    await phonePage.keyboard.press('Escape');
    await phone.close();
  }, 180_000);
});
