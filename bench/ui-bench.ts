/**
 * `npm run bench:ui [-- --runs N] [-- --no-write]`
 *
 * How fast the web UI is for a person, measured in headless Chromium against `pfm serve` on the demo data (the
 * first demo user, a year of finances): a cold load of the dashboard and of the expenses (a new browser context,
 * so nothing is cached, the session cookie aside), moving from page to page, and what the JavaScript weighs as
 * sent. Times come from the page's own clock (Navigation Timing and performance.now()), not from the test
 * runner. Writes docs/ui-benchmark.md. Builds the web UI first when it is missing or older than its sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/cli/commands/demo-commands.js';
import { DEMO_USERS } from '../src/local/demo-data.js';
import {
  ensureWebBuilt,
  launchBrowser,
  pfm,
  signIn,
  skipReason,
  startServer,
} from '../test/support/browser.js';
import { machineInfo } from './machine.js';
import { summarize, type Summary } from './stats.js';
import { writeMarkdown } from './write-doc.js';

const log = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

/** What shows once a page has its data: the place a person starts reading or typing. */
const READY: Readonly<Record<string, string>> = {
  '/': '[data-testid="card-trend"] svg',
  '/expenses': '[data-testid="transaction-row"]',
  '/budgets': '[data-testid="page-budgets"] .card',
  '/reports/categories': '[data-testid="page-reports"] table',
  '/accounts': '[data-testid="page-accounts"] table',
};

interface ColdLoad {
  /** Navigation start to the page's data on screen. */
  readonly ready: Summary;
  /** Navigation Timing's domInteractive: the HTML parsed, the app's script about to run. */
  readonly domInteractive: Summary;
  /** JavaScript as sent (compressed), in bytes. */
  readonly scriptBytes: number;
  /** Every response of the load as sent, in bytes. */
  readonly allBytes: number;
  /** Where the time to data on screen went, phase by phase (medians). */
  readonly phases: Phases;
  /** API requests answered before the data showed. */
  readonly apiRequests: number;
}

/** A cold load's time, from navigation start, in the order it is spent. */
interface Phases {
  /** The HTML and the app's JavaScript arrived (the last script's response end). */
  readonly assets: Summary;
  /** From there to the first API request leaving: the script parsed and run, the first render. */
  readonly start: Summary;
  /** From the first API request leaving to the last answer the page waited for arriving. */
  readonly api: Summary;
  /** The slowest of those requests on its own, the server's time included. */
  readonly slowestRequest: Summary;
  /** From the last answer to the data on screen: rendering. */
  readonly render: Summary;
}

interface LoadTimes {
  now: number;
  interactive: number;
  script: number;
  all: number;
  scriptEnd: number;
  apiStart: number;
  apiEnd: number;
  slowest: number;
  apiCount: number;
}

