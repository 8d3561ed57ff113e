import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, skipReason, startServer } from '../test/support/browser.js';
import { summarize, type Summary } from './stats.js';

export interface BrowserRegister {
  /** From the click on "Create account" to the dashboard on screen. */
  readonly clickToDashboard: Summary;
  /** From opening the page to the dashboard on screen, filling the form included. */
  readonly openToDashboard: Summary;
}

/**
 * Registering through the web UI in headless Chromium against `pfm serve` (default SQLite central store, a new
 * data folder), as a person does; null where no Chromium is installed.
 */
export async function measureBrowserRegister(runs: number): Promise<BrowserRegister | null> {
  if (skipReason() !== null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'pfm-bench-register-'));
  const [browser, server] = await Promise.all([
    launchBrowser(),
    startServer(join(dir, 'device'), `sqlite:${join(dir, 'central.db')}`),
  ]);
  try {
    const click: number[] = [];
    const open: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${server.url}/`);
      await page.getByTestId('tab-register').click();
      await page.getByTestId('auth-name').fill(`bench${i}`);
      await page.getByTestId('auth-password').fill('bench password 1');
      const t1 = performance.now();
      await page.getByTestId('auth-submit').click();
      await page.getByTestId('page-dashboard').waitFor({ timeout: 60_000 });
      const t2 = performance.now();
      if (i > 0) {
        // The first run warms the server and the browser up.
        click.push(t2 - t1);
        open.push(t2 - t0);
      }
      await context.close();
    }
    return { clickToDashboard: summarize(click), openToDashboard: summarize(open) };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
