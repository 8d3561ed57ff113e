import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStatement } from '../../../src/import/statement-reader.js';

// How banks in different countries print 1234567.89: group separator, decimal separator.
const STYLES = {
  english: [',', '.'],
  german: ['.', ','],
  french: ['\u202f', ','],
  swiss: ["'", '.'],
  plain: ['', '.'],
} as const;

function written(minor: number, [group, decimal]: readonly [string, string]): string {
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${minor < 0 ? '-' : ''}${whole}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

describe('amounts as banks write them', () => {
  it('read back exactly, whatever the style, size and sign', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(STYLES)),
        fc.array(
          fc.integer({ min: -500_000_000, max: 500_000_000 }).filter((n) => n !== 0),
          { minLength: 1, maxLength: 30 },
        ),
        (style, amounts) => {
          const rows = amounts.map(
            (a, i) => `2026-10-${String((i % 28) + 1).padStart(2, '0')};"Line ${i}";"${written(a, style)}"`,
          );
          const text = `Date;Description;Amount\n${rows.join('\n')}\n`;
          const parsed = readStatement(new TextEncoder().encode(text), { currency: 'EUR' });
          expect(parsed.errors).toEqual([]);
          expect(parsed.lines.map((l) => l.amount)).toEqual(amounts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