async function coldLoad(browser: Browser, url: string, state: string, route: string, runs: number) {
  const ready: number[] = [];
  const interactive: number[] = [];
  let scriptBytes = 0;
  let allBytes = 0;
  let apiRequests = 0;
  const phase = {
    assets: [] as number[],
    start: [] as number[],
    api: [] as number[],
    slowest: [] as number[],
    render: [] as number[],
  };
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
    const page = await context.newPage();
    // The page notes the moment its data shows, on its own clock: the test runner's polling adds nothing.
    await page.addInitScript(
      `new MutationObserver(() => { if (!window.__pfmReady && document.querySelector(${JSON.stringify(READY[route])})) ` +
        'window.__pfmReady = performance.now(); }).observe(document, { childList: true, subtree: true });',
    );
    await page.goto(`${url}/#${route}`);
    await page
      .locator(READY[route] as string)
      .first()
      .waitFor({ timeout: 60_000 });
    const t = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
      const api = resources.filter((r) => r.name.includes('/api/') && r.responseEnd <= window.__pfmReady);
      return {
        now: window.__pfmReady,
        interactive: nav.domInteractive,
        script: scripts.reduce((a, r) => a + r.transferSize, 0) + 0,
        all: resources.reduce((a, r) => a + r.transferSize, 0) + nav.transferSize,
        scriptEnd: Math.max(nav.responseEnd, ...scripts.map((r) => r.responseEnd)),
        apiStart: Math.min(...api.map((r) => r.startTime)),
        apiEnd: Math.max(...api.map((r) => r.responseEnd)),
        slowest: Math.max(...api.map((r) => r.responseEnd - r.startTime)),
        apiCount: api.length,
      };
    })()`)) as LoadTimes;
    if (i > 0) {
      // The first load warms the server's caches and the browser's process up.
      ready.push(t.now);
      interactive.push(t.interactive);
      scriptBytes = t.script;
      allBytes = t.all;
      apiRequests = t.apiCount;
      phase.assets.push(t.scriptEnd);
      phase.start.push(t.apiStart - t.scriptEnd);
      phase.api.push(t.apiEnd - t.apiStart);
      phase.slowest.push(t.slowest);
      phase.render.push(t.now - t.apiEnd);
    }
    await context.close();
  }
  return {
    ready: summarize(ready),
    domInteractive: summarize(interactive),
    scriptBytes,
    allBytes,
    apiRequests,
    phases: {
      assets: summarize(phase.assets),
      start: summarize(phase.start),
      api: summarize(phase.api),
      slowestRequest: summarize(phase.slowest),
      render: summarize(phase.render),
    },
  };
}

/** From a click on a navigation link to the next page's data on screen, the page already open. */
async function pageToPage(page: Page, from: string, to: string, runs: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    await page.evaluate(`window.location.hash = ${JSON.stringify(from)}`);
    await page
      .locator(READY[from] as string)
      .first()
      .waitFor({ timeout: 60_000 });
    const start = (await page.evaluate('performance.now()')) as number;
    await page.evaluate(`window.location.hash = ${JSON.stringify(to)}`);
    await page
      .locator(READY[to] as string)
      .first()
      .waitFor({ timeout: 60_000 });
    const end = (await page.evaluate('performance.now()')) as number;
    if (i > 0) samples.push(end - start);
  }
  return summarize(samples);
}

const ms = (s: Summary) => `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : 7;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const reason = skipReason();
  if (reason) throw new Error(`the UI benchmark needs Chromium: ${reason}`);
  const machine = machineInfo();
  log('building the web UI if needed');
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pfm-bench-ui-'));
  const central = `sqlite:${join(dir, 'central.db')}`;
  log('demo data');
  pfm(['--data', join(dir, 'device'), '--central', central, 'demo']);
  const [browser, server] = await Promise.all([launchBrowser(), startServer(join(dir, 'device'), central)]);
  try {
    const signInPage = await browser.newPage();
    await signIn(signInPage, server.url, DEMO_USERS[0].name, DEMO_PASSWORD);
    const state = join(dir, 'session.json');
    await signInPage.context().storageState({ path: state });
    await signInPage.close();

    log('cold loads');
    const dashboard = await coldLoad(browser, server.url, state, '/', runs);
    const expenses = await coldLoad(browser, server.url, state, '/expenses', runs);
    log('page to page');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/`);
    const moves: [string, string, Summary][] = [];
    for (const [from, to] of [
      ['/', '/expenses'],
      ['/expenses', '/budgets'],
      ['/budgets', '/reports/categories'],
      ['/reports/categories', '/accounts'],
      ['/accounts', '/'],
    ] as const) {
      moves.push([from, to, await pageToPage(page, from, to, runs)]);
    }
    await context.close();

    const slowestMove = Math.max(...moves.map(([, , s]) => s.median));
    const lines = [
      '# Web UI benchmark',
      '',
      'Generated by `npm run bench:ui`: headless Chromium against `pfm serve` on localhost, the demo data (its',
      `first user, a year of finances), ${runs} measured runs after one warm-up each; medians, with the range.`,
      "Times come from the page's own clock: Navigation Timing's start to the page's data on screen.",
      '',
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node};`,
      `load average ${machine.load.join(' / ')} at the start, ${loadavg()
        .map((x) => Math.round(x * 100) / 100)
        .join(' / ')} at the end.`,
      '',
      '| What | Measured | Target | |',
      '| --- | --- | --- | --- |',
      `| Dashboard, cold load to its charts | ${ms(dashboard.ready)} | ≤ 500 ms | ${verdict(dashboard.ready.median <= 500)} |`,
      `| Expenses, cold load to the first row | ${ms(expenses.ready)} | ≤ 500 ms | ${verdict(expenses.ready.median <= 500)} |`,
      `| Slowest page to page (below) | ${Math.round(slowestMove)} ms | ≤ 150 ms | ${verdict(slowestMove <= 150)} |`,
      `| JavaScript sent (compressed) | ${kb(dashboard.scriptBytes)} | ≤ 120 KB | ${verdict(dashboard.scriptBytes <= 120_000)} |`,
      '',
      '## Cold loads',
      '',
      '| Page | To data on screen | domInteractive | JavaScript sent | Everything sent |',
      '| --- | --- | --- | --- | --- |',
      ...(
        [
          ['Dashboard', dashboard],
          ['Expenses', expenses],
        ] as const
      ).map(
        ([name, c]: readonly [string, ColdLoad]) =>
          `| ${name} | ${ms(c.ready)} | ${ms(c.domInteractive)} | ${kb(c.scriptBytes)} | ${kb(c.allBytes)} |`,
      ),
      '',
      '## Where a cold load spends its time',
      '',
      "From the page's own clock (Navigation and Resource Timing), medians of each phase.",
      '',
      '| Phase | Dashboard | Expenses |',
      '| --- | --- | --- |',
      `| HTML and JavaScript arrived | ${ms(dashboard.phases.assets)} | ${ms(expenses.phases.assets)} |`,
      `| Script run to the first API request | ${ms(dashboard.phases.start)} | ${ms(expenses.phases.start)} |`,
      `| API requests, first sent to last answered | ${ms(dashboard.phases.api)} | ${ms(expenses.phases.api)} |`,
      `| … of which the slowest request alone | ${ms(dashboard.phases.slowestRequest)} | ${ms(expenses.phases.slowestRequest)} |`,
      `| Last answer to data on screen | ${ms(dashboard.phases.render)} | ${ms(expenses.phases.render)} |`,
      `| API requests the page waited for | ${dashboard.apiRequests} | ${expenses.apiRequests} |`,
      '',
      '## Page to page',
      '',
      'From the route changing (a click on a link does that) to the next page showing its data.',
      '',
      '| From | To | Time |',
      '| --- | --- | --- |',
      ...moves.map(([from, to, s]) => `| ${from} | ${to} | ${ms(s)} |`),
      '',
    ];
    const out = fileURLToPath(new URL('../docs/ui-benchmark.md', import.meta.url));
    const markdown = lines.join('\n');
    process.stdout.write(`${markdown}\n`);
    if (!argv.includes('--no-write')) await writeMarkdown(out, markdown);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
