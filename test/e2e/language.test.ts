/**
 * The web UI in the reader's language, in headless Chromium against a real `pfm serve`: a user whose browser and
 * saved locale are German reads German words with German dates and numbers; the Language switch changes the
 * page at once, is saved to the user (so it survives a reload and follows them to another browser), and the
 * German pages pass axe at 1440 px and on a 360 px phone. An amount typed with the wrong decimal mark says which
 * one to use.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`language end-to-end tests skipped: ${reason}`);

const USER = 'greta';
const PASSWORD = 'e2e-language-password';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const PAGES = [
  ['/', 'page-dashboard'],
  ['/expenses', 'page-expenses'],
  ['/budgets', 'page-budgets'],
  ['/schedules', 'page-schedules'],
  ['/sync', 'page-sync'],
] as const;

const today = () => new Date().toLocaleDateString('sv');
const longMonth = (locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(new Date());

describe.skipIf(reason !== null)(
  'the web UI in English and German (headless Chromium, real pfm serve)',
  () => {
    let world: BrowserWorld;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    async function open(locale: string, viewport: typeof WIDE = WIDE): Promise<Page> {
      const context = await browser.newContext({ viewport, locale, bypassCSP: true });
      contexts.push(context);
      return context.newPage();
    }

    const visit = async (page: Page, path: string, testId: string) => {
      await page.goto(`${world.server.url}/#${path}`);
      await page.getByTestId(testId).waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForFunction('document.getAnimations().length === 0');
    };

    beforeAll(async () => {
      world = await openBrowserWorld('pfm-e2e-language-');
      browser = world.browser;
      // Registered from a German browser: the account's locale is de-DE and its currency EUR.
      const page = await open('de-DE');
      await signIn(page, world.server.url, USER, PASSWORD, true);
      const api = await apiClient(page, world.server.url);
      await api.post('/api/expenses', {
        amount: '1234.50',
        date: today(),
        category: 'Food',
        note: 'Wocheneinkauf',
      });
      await api.post('/api/budgets', { category: 'Food', month: today().slice(0, 7), limit: '2000' });
    }, 180_000);

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await world?.close();
    }, 60_000);

    it('shows German words, dates and numbers to a German user', async () => {
      const page = await open('de-DE');
      await signIn(page, world.server.url, USER, PASSWORD);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate('document.documentElement.lang')).toBe('de');
      expect(await page.getByTestId('nav-expenses').innerText()).toBe('Ausgaben');
      expect(await page.getByTestId('quick-add-expense').innerText()).toBe('Ausgabe hinzufügen');
      // The dashboard's cards fill in when its one request answers.
      await page.getByTestId('recent-expense').first().waitFor();
      const dashboard = await page.getByTestId('page-dashboard').innerText();
      expect(dashboard).toContain(`So sieht ${longMonth('de-DE')} bisher aus.`);
      expect(dashboard).toContain('Letzte Ausgaben');
      const recent = await page.getByTestId('recent-expense').first().innerText();
      expect(recent).toContain('1.234,50');
      expect(recent).toContain(
        new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(`${today()}T00:00:00Z`),
        ),
      );
      expect(await page.getByTestId('language-switch').inputValue()).toBe('de');
    }, 120_000);

    it('switches to English at once, saves it to the user and keeps it after a reload', async () => {
      const page = await open('de-DE');
      await signIn(page, world.server.url, USER, PASSWORD);
      await page.getByTestId('language-switch').selectOption('en');
      await page.getByText('Recent expenses').waitFor();
      expect(await page.getByTestId('nav-expenses').innerText()).toBe('Expenses');
      // English words with the user's German region: the month is English, and so is the whole page.
      expect(await page.getByTestId('page-dashboard').innerText()).toContain(
        `Here is ${longMonth('en-DE')} so far.`,
      );
      const api = await apiClient(page, world.server.url);
      await expect
        .poll(async () => ((await api.get('/api/session')) as { user: { locale: string } }).user.locale)
        .toBe('en-DE');

      await page.reload();
      await page.getByTestId('page-dashboard').waitFor();
      await page.getByText('Recent expenses').waitFor();
      expect(await page.getByTestId('nav-expenses').innerText()).toBe('Expenses');
      expect(await page.getByTestId('language-switch').inputValue()).toBe('en');

      await page.getByTestId('language-switch').selectOption('de');
      await page.getByText('Letzte Ausgaben').waitFor();
      await expect
        .poll(async () => ((await api.get('/api/session')) as { user: { locale: string } }).user.locale)
        .toBe('de-DE');

      // The choice belongs to the user: an English browser that signs in as them reads German.
      const elsewhere = await open('en-US');
      await signIn(elsewhere, world.server.url, USER, PASSWORD);
      await elsewhere.getByText('Letzte Ausgaben').waitFor();
      expect(await elsewhere.getByTestId('nav-expenses').innerText()).toBe('Ausgaben');
    }, 150_000);

    it('passes axe in German at 1440 px and on a 360 px phone, without sideways scrolling', async () => {
      const wide = await open('de-DE', WIDE);
      await signIn(wide, world.server.url, USER, PASSWORD);
      for (const [path, testId] of PAGES) {
        await visit(wide, path, testId);
        await expectFits(wide, WIDE.width, `${path} in German at ${WIDE.width} px`);
      }
      const phone = await open('de-DE', PHONE);
      await signIn(phone, world.server.url, USER, PASSWORD);
      for (const [path, testId] of PAGES) {
        await visit(phone, path, testId);
        await expectFits(phone, PHONE.width, `${path} in German at ${PHONE.width} px`);
      }
      await phone.getByRole('button', { name: 'Mehr' }).click();
      await phone.locator('#more-menu').getByTestId('language-switch').waitFor();
      await expectFits(phone, PHONE.width, `the Mehr menu in German at ${PHONE.width} px`);
    }, 240_000);

    it('says which decimal mark to use when an amount is typed the other way', async () => {
      const page = await open('en-US');
      await signIn(page, world.server.url, 'ernest', PASSWORD, true);
      await page.getByTestId('quick-add-expense').click();
      await page.getByTestId('tx-amount').fill('12,50');
      await page.getByTestId('tx-save').click();
      await page.getByText('Use a dot for decimals, like 12.50').waitFor();
    }, 120_000);
  },
);
