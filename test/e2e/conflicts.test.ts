/**
 * A conflict in the web UI, in headless Chromium against two real `pfm serve` devices sharing one central
 * store: the same expense's note and amount are changed on both, and after both sync the device whose edit lost
 * lists the conflict naming the expense (its day, amount and note) with both values formatted, and restores it.
 * At desktop size and on a 360 px phone: every action on screen without sideways scrolling, and axe-core finds
 * nothing serious.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFits } from '../support/axe.js';
import {
  apiClient,
  ensureWebBuilt,
  launchBrowser,
  signIn,
  skipReason,
  startServer,
  type Server,
} from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`conflicts end-to-end tests skipped: ${reason}`);

const USER = 'quinn';
const PASSWORD = 'e2e-conflicts-password';
const WIDE = 1280;
const NARROW = 360;

describe.skipIf(reason !== null)(
  'conflicts in the web UI (headless Chromium, two real pfm serve devices)',
  () => {
    let dir: string;
    let browser: Browser;
    let a: Server;
    let b: Server;
    let contextB: BrowserContext;
    let pageA: Page;
    let pageB: Page;

    const syncNow = async (page: Page) => {
      await page.getByTestId('nav-sync').click();
      await page.getByTestId('sync-now').click();
      await page.getByTestId('sync-status').filter({ hasText: 'Success' }).waitFor({ timeout: 120_000 });
    };

    beforeAll(async () => {
      ensureWebBuilt();
      dir = mkdtempSync(join(tmpdir(), 'pfm-e2e-conflicts-'));
      const central = `sqlite:${join(dir, 'central.db')}`;
      [browser, a, b] = await Promise.all([
        launchBrowser(),
        startServer(join(dir, 'a'), central),
        startServer(join(dir, 'b'), central),
      ]);
      pageA = await browser.newPage({
        viewport: { width: WIDE, height: 800 },
        locale: 'en-US',
        bypassCSP: true,
      });
      await signIn(pageA, a.url, USER, PASSWORD, true);
    }, 240_000);

    afterAll(async () => {
      await browser?.close().catch(() => undefined);
      await Promise.all([a?.stop(), b?.stop()]);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('lists a conflicting edit by the expense it is about, formatted, and restores it', async () => {
      const apiA = await apiClient(pageA, a.url);
      const made = (await apiA.post('/api/expenses', {
        amount: '12.50',
        date: '2026-11-20',
        category: 'Food',
        note: 'Market',
      })) as { expense: { id: string } };
      const id = made.expense.id;
      await syncNow(pageA);

      contextB = await browser.newContext({
        viewport: { width: WIDE, height: 800 },
        locale: 'en-US',
        bypassCSP: true,
      });
      pageB = await contextB.newPage();
      await signIn(pageB, b.url, USER, PASSWORD);
      await syncNow(pageB);
      const apiB = await apiClient(pageB, b.url);
      // B edits first, A later: A's edit wins, and B's is the one kept as a conflict on B.
      await apiB.patch(`/api/expenses/${id}`, { note: 'Market (B)', amount: '13.00' });
      await new Promise((r) => setTimeout(r, 20));
      await apiA.patch(`/api/expenses/${id}`, { note: 'Farmers market', amount: '14.75' });
      await syncNow(pageA);
      await syncNow(pageB);

      const rows = pageB.getByTestId('conflict-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      // Each names the expense as it is now: its day, amount and note.
      for (const subject of await pageB.getByTestId('conflict-subject').allInnerTexts()) {
        expect(subject).toBe('Nov 20, 2026 · $14.75 · Farmers market');
      }
      const amountRow = rows.filter({ hasText: '$13.00' });
      expect(await amountRow.innerText()).toContain('$14.75');
      await expectFits(pageB, WIDE, 'sync page with conflicts');

      await pageB.setViewportSize({ width: NARROW, height: 800 });
      await pageB.getByTestId('conflicts-table').waitFor();
      await expectFits(pageB, NARROW, 'sync page with conflicts on a phone');
      // Every action is on screen on a phone, not beyond its right edge.
      for (const button of await pageB.getByTestId('conflict-restore').all()) {
        const box = await button.boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(NARROW);
      }

      await amountRow.getByTestId('conflict-restore').click();
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
      const restored = (await apiB.get(`/api/expenses/${id}`)) as { expense: { amount: number } };
      expect(restored.expense.amount).toBe(1300);
    }, 600_000);
  },
);
