/**
 * Dark mode in the web UI, in headless Chromium against a real `pfm serve`: it follows the system's
 * prefers-color-scheme, the theme switch (System, Light, Dark) overrides it and is remembered after a reload, and
 * axe-core finds nothing serious (contrast above all) on the sign-in page and a few pages in dark, at desktop size
 * and on a 360 px phone (whose switch is in the More menu).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.js';
import { apiClient, openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`dark-mode end-to-end tests skipped: ${reason}`);

const USER = 'dana';
const PASSWORD = 'e2e-dark-mode-password';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
/** The pages checked: what most people open, with lists, forms, badges, charts and alerts between them. */
const PAGES = [
  ['/', 'page-dashboard'],
  ['/expenses', 'page-expenses'],
  ['/budgets', 'page-budgets'],
  ['/sync', 'page-sync'],
] as const;

const today = () => new Date().toLocaleDateString('sv');

/** The page's background colour, as the browser computed it. */
const background = (page: Page) => page.evaluate('getComputedStyle(document.body).backgroundColor');
const DARK_BG = 'rgb(15, 17, 32)';
const LIGHT_BG = 'rgb(244, 245, 250)';

describe.skipIf(reason !== null)('dark mode in the web UI (headless Chromium, real pfm serve)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(viewport: typeof DESKTOP, colorScheme: 'light' | 'dark'): Promise<Page> {
    const context = await browser.newContext({ viewport, colorScheme, locale: 'en-US', bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-dark-mode-');
    browser = world.browser;
    const page = await open(DESKTOP, 'light');
    await signIn(page, world.server.url, USER, PASSWORD, true);
    const api = await apiClient(page, world.server.url);
    const month = today().slice(0, 7);
    await api.post('/api/income', { amount: '2500.00', date: today(), category: 'Salary', note: 'Salary' });
    await api.post('/api/expenses', { amount: '64.20', date: today(), category: 'Food', note: 'Groceries' });
    await api.post('/api/expenses', { amount: '120.00', date: today(), category: 'Shopping', note: 'Shoes' });
    await api.post('/api/budgets', { category: 'Shopping', month, limit: '100' });
    await api.post('/api/budgets', { category: 'Food', month, limit: '400' });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await world?.close();
  }, 60_000);

  const fits = async (page: Page, width: number, what: string) => {
    // After a route change the sidebar's links are still fading: wait, so that none is cut short mid-check.
    await page.waitForFunction('document.getAnimations().length === 0');
    expect(await page.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(width);
    expect(await seriousAxeViolations(page), what).toEqual([]);
  };

  it('follows a dark system setting, with AA contrast everywhere, on the desktop', async () => {
    const page = await open(DESKTOP, 'dark');
    await page.goto(`${world.server.url}/`);
    await page.getByTestId('login-form').waitFor();
    expect(await background(page)).toBe(DARK_BG);
    await fits(page, DESKTOP.width, 'sign-in page, dark');
    await signIn(page, world.server.url, USER, PASSWORD);
    for (const [path, testId] of PAGES) {
      await page.goto(`${world.server.url}/#${path}`);
      await page.getByTestId(testId).waitFor();
      await page.waitForLoadState('networkidle');
      await fits(page, DESKTOP.width, `${path} at ${DESKTOP.width} px, dark`);
    }
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('system');
  }, 120_000);

  it('follows a dark system setting, with AA contrast everywhere, on a phone', async () => {
    const page = await open(PHONE, 'dark');
    await signIn(page, world.server.url, USER, PASSWORD);
    for (const [path, testId] of PAGES) {
      await page.goto(`${world.server.url}/#${path}`);
      await page.getByTestId(testId).waitFor();
      await page.waitForLoadState('networkidle');
      await fits(page, PHONE.width, `${path} at ${PHONE.width} px, dark`);
    }
    await page.getByRole('button', { name: 'More' }).click();
    await page.locator('#more-menu').getByTestId('theme-switch').waitFor();
    await fits(page, PHONE.width, `More menu at ${PHONE.width} px, dark`);
  }, 120_000);

  it('is switched by hand, overriding the system, and remembered after a reload', async () => {
    const page = await open(DESKTOP, 'light');
    await signIn(page, world.server.url, USER, PASSWORD);
    expect(await background(page)).toBe(LIGHT_BG);
    await fits(page, DESKTOP.width, 'dashboard, light');

    await page.getByTestId('theme-switch').selectOption('dark');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await background(page)).toBe(DARK_BG);
    await page.reload();
    await page.getByTestId('page-dashboard').waitFor();
    expect(await background(page)).toBe(DARK_BG);
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('dark');
    await page.waitForLoadState('networkidle');
    await fits(page, DESKTOP.width, 'dashboard, dark by choice');

    await page.getByTestId('theme-switch').selectOption('system');
    expect(await background(page)).toBe(LIGHT_BG);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page)).toBe(DARK_BG);
    await page.getByTestId('theme-switch').selectOption('light');
    expect(await background(page)).toBe(LIGHT_BG);
    await page.reload();
    await page.getByTestId('page-dashboard').waitFor();
    expect(await background(page)).toBe(LIGHT_BG);
  }, 120_000);
});
