/**
 * Opening the web UI in a browser that was signed in: the page's data requests start alongside the session
 * check rather than one round trip after it; and when the session is gone, the sign-in page shows without any
 * error or glimpse of the app. Headless Chromium against a real `pfm serve`.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserWorld, signIn, skipReason, type BrowserWorld } from '../support/browser.js';

const reason = skipReason();
if (reason) console.warn(`first-load end-to-end tests skipped: ${reason}`);

/** Held back this long, the session check is plainly slower than the data requests made beside it. */
const SESSION_DELAY_MS = 600;

// Runs in the page from its first script on: notes anything of the app or any error that becomes visible.
const WATCH_FOR_FLASHES = `
  window.__seen = [];
  const look = () => {
    for (const [what, selector] of [['app', '.shell'], ['error', '[role="alert"], .form-error']]) {
      for (const el of document.querySelectorAll(selector)) {
        if (el.checkVisibility() && !window.__seen.includes(what)) window.__seen.push(what);
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
`;

describe.skipIf(reason !== null)('opening the web UI (headless Chromium, real pfm serve)', () => {
  let world: BrowserWorld;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    world = await openBrowserWorld('pfm-e2e-first-load-');
    browser = world.browser;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await signIn(page, world.server.url, 'quinn', 'e2e-first-load-password', true);
  }, 180_000);

  afterAll(() => world?.close(), 60_000);

  it("loads the dashboard's data while the session is still being checked, once", async () => {
    await page.route('**/api/session', async (route) => {
      await new Promise((r) => setTimeout(r, SESSION_DELAY_MS));
      await route.continue();
    });
    const finished: { url: string; at: number }[] = [];
    const started: string[] = [];
    const onRequest = (r: Request) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) started.push(url.pathname);
    };
    page.on('request', onRequest);
    const onFinished = (r: Request) => {
      const url = new URL(r.url());
      finished.push({ url: url.pathname + url.search, at: Date.now() });
    };
    page.on('requestfinished', onFinished);
    try {
      await page.reload();
      await page.getByTestId('page-dashboard').getByText('quinn').first().waitFor();
      await page.getByTestId('card-coming-up').filter({ hasText: 'Nothing scheduled' }).waitFor();
    } finally {
      page.off('requestfinished', onFinished);
      page.off('request', onRequest);
      await page.unroute('**/api/session');
    }
    // What the page loaded before the reload may still be finishing: only what follows the new document counts.
    const after = finished.slice(finished.findIndex((f) => f.url === '/'));
    const session = after.find((f) => f.url === '/api/session');
    const dashboard = after.filter((f) => f.url.startsWith('/api/dashboard'));
    expect(session).toBeDefined();
    // The whole page came in one answer, before the (held back) session check: it did not wait for it.
    expect(dashboard.map((d) => d.url)).toEqual([
      expect.stringMatching(/^\/api\/dashboard\?month=\d{4}-\d{2}$/),
    ]);
    expect(dashboard[0]?.at).toBeLessThan(session?.at ?? 0);
    // The session check leaves first, the dashboard's request beside it; showing the app kept that answer, and
    // no card, nor the sidebar, asked for its part again.
    const asked = started.slice(started.lastIndexOf('/api/session'));
    expect(asked).toEqual(['/api/session', '/api/dashboard']);
  }, 60_000);

  it('shows the sign-in page, with no error and no glimpse of the app, when the session is gone', async () => {
    await page.addInitScript(WATCH_FOR_FLASHES);
    await page.context().clearCookies();
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    // A few frames more, in case anything shows late.
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__seen')).toEqual([]);
    // Signing in again works and shows the app.
    await page.getByTestId('auth-name').fill('quinn');
    await page.getByTestId('auth-password').fill('e2e-first-load-password');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('page-dashboard').waitFor();
  }, 60_000);
});
