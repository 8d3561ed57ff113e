/**
 * axe-core in a playwright page: the accessibility problems it finds that are serious or critical. The page's
 * context must bypass the content security policy (`bypassCSP: true`), which forbids the injected script.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Each serious or critical violation as one line: rule, what it asks, where. With a dialog open only the dialog
 * is checked: the page behind it is dimmed by the backdrop and out of reach until the dialog closes.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Colours are judged as they end, not halfway through a dialog sliding in. An animation cancelled meanwhile
  // (its element left the page) rejects `finished`: it is over too.
  await page.evaluate('Promise.allSettled(document.getAnimations().map((a) => a.finished))');
  await page.addScriptTag({ path: AXE_SCRIPT });
  const result = (await page.evaluate(
    `axe.run(document.querySelector('[role="dialog"]') ?? document, ` +
      `{ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })`,
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The page fits its width (no sideways scrolling) and axe finds nothing serious or critical; `what` names it. */
export async function expectFits(page: Page, width: number, what: string): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(width);
  expect(await seriousAxeViolations(page), what).toEqual([]);
}
