/**
 * Split transactions in the web UI, in headless Chromium against a real `pfm serve`: an expense is split in the
 * form, which shows what is left to assign as one types and refuses to save parts that do not add up; the
 * table shows the row as "Split" with its parts; at desktop size and on a 360 px phone, with no sideways
 * scrolling and axe-core finding nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import { openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`split end-to-end tests skipped: ${reason}`);

const USER = 'sasha';
const PASSWORD = 'e2e-splits-password';
const WIDE = 1280;
const NARROW = 360;

describe.skipIf(reason !== null)(
  'split transactions in the web UI (headless Chromium, real pfm serve)',
  () => {
    let world: BrowserWorld;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      world = await openBrowserWorld('pfm-e2e-splits-');
      browser = world.browser;
      page = await browser.newPage({
        viewport: { width: WIDE, height: 900 },
        locale: 'en-US',
        bypassCSP: true,
      });
      await signIn(page, world.server.url, USER, PASSWORD, true);
    }, 180_000);

    afterAll(() => world?.close(), 60_000);

    it('splits an expense in the form: what is left shows live, and parts that do not add up are refused', async () => {
      await page.getByTestId('nav-expenses').click();
      await page.getByTestId('add-transaction').click();
      const dialog = page.getByTestId('transaction-dialog');
      await dialog.getByTestId('tx-amount').fill('20');
      await dialog.getByTestId('tx-category').selectOption('Food');
      await dialog.getByTestId('tx-note').fill('Market run');
      await dialog.getByTestId('tx-split').click();

      const parts = dialog.getByTestId('split-part');
      expect(await parts.count()).toBe(2);
      expect(await dialog.getByTestId('tx-category').isVisible()).toBe(false);
      // The first part starts in the category chosen before splitting.
      expect(await parts.nth(0).getByTestId('split-category').inputValue()).toBe('Food');
      await parts.nth(0).getByTestId('split-amount').fill('12.50');
      await expect.poll(() => dialog.getByTestId('split-left').innerText()).toMatch(/7\.50 left to assign/);
      await parts.nth(1).getByTestId('split-category').selectOption('Transport');
      await parts.nth(1).getByTestId('split-amount').fill('7');
      await parts.nth(1).getByTestId('split-note').fill('bus');
      await expect.poll(() => dialog.getByTestId('split-left').innerText()).toMatch(/0\.50 left to assign/);
      await expectFits(page, WIDE, 'split form');

      await dialog.getByTestId('tx-save').click();
      await dialog.getByTestId('split-error').filter({ hasText: 'add up to the amount' }).waitFor();
      expect(await dialog.isVisible()).toBe(true);

      await parts.nth(1).getByTestId('split-amount').fill('7.50');
      await expect.poll(() => dialog.getByTestId('split-left').innerText()).toBe('All of it is assigned');
      await dialog.getByTestId('tx-save').click();
      await dialog.waitFor({ state: 'detached' });

      const row = page.getByTestId('transaction-row').filter({ hasText: 'Market run' });
      const cell = row.getByTestId('split-cell');
      await cell.waitFor();
      expect(await cell.innerText()).toMatch(/Split[\s\S]*Food \S*12\.50 · Transport \S*7\.50/);
      await expectFits(page, WIDE, 'expenses with a split row');
    }, 90_000);

    it('reopens the split for editing, and removing the split files it under one category', async () => {
      const row = page.getByTestId('transaction-row').filter({ hasText: 'Market run' });
      await row.click();
      const dialog = page.getByTestId('transaction-dialog');
      expect(await dialog.getByTestId('split-part').count()).toBe(2);
      expect(await dialog.getByTestId('split-left').innerText()).toBe('All of it is assigned');
      await dialog.getByTestId('split-remove-all').click();
      expect(await dialog.getByTestId('tx-category').inputValue()).toBe('Food');
      await dialog.getByTestId('tx-save').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => row.getByTestId('split-cell').count()).toBe(0);
      expect(await row.locator('.col-category').innerText()).toBe('Food');
    }, 60_000);

    it('splits in three on a 360 px phone, and the table shows the parts there', async () => {
      const phone = await browser.newContext({
        viewport: { width: NARROW, height: 740 },
        locale: 'en-US',
        isMobile: true,
        hasTouch: true,
        bypassCSP: true,
      });
      const phonePage = await phone.newPage();
      await signIn(phonePage, world.server.url, USER, PASSWORD);
      await phonePage.locator('.bottom-nav').getByRole('link', { name: 'Expenses' }).click();
      await phonePage.getByTestId('add-transaction').click();
      const dialog = phonePage.getByTestId('transaction-dialog');
      await dialog.getByTestId('tx-amount').fill('30');
      await dialog.getByTestId('tx-note').fill('Phone split');
      await dialog.getByTestId('tx-split').click();
      await dialog.getByTestId('split-add').click();
      const parts = dialog.getByTestId('split-part');
      expect(await parts.count()).toBe(3);
      const fill = async (i: number, category: string, amount: string) => {
        await parts.nth(i).getByTestId('split-category').selectOption(category);
        await parts.nth(i).getByTestId('split-amount').fill(amount);
      };
      await fill(0, 'Food', '10');
      await fill(1, 'Transport', '15');
      await fill(2, 'Food', '5');
      await expect.poll(() => dialog.getByTestId('split-left').innerText()).toBe('All of it is assigned');
      await expectFits(phonePage, NARROW, 'split form on a phone');
      await dialog.getByTestId('tx-save').click();
      await dialog.waitFor({ state: 'detached' });
      const cell = phonePage
        .getByTestId('transaction-row')
        .filter({ hasText: 'Phone split' })
        .getByTestId('split-cell');
      await cell.waitFor();
      expect(await cell.getByTestId('split-parts').isVisible()).toBe(true);
      expect(await cell.innerText()).toMatch(/Food \S*10\.00 · Transport \S*15\.00 · Food \S*5\.00/);
      await expectFits(phonePage, NARROW, 'expenses with split rows on a phone');
      await phone.close();
    }, 120_000);
  },
);
