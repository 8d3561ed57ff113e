/**
 * The web UI in headless Chromium against real `pfm serve` processes: register, add an expense, set a budget,
 * see the dashboard change, press "Sync now", then sign in on a second device (another data folder, the same
 * central store) and find the same expense there. Also: a sync that cannot reach the central store fails with
 * a clear message and the rest of the app keeps working. Saves screenshots in a temporary folder, or in
 * PFM_SCREENSHOTS_DIR when it is set (the documentation's come from `npm run screenshots`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  apiClient,
  ensureWebBuilt,
  launchBrowser,
  signIn,
  skipReason,
  startServer,
  type Server,
} from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`web UI end-to-end tests skipped: ${reason}`);

const USER = 'alex';
const PASSWORD = 'e2e-secret-password';
const NOTE = 'Lunch at Luigi’s (e2e)';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** Where screenshots go: PFM_SCREENSHOTS_DIR (relative to the repository), else the run's temporary folder. */
const SCREENSHOTS_DIR = process.env.PFM_SCREENSHOTS_DIR;
let shots: string;

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const thisMonth = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const today = `${thisMonth}-${pad(now.getDate())}`;

function monthsBack(n: number): string {
  const d = new Date(now.getFullYear(), now.getMonth() - n, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** A year of ordinary finances, so the screenshots show what the dashboard looks like in use. */
async function seedHistory(page: Page, url: string): Promise<void> {
  const api = await apiClient(page, url);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const money = (min: number, max: number) => (min + rand() * (max - min)).toFixed(2);
  for (let back = 11; back >= 0; back--) {
    const month = monthsBack(back);
    const lastDay = back === 0 ? now.getDate() : 28;
    const day = (d: number) => `${month}-${pad(Math.min(d, lastDay))}`;
    await api.post('/api/income', {
      amount: '4200.00',
      date: day(1),
      category: 'Salary',
      source: 'employer',
      note: 'Salary',
    });
    if (back % 3 === 1)
      await api.post('/api/income', {
        amount: money(300, 900),
        date: day(18),
        category: 'Freelance',
        source: 'client',
        note: 'Design project',
      });
    const expenses: [string, string, string, number, string][] = [
      ['Housing', '1450.00', 'Rent', 2, 'transfer'],
      ['Utilities', money(110, 170), 'Electricity and water', 6, 'direct debit'],
      ['Food', money(60, 120), 'Groceries', 4, 'card'],
      ['Food', money(50, 110), 'Groceries', 12, 'card'],
      ['Food', money(30, 80), 'Dinner out', 20, 'card'],
      ['Transport', money(40, 90), 'Metro pass', 3, 'card'],
      ['Entertainment', money(15, 60), 'Cinema', 14, 'card'],
      ['Shopping', money(30, 160), 'Clothes', 9, 'card'],
    ];
    if (back % 2 === 0) expenses.push(['Health', money(20, 70), 'Pharmacy', 16, 'cash']);
    for (const [category, amount, note, d, method] of expenses)
      await api.post('/api/expenses', { amount, date: day(d), category, method, note });
  }
  for (const [category, limit] of [
    ['Housing', '1500'],
    ['Transport', '100'],
    ['Entertainment', '80'],
    ['Shopping', '200'],
  ] as const)
    await api.post('/api/budgets', { category, month: thisMonth, limit });
  const goals = [
    { name: 'Emergency fund', target: '6000', by: `${now.getFullYear() + 1}-06-30`, monthly: '350.00' },
    { name: 'Summer holiday', target: '2400', by: `${now.getFullYear() + 1}-07-15`, monthly: '150.00' },
  ];
  for (const g of goals) {
    const created = (await api.post('/api/goals', { name: g.name, target: g.target, by: g.by })) as {
      goal: { id: string };
    };
    for (let back = 8; back >= 0; back--)
      await api.post(`/api/goals/${created.goal.id}/contributions`, {
        amount: g.monthly,
        date: `${monthsBack(back)}-01`,
        note: 'Monthly transfer',
      });
  }
}

describe.skipIf(reason !== null)('web UI end to end (headless Chromium, real pfm serve)', () => {
  let dir: string;
  let central: string;
  let browser: Browser;
  let first: Server;
  let second: Server | undefined;
  let offline: Server | undefined;
  let desktop: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pfm-e2e-'));
    central = `sqlite:${join(dir, 'central.db')}`;
    shots = SCREENSHOTS_DIR ? resolve(ROOT, SCREENSHOTS_DIR) : join(dir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    [browser, first] = await Promise.all([launchBrowser(), startServer(join(dir, 'a'), central)]);
    desktop = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    page = await desktop.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const server of [first, second, offline]) await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('registers a user and opens an empty dashboard', async () => {
    await page.goto(`${first.url}/`);
    await page.getByTestId('tab-register').click();
    await page.getByTestId('auth-name').fill(USER);
    await page.getByTestId('auth-password').fill('short');
    await page.getByTestId('auth-submit').click();
    await page.locator('.field-error', { hasText: 'at least 8 characters' }).waitFor();

    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('auth-currency').selectOption('USD');
    await page.getByTestId('auth-submit').click();
    // Registering asks the central store whether the name is taken.
    await page.getByTestId('page-dashboard').waitFor({ timeout: 150_000 });
    expect(await page.getByTestId('current-user').innerText()).toBe(USER);
    await page.getByTestId('kpi-spending-value').filter({ hasText: '$0.00' }).waitFor();
  }, 180_000);

  it('shows the API’s validation errors inline, under the field they name', async () => {
    await page.getByTestId('nav-categories').click();
    await page.getByTestId('category-name').fill('Food');
    await page.getByTestId('category-add').click();
    await page.locator('.field-error', { hasText: 'already exists' }).waitFor();
    expect(await page.getByTestId('category-name').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('nav-expenses').click();
    await page.getByTestId('add-transaction').click();
    await page.getByTestId('tx-save').click();
    await page
      .getByTestId('transaction-dialog')
      .locator('.field-error', { hasText: 'Amount: type an amount, like 12.50' })
      .waitFor();
  }, 60_000);

  it('adds an expense', async () => {
    const dialog = page.getByTestId('transaction-dialog');
    await dialog.getByTestId('tx-amount').fill('42.50');
    await dialog.getByTestId('tx-date').fill(today);
    await dialog.getByTestId('tx-category').selectOption('Food');
    await dialog.getByTestId('tx-extra').fill('card');
    await dialog.getByTestId('tx-note').fill(NOTE);
    await dialog.getByTestId('tx-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('transaction-row').filter({ hasText: NOTE });
    await row.waitFor();
    expect(await row.getByTestId('transaction-amount').innerText()).toContain('$42.50');
  }, 60_000);

  it('sets a budget', async () => {
    await page.getByTestId('nav-budgets').click();
    // Before any budget the month's spending shows, as spent without a budget.
    await page.getByTestId('budget-unbudgeted-row').filter({ hasText: 'Food' }).waitFor();
    expect(await page.getByTestId('budget-total').innerText()).toMatch(
      /\$42\.50 spent, \$0\.00 of it budgeted/,
    );
    await page.getByTestId('budget-category').selectOption('Food');
    await page.getByTestId('budget-limit').fill('50');
    await page.getByTestId('budget-save').click();
    const row = page.getByTestId('budget-row').filter({ hasText: 'Food' });
    await row.filter({ hasText: '85' }).waitFor();
    expect(await row.innerText()).toContain('$50.00');
    expect(await page.getByTestId('budget-total').innerText()).toMatch(
      /\$42\.50 spent, \$42\.50 of it budgeted/,
    );
  }, 60_000);

  it("offers last month's budgets in a month without any", async () => {
    await page.getByTestId('month-picker').getByRole('button', { name: 'Next month' }).click();
    await page.getByTestId('budget-copy').click();
    const row = page.getByTestId('budget-row').filter({ hasText: 'Food' });
    await row.waitFor();
    expect(await row.innerText()).toContain('$50.00');
    await page.getByTestId('month-picker').getByRole('button', { name: 'Previous month' }).click();
    await page.getByTestId('budget-row').filter({ hasText: '85' }).waitFor();
  }, 60_000);

  it('shows the new expense and the budget nearing its limit on the dashboard', async () => {
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('kpi-spending-value').filter({ hasText: '$42.50' }).waitFor();
    await page
      .getByTestId('budget-alert')
      .filter({ hasText: 'Food' })
      .filter({ hasText: 'Nearing' })
      .waitFor();
    await page.getByTestId('recent-expense').filter({ hasText: NOTE }).waitFor();
    expect(await page.getByTestId('kpi-net-value').innerText()).toContain('-$42.50');
  }, 60_000);

  it('saves screenshots of a dashboard in use (desktop and phone)', async () => {
    await seedHistory(page, first.url);
    await page.reload();
    await page.getByTestId('card-trend').locator('svg').waitFor();
    await page.getByTestId('card-goals').locator('.barlist').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });

    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, first.url, USER, PASSWORD);
    await phonePage.getByTestId('card-categories').locator('svg').waitFor();
    expect(await phonePage.locator('.sidebar').isVisible()).toBe(false);
    expect(await phonePage.locator('.bottom-nav').isVisible()).toBe(true);
    // Nothing is wider than the phone's screen.
    expect(await phonePage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phonePage.screenshot({ path: join(shots, 'dashboard-phone.png') });
    await phone.close();
  }, 180_000);

  it('syncs with "Sync now", showing the result and the history', async () => {
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-status').filter({ hasText: 'Success' }).waitFor({ timeout: 120_000 });
    expect(Number(await page.getByTestId('sync-pushed').innerText())).toBeGreaterThan(100);
    await page.getByTestId('sync-history-row').filter({ hasText: 'Success' }).first().waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'sync.png'), fullPage: true });
  }, 240_000);

  it('shows the same expense on a second device after signing in and syncing there', async () => {
    // The first device's server keeps running: two processes share the embedded central file.
    second = await startServer(join(dir, 'b'), central);
    const other = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page2 = await other.newPage();
    // The user is not on this device yet: signing in checks the central store's copy and brings the data here.
    await signIn(page2, second.url, USER, PASSWORD);
    await page2.getByTestId('nav-sync').click();
    await page2.getByTestId('sync-now').click();
    await page2.getByTestId('sync-status').filter({ hasText: 'Success' }).waitFor({ timeout: 120_000 });

    await page2.getByTestId('nav-expenses').click();
    await page2.getByTestId('filter-search').fill('Luigi');
    await page2.getByTestId('pager').filter({ hasText: '1–1 of 1' }).waitFor();
    const row = page2.getByTestId('transaction-row').filter({ hasText: NOTE });
    expect(await row.getByTestId('transaction-amount').innerText()).toContain('$42.50');
    expect(await page2.getByTestId('transaction-row').count()).toBe(1);
    await other.close();
  }, 300_000);

  it('reports a sync that cannot reach the central store clearly, and the rest keeps working', async () => {
    await second?.stop();
    offline = await startServer(join(dir, 'c'), 'postgres://pfm@127.0.0.1:1/unreachable');
    const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page3 = await ctx.newPage();
    await page3.goto(`${offline.url}/`);
    await page3.getByTestId('tab-register').click();
    await page3.getByTestId('auth-name').fill('offline-olga');
    await page3.getByTestId('auth-password').fill(PASSWORD);
    await page3.getByTestId('auth-submit').click();
    await page3.getByTestId('page-dashboard').waitFor({ timeout: 120_000 });

    await page3.getByTestId('nav-sync').click();
    await page3.getByTestId('sync-now').click();
    await page3.getByTestId('sync-status').filter({ hasText: 'Failed' }).waitFor({ timeout: 120_000 });
    const message = await page3.getByTestId('sync-error').innerText();
    expect(message).toMatch(/sync failed/i);
    expect(message).toMatch(/safe/);

    await page3.getByTestId('nav-dashboard').click();
    await page3.getByTestId('kpi-spending-value').filter({ hasText: '$0.00' }).waitFor();
    await page3.getByTestId('nav-expenses').click();
    await page3.getByTestId('page-expenses').waitFor();
    await ctx.close();
  }, 240_000);
});

if (reason !== null) {
  describe('web UI end to end (headless Chromium, real pfm serve)', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
}
