/**
 * `npm run screenshots`
 *
 * Screenshots of every page of the web UI and its main states (tools/screenshots/screenshot-pages.ts), on the
 * demo data, at 1440×900 and on a 360×780 phone, in light and dark: headless Chromium against a real `pfm serve`.
 * A second device on the same central store edits what the first edits, so the Sync page has real conflicts.
 * Writes docs/screenshots/*.png (replacing what was there) and the gallery, docs/screenshots.md. Password fields
 * are masked in every shot.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/commands/demo-commands.js';
import { DEMO_USERS } from '../../src/local/demo-data.js';
import { openDemoWorld, ROOT, signIn, skipReason, type Server } from '../../test/support/browser.js';
import { shotFile, writeGallery, SIZES, THEMES, type Size, type Theme } from './gallery.js';
import { SHOTS, type Shot, type ShotTools } from './screenshot-pages.js';
import { makeConflicts, syncDevice, type Device } from './two-devices.js';

const log = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

const OUT = join(ROOT, 'docs', 'screenshots');
const STATEMENT = join(ROOT, 'test', 'fixtures', 'statements', 'us-checking-bom.csv');

/** The demo user's first account, for the register's route. */
async function firstAccount(page: Page, url: string): Promise<string> {
  const list = (await (await page.request.get(`${url}/api/accounts`)).json()) as { items: { id: string }[] };
  const first = list.items[0];
  if (!first) throw new Error('the demo user has no account');
  return first.id;
}

/** The held sync of a shot, let go once the shot is taken. */
class SyncHold {
  private release: (() => void) | null = null;

  tools(statement: string): ShotTools {
    return {
      statement,
      holdNextSync: async (page) => {
        const gate = new Promise<void>((resolve) => (this.release = resolve));
        await page.route('**/api/sync', async (route) => {
          await gate;
          await route.continue();
        });
      },
    };
  }

  /** Lets a held sync go and waits for it to finish, so the next shot starts from a settled page. */
  async letGo(page: Page): Promise<void> {
    if (!this.release) return;
    this.release();
    this.release = null;
    await page.getByTestId('sync-status').waitFor({ timeout: 120_000 });
    await page.unroute('**/api/sync');
  }
}

async function shoot(
  browser: Browser,
  shot: Shot,
  size: Size,
  theme: Theme,
  device: Device,
  account: string,
): Promise<void> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    colorScheme: theme,
    locale: 'en-US',
    ...(shot.signedOut ? {} : { storageState: device.state }),
  });
  try {
    const page = await context.newPage();
    const hold = new SyncHold();
    await page.goto(`${device.server.url}/#${shot.route.replace(':account', account)}`);
    await page.getByTestId(shot.ready).first().waitFor({ timeout: 60_000 });
    await shot.act?.(page, hold.tools(STATEMENT));
    // Spinners gone, animations and the toasts of a change settled.
    await page
      .locator('.loading')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(400);
    // No shot types a secret; should one, a filled password field is painted over.
    await page.evaluate(
      `document.querySelectorAll('input[type="password"]').forEach((i) => { if (i.value) i.dataset.shotSecret = ''; })`,
    );
    await page.screenshot({
      path: join(OUT, shotFile(shot, size, theme)),
      animations: 'disabled',
      mask: [page.locator('[data-shot-secret]')],
    });
    await hold.letGo(page);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const reason = skipReason();
  if (reason) throw new Error(`screenshots need Chromium: ${reason}`);
  log('the web UI (built if needed), the demo data, two devices');
  const world = await openDemoWorld('pfm-screenshots-', 2);
  const { browser, dir } = world;
  const [a, b] = world.servers as [Server, Server];
  try {
    const user = DEMO_USERS[0].name;
    const devices: Device[] = [];
    for (const [server, name] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await signIn(page, server.url, user, DEMO_PASSWORD);
      const state = join(dir, `state-${name}.json`);
      await page.context().storageState({ path: state });
      await page.close();
      devices.push({ server, state });
      // The second device learns of the demo user from the central store when signing in.
      if (name === 'a') await syncDevice(browser, { server, state });
    }
    const [first, second] = devices as [Device, Device];
    log('a conflict between the two devices');
    await makeConflicts(browser, first, second);
    const context = await browser.newContext({ storageState: first.state });
    const account = await firstAccount(await context.newPage(), a.url);
    await context.close();

    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const shot of SHOTS) {
      log(shot.name);
      for (const size of SIZES) {
        for (const theme of THEMES) {
          await shoot(browser, shot, size, theme, shot.secondDevice ? second : first, account);
        }
      }
    }
    const bytes = readdirSync(OUT).reduce((sum, f) => sum + statSync(join(OUT, f)).size, 0);
    await writeGallery(join(ROOT, 'docs', 'screenshots.md'), SHOTS);
    log(`${readdirSync(OUT).length} screenshots, ${(bytes / 1e6).toFixed(1)} MB, and docs/screenshots.md`);
  } finally {
    await world.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
