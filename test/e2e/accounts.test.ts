/**
 * Accounts in the web UI, in headless Chromium against a real `pfm serve`: add an account, move money to it, see
 * both balances and the net worth, clear a row and reconcile the account with a statement, edit and delete rows
 * from the register and transfers from the Accounts page (reconciled ones after asking); at desktop size and
 * on a 360 px phone, with axe-core finding nothing serious on each page. Screenshots go to a temporary folder,
 * or to PFM_SCREENSHOTS_DIR when it is set.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.js';
import {
  ROOT,
  ensureWebBuilt,
  launchBrowser,
  signIn,
  skipReason,
  startServer,
  type Server,
} from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`accounts end-to-end tests skipped: ${reason}`);

const USER = 'casey';
const PASSWORD = 'e2e-accounts-password';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
/** The test id of what has the keyboard's focus. */
const FOCUSED = "document.activeElement?.getAttribute('data-testid')";

describe.skipIf(reason !== null)('accounts in the web UI (headless Chromium, real pfm serve)', () => {
  let dir: string;
  let shots: string;
  let browser: Browser;
  let server: Server;
  let desktop: BrowserContext;
  let page: Page;
  let savingsUrl = '';

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pfm-e2e-accounts-'));
    const wanted = process.env.PFM_SCREENSHOTS_DIR;
    shots = wanted ? resolve(ROOT, wanted) : join(dir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    [browser, server] = await Promise.all([
      launchBrowser(),
      startServer(join(dir, 'device'), `sqlite:${join(dir, 'central.db')}`),
    ]);
    desktop = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', bypassCSP: true });
    page = await desktop.newPage();
    await signIn(page, server.url, USER, PASSWORD, true);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const expectAccessible = async (p: Page, what: string) =>
    expect(await seriousAxeViolations(p), what).toEqual([]);

  it('adds an account, which the navigation lists with its balance', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('page-accounts').waitFor();
    await page.getByTestId('add-account').click();
    const dialog = page.getByTestId('account-dialog');
    await expectAccessible(page, 'new account dialog');
    await dialog.getByTestId('account-name').fill('Savings');
    await dialog.getByTestId('account-kind').selectOption('savings');
    await dialog.getByTestId('account-opening').fill('1000');
    await dialog.getByTestId('account-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('account-row')
      .filter({ hasText: 'Savings' })
      .filter({ hasText: '1,000.00' })
      .waitFor();
    await page
      .getByTestId('nav-account')
      .filter({ hasText: 'Savings' })
      .filter({ hasText: '1,000.00' })
      .waitFor();
    expect(await page.getByTestId('nav-networth').innerText()).toContain('1,000.00');
  }, 60_000);

  it('moves money with a transfer: both balances change, the net worth does not', async () => {
    await page.getByTestId('add-transfer').click();
    const dialog = page.getByTestId('transfer-dialog');
    expect(await page.evaluate(FOCUSED)).toBe('transfer-from');
    await dialog.getByTestId('transfer-from').selectOption({ label: 'Main account' });
    await dialog.getByTestId('transfer-to').selectOption({ label: 'Savings' });
    await dialog.getByTestId('transfer-amount').fill('250');
    await dialog.getByTestId('transfer-note').fill('Monthly saving');
    await expectAccessible(page, 'transfer dialog');
    await dialog.getByTestId('transfer-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = (name: string) => page.getByTestId('account-row').filter({ hasText: name });
    await row('Savings').filter({ hasText: '1,250.00' }).waitFor();
    await row('Main account').filter({ hasText: '-' }).filter({ hasText: '250.00' }).waitFor();
    await page
      .getByTestId('nav-account')
      .filter({ hasText: 'Savings' })
      .filter({ hasText: '1,250.00' })
      .waitFor();
    expect(await page.getByTestId('accounts-networth').innerText()).toContain('1,000.00');
    expect(await page.getByTestId('nav-networth').innerText()).toContain('1,000.00');
    await page.getByTestId('networth-chart').locator('svg').waitFor();
    await expectAccessible(page, 'accounts page');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'accounts.png'), fullPage: true });

    await page.getByTestId('nav-dashboard').click();
    const card = page.getByTestId('card-accounts');
    await card.filter({ hasText: 'Savings' }).filter({ hasText: '1,250.00' }).waitFor();
    expect(await page.getByTestId('dashboard-networth').innerText()).toContain('1,000.00');
  }, 60_000);

  it('clears a row in the register and reconciles once the statement agrees', async () => {
    await page.getByTestId('nav-account').filter({ hasText: 'Savings' }).click();
    await page.getByTestId('page-register').waitFor();
    savingsUrl = page.url();
    const transfer = page.getByTestId('register-row').filter({ hasText: 'Monthly saving' });
    expect(await transfer.getByTestId('register-row-balance').innerText()).toContain('1,250.00');
    await transfer.getByTestId('register-status').click();
    await transfer.getByTestId('register-status').filter({ hasText: 'Cleared' }).waitFor();
    await page.getByTestId('register-cleared').filter({ hasText: '1,250.00' }).waitFor();
    await expectAccessible(page, 'register');

    await page.getByTestId('reconcile').click();
    const dialog = page.getByTestId('reconcile-dialog');
    await dialog.getByTestId('reconcile-balance').fill('1200');
    await dialog.getByTestId('reconcile-difference').filter({ hasText: '50.00' }).waitFor();
    expect(await dialog.getByTestId('reconcile-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('reconcile-balance').fill('1250');
    await dialog.getByTestId('reconcile-difference').filter({ hasText: 'agree' }).waitFor();
    await expectAccessible(page, 'reconcile dialog');
    await page.screenshot({ path: join(shots, 'reconcile.png') });
    await dialog.getByTestId('reconcile-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await transfer.getByTestId('register-status').filter({ hasText: 'Reconciled' }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'register.png'), fullPage: true });
  }, 60_000);

  it('files an expense under an account, and asks before changing it once reconciled', async () => {
    await page.getByTestId('nav-expenses').click();
    await page.getByTestId('add-transaction').click();
    const form = page.getByTestId('transaction-dialog');
    await form.getByTestId('tx-amount').fill('10');
    await form.getByTestId('tx-category').selectOption('Food');
    await form.getByTestId('tx-account').selectOption({ label: 'Savings' });
    await form.getByTestId('tx-note').fill('Bakery');
    await form.getByTestId('tx-save').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('filter-account').selectOption({ label: 'Main account' });
    await page.getByText('Nothing matches these filters').waitFor();
    await page.getByTestId('filter-account').selectOption({ label: 'Savings' });
    const expense = page.getByTestId('transaction-row').filter({ hasText: 'Bakery' });
    await expense.waitFor();

    await page.goto(savingsUrl);
    const row = page.getByTestId('register-row').filter({ hasText: 'Bakery' });
    await row.getByTestId('register-status').click();
    await page.getByTestId('register-cleared').filter({ hasText: '1,240.00' }).waitFor();
    await page.getByTestId('reconcile').click();
    await page.getByTestId('reconcile-balance').fill('1240');
    await page.getByTestId('reconcile-confirm').click();
    await row.getByTestId('register-status').filter({ hasText: 'Reconciled' }).waitFor();

    await page.getByTestId('nav-expenses').click();
    await expense.click();
    await form.getByTestId('tx-amount').fill('11');
    await form.getByTestId('tx-save').click();
    const question = page.getByTestId('confirm-dialog');
    await question.waitFor();
    await expectAccessible(page, 'reconciled row question');
    await question.getByTestId('confirm-yes').click();
    await form.waitFor({ state: 'detached' });
    await expense.filter({ hasText: '11.00' }).waitFor();
  }, 60_000);

  /** Whether the app behind the dialogs is inert (dialogs live beside it, under <body>). */
  const appInert = () => page.evaluate("document.getElementById('root').inert") as Promise<boolean>;
  const fitsDesktop = async (what: string) =>
    expect(await page.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(
      DESKTOP.width,
    );
  const navAccount = (name: string) => page.getByTestId('nav-account').filter({ hasText: name });

  it('edits a transfer from the register, by keyboard: both balances follow; then deletes it', async () => {
    await page.goto(savingsUrl);
    await page.getByTestId('register-balance').filter({ hasText: '1,239.00' }).waitFor();
    await page.getByTestId('register-transfer').click();
    const dialog = page.getByTestId('transfer-dialog');
    await dialog.getByTestId('transfer-to').selectOption({ label: 'Main account' });
    await dialog.getByTestId('transfer-amount').fill('100');
    await dialog.getByTestId('transfer-note').fill('Back to main');
    await dialog.getByTestId('transfer-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('register-balance').filter({ hasText: '1,139.00' }).waitFor();
    await navAccount('Main account').filter({ hasText: '150.00' }).waitFor();

    const row = page.getByTestId('register-row').filter({ hasText: 'Back to main' });
    await row.getByRole('button', { name: /^Edit Back to main of / }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('heading', { name: 'Edit transfer' }).waitFor();
    expect(await dialog.getByTestId('transfer-amount').inputValue()).toBe('100.00');
    expect(await dialog.getByTestId('transfer-note').inputValue()).toBe('Back to main');
    expect(await appInert()).toBe(true);
    expect(await page.evaluate('getComputedStyle(document.body).overflow')).toBe('hidden');
    // Tab goes round the dialog only (past its last field, out to the browser and back in): the page is inert.
    const outside = "[...document.querySelectorAll('#root a, #root button, #root input, #root select')]";
    const inDialog = `(() => { const a = document.activeElement;
      return a && a !== document.body ? !!a.closest('[role=dialog]') : null; })()`;
    expect(await page.evaluate(`${outside}.length`)).toBeGreaterThan(5);
    let tabbedIn = 0;
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const where = (await page.evaluate(inDialog)) as boolean | null;
      expect(where, `tab ${i}`).not.toBe(false);
      if (where) tabbedIn++;
    }
    expect(tabbedIn).toBeGreaterThan(10);
    await expectAccessible(page, 'transfer edit dialog');
    await fitsDesktop('transfer edit dialog over the register');
    await dialog.getByTestId('transfer-amount').fill('40');
    await dialog.getByTestId('transfer-save').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await appInert()).toBe(false);
    await page.getByTestId('register-balance').filter({ hasText: '1,199.00' }).waitFor();
    await row.filter({ hasText: '40.00' }).waitFor();
    await navAccount('Main account').filter({ hasText: '210.00' }).waitFor();
    await navAccount('Savings').filter({ hasText: '1,199.00' }).waitFor();
    expect(await page.getByTestId('nav-networth').innerText()).toContain('989.00');

    await row.locator('td').first().click();
    await dialog.getByTestId('transfer-delete').click();
    await dialog.getByTestId('transfer-confirm-delete').click();
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('register-balance').filter({ hasText: '1,239.00' }).waitFor();
    await navAccount('Main account').filter({ hasText: '250.00' }).waitFor();
  }, 60_000);

  it('edits a reconciled expense from the register once the person says yes', async () => {
    const row = page.getByTestId('register-row').filter({ hasText: 'Bakery' });
    await row.getByTestId('register-status').filter({ hasText: 'Reconciled' }).waitFor();
    await row.locator('td').first().click();
    const form = page.getByTestId('transaction-dialog');
    await form.getByRole('heading', { name: 'Edit expense' }).waitFor();
    expect(await form.getByTestId('tx-amount').inputValue()).toBe('11.00');
    await form.getByTestId('tx-amount').fill('12');
    await form.getByTestId('tx-save').click();
    const question = page.getByTestId('confirm-dialog');
    await question.waitFor();
    // The form under the question is shut too, and opens again when the question closes.
    const formLayerInert =
      "document.querySelector('[data-testid=transaction-dialog]').closest('.modal-backdrop').inert";
    expect(await page.evaluate(formLayerInert)).toBe(true);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await page.evaluate(formLayerInert)).toBe(false);
    expect(await appInert()).toBe(true);
    await page.getByTestId('register-balance').filter({ hasText: '1,239.00' }).waitFor();

    await form.getByTestId('tx-save').click();
    await question.waitFor();
    await expectAccessible(page, 'reconciled row question over the register');
    await question.getByTestId('confirm-yes').click();
    await form.waitFor({ state: 'detached' });
    await row.filter({ hasText: '12.00' }).waitFor();
    await page.getByTestId('register-balance').filter({ hasText: '1,238.00' }).waitFor();
    await navAccount('Savings').filter({ hasText: '1,238.00' }).waitFor();
  }, 60_000);

  it('lists recent transfers on the Accounts page, to change or delete, reconciled ones after asking', async () => {
    await page.getByTestId('nav-accounts').click();
    const row = page.getByTestId('transfer-row').filter({ hasText: 'Monthly saving' });
    await row.waitFor();
    expect(await page.getByTestId('transfer-row').count()).toBe(1);
    await expectAccessible(page, 'accounts page with its transfers');
    await fitsDesktop('accounts page with its transfers');
    await row.getByTestId('transfer-edit').click();
    const dialog = page.getByTestId('transfer-dialog');
    await dialog.getByTestId('transfer-amount').fill('260');
    await dialog.getByTestId('transfer-save').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-yes').click();
    await dialog.waitFor({ state: 'detached' });
    const account = (name: string) => page.getByTestId('account-row').filter({ hasText: name });
    await account('Savings').filter({ hasText: '1,248.00' }).waitFor();
    await account('Main account').filter({ hasText: '260.00' }).waitFor();
    await row.filter({ hasText: '260.00' }).waitFor();

    await row.click();
    await dialog.getByTestId('transfer-delete').click();
    await dialog.getByText('Delete this reconciled transfer?').waitFor();
    await dialog.getByTestId('transfer-confirm-delete').click();
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    await account('Savings').filter({ hasText: '988.00' }).waitFor();
    await page.getByText('No transfers yet').waitFor();
    expect(await page.getByTestId('accounts-networth').innerText()).toContain('988.00');

    // One to show on the phone.
    await page.getByTestId('add-transfer').click();
    await dialog.getByTestId('transfer-from').selectOption({ label: 'Main account' });
    await dialog.getByTestId('transfer-to').selectOption({ label: 'Savings' });
    await dialog.getByTestId('transfer-amount').fill('30');
    await dialog
      .getByTestId('transfer-note')
      .fill('A rather long note about the money set aside for the holidays');
    await dialog.getByTestId('transfer-save').click();
    await page.getByTestId('transfer-row').filter({ hasText: 'holidays' }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shots, 'accounts-transfers.png'), fullPage: true });
  }, 60_000);

  it('closes a dialog with Escape and gives focus back', async () => {
    await page.goto(savingsUrl);
    await page.getByTestId('reconcile').click();
    await page.getByTestId('reconcile-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('reconcile-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(FOCUSED)).toBe('reconcile');
  }, 30_000);

  it('works on a 360 px phone: no sideways scrolling, 16 px inputs, nothing serious for axe', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, server.url, USER, PASSWORD);
    const fits = async (what: string) => {
      expect(await phonePage.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectAccessible(phonePage, what);
    };
    await phonePage.getByTestId('card-accounts').filter({ hasText: 'Savings' }).waitFor();
    await fits('dashboard');
    await phonePage.goto(`${server.url}/#/accounts`);
    await phonePage.getByTestId('networth-chart').locator('svg').waitFor();
    await phonePage.getByTestId('transfer-row').first().waitFor();
    await fits('accounts');
    await phonePage.screenshot({ path: join(shots, 'accounts-phone.png'), fullPage: true });
    await phonePage.getByTestId('transfer-edit').first().click();
    await phonePage.getByTestId('transfer-delete').waitFor();
    await fits('transfer edit dialog');
    await phonePage.keyboard.press('Escape');
    await phonePage.getByTestId('transfer-dialog').waitFor({ state: 'detached' });
    await phonePage.goto(savingsUrl);
    await phonePage.getByTestId('register-row').first().waitFor();
    await fits('register');
    await phonePage.screenshot({ path: join(shots, 'register-phone.png'), fullPage: true });
    await phonePage
      .getByTestId('register-row')
      .filter({ hasText: 'Bakery' })
      .getByTestId('register-edit')
      .click();
    await phonePage.getByTestId('tx-delete').waitFor();
    await fits('register row edit');
    await phonePage.screenshot({ path: join(shots, 'register-edit-phone.png') });
    await phonePage.keyboard.press('Escape');
    await phonePage.getByTestId('transaction-dialog').waitFor({ state: 'detached' });
    await phonePage.getByTestId('reconcile').click();
    await phonePage.getByTestId('reconcile-dialog').waitFor();
    await fits('reconcile dialog');
    const sizes = (await phonePage.evaluate(
      "[...document.querySelectorAll('.modal input, .modal select, .modal textarea')]" +
        '.map((e) => parseFloat(getComputedStyle(e).fontSize))',
    )) as number[];
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(16);
    await phonePage.keyboard.press('Escape');
    await phonePage.goto(`${server.url}/#/expenses`);
    await phonePage.getByTestId('add-transaction').click();
    await phonePage.getByTestId('tx-account').waitFor();
    await fits('transaction form');
    await phonePage.keyboard.press('Escape');
    await phonePage.getByTestId('transaction-row').first().waitFor();
    await fits('expenses');
    await phonePage.goto(`${server.url}/#/import`);
    await phonePage.getByTestId('import-account').waitFor();
    await fits('import');
    await phone.close();
  }, 180_000);
});
