import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_NAMES } from '../../../src/domain/reports.js';
import { SHOTS } from '../../../tools/screenshots/screenshot-pages.js';

const PAGE_SOURCE = readFileSync(
  fileURLToPath(new URL('../../../web/src/app/Page.tsx', import.meta.url)),
  'utf8',
);

/** The routes `Page` answers: each `path === '/x'`, and each `path?.startsWith('/x')` as a prefix. */
function routesOfPage(): { exact: string[]; prefixes: string[] } {
  const exact = [...PAGE_SOURCE.matchAll(/path === '([^']*)'/g)].map((m) => m[1] as string);
  const prefixes = [...PAGE_SOURCE.matchAll(/path\?\.startsWith\('([^']+)'\)/g)].map((m) => m[1] as string);
  return { exact, prefixes };
}

describe('the screenshots', () => {
  it('read the routes of the web UI from its page switch', () => {
    // A guard on the reading below: should Page.tsx be written another way, this says so instead of passing.
    const { exact, prefixes } = routesOfPage();
    expect(exact).toContain('/');
    expect(exact).toContain('/expenses');
    expect(prefixes).toContain('/reports');
    expect(exact.length + prefixes.length).toBeGreaterThanOrEqual(12);
  });

  it('cover every route of the web UI', () => {
    const { exact, prefixes } = routesOfPage();
    const shot = (route: string) => SHOTS.filter((s) => s.route === route && !s.signedOut);
    for (const route of exact.filter((r) => r !== '')) expect(shot(route), route).not.toEqual([]);
    for (const prefix of prefixes.filter((p) => p !== '/reports')) {
      expect(
        SHOTS.filter((s) => s.route.startsWith(prefix)),
        prefix,
      ).not.toEqual([]);
    }
    // The reports' route takes a report's name: every report has its shot.
    for (const name of REPORT_NAMES) expect(shot(`/reports/${name}`), name).not.toEqual([]);
  });

  it('show the sign-in page, the conflicts and the states that need a click', () => {
    expect(SHOTS.some((s) => s.signedOut)).toBe(true);
    expect(SHOTS.some((s) => s.secondDevice && s.route === '/sync')).toBe(true);
    for (const state of ['import-preview', 'sync-progress', 'dashboard-add', 'expense-edit']) {
      expect(SHOTS.find((s) => s.name === state)?.act, state).toBeDefined();
    }
  });

  it('name each shot once, so none overwrites another', () => {
    const names = SHOTS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
