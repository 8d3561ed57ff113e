import { describe, expect, it } from 'vitest';
import { carriedInto, type BudgetMonth } from '../../../src/domain/budget-rollover.js';

const food = (month: string, limit: number, spent: number, rollover = true): BudgetMonth => ({
  categoryId: 'food',
  month,
  limit,
  rollover,
  spent,
});

describe('carriedInto', () => {
  it('carries nothing without a budget last month', () => {
    expect(carriedInto('2026-03', 'food', [])).toBe(0);
    expect(carriedInto('2026-03', 'food', [food('2026-01', 100, 0)])).toBe(0);
  });

  it('carries what was left of a rolling-over budget', () => {
    expect(carriedInto('2026-03', 'food', [food('2026-02', 10000, 8800)])).toBe(1200);
  });

  it('adds up a chain over three months', () => {
    // Jan: 100 - 40 = 60 carried; Feb: 100 + 60 - 130 = 30 carried; Mar: 100 + 30 - 10 = 120 into April.
    const history = [food('2026-01', 100, 40), food('2026-02', 100, 130), food('2026-03', 100, 10)];
    expect(carriedInto('2026-02', 'food', history)).toBe(60);
    expect(carriedInto('2026-03', 'food', history)).toBe(30);
    expect(carriedInto('2026-04', 'food', history)).toBe(120);
  });

  it('carries overspending as a negative amount, and keeps it down the chain', () => {
    const history = [food('2026-01', 100, 250), food('2026-02', 100, 20)];
    expect(carriedInto('2026-02', 'food', history)).toBe(-150);
    expect(carriedInto('2026-03', 'food', history)).toBe(-70);
  });

  it('starts afresh after a month without a budget', () => {
    const history = [food('2026-01', 100, 0), food('2026-03', 100, 50)];
    expect(carriedInto('2026-02', 'food', history)).toBe(100);
    expect(carriedInto('2026-03', 'food', history)).toBe(0);
    expect(carriedInto('2026-04', 'food', history)).toBe(50);
  });

  it('stops at a month whose budget does not roll over', () => {
    const history = [food('2026-01', 100, 0), food('2026-02', 100, 0, false), food('2026-03', 100, 30)];
    expect(carriedInto('2026-03', 'food', history)).toBe(0);
    expect(carriedInto('2026-04', 'food', history)).toBe(70);
  });

  it('ignores other categories and the month itself and later', () => {
    const history = [
      { ...food('2026-02', 500, 0), categoryId: 'fun' },
      food('2026-02', 100, 90),
      food('2026-03', 100, 0),
      food('2026-04', 100, 0),
    ];
    expect(carriedInto('2026-03', 'food', history)).toBe(10);
  });

  it('walks back over a year end', () => {
    expect(carriedInto('2027-01', 'food', [food('2026-11', 100, 0), food('2026-12', 100, 150)])).toBe(50);
  });
});
