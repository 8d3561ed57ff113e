import { describe, expect, it } from 'vitest';
import { toBudgetReport, type CategoryRow } from '../../../src/domain/report-rows.js';
import {
  budgetStatus,
  goalProgress,
  neededPerMonth,
  projectGoalDate,
  GOAL_RATE_MIN_DAYS,
} from '../../../src/domain/reports.js';
import { ownerColumn, rowOwner } from '../../../src/domain/tables.js';

describe('budgetStatus', () => {
  const budget = {
    budgetId: 'b',
    categoryId: 'c',
    category: 'Food',
    limit: 1000,
    rollover: false,
    carried: 0,
  };
  it.each([
    [999, 'under', 1, 99.9],
    [1000, 'at', 0, 100],
    [1001, 'over', -1, 100.1],
  ] as const)('spent %i of 1000 is %s', (spent, status, remaining, percent) => {
    expect(budgetStatus({ ...budget, spent })).toEqual({
      ...budget,
      spent,
      remaining,
      percent,
      status,
      available: remaining,
    });
  });
  it('makes what was carried in available on top of the limit', () => {
    expect(budgetStatus({ ...budget, spent: 1200, rollover: true, carried: 500 })).toMatchObject({
      remaining: -200,
      status: 'over',
      carried: 500,
      available: 300,
    });
  });
});

describe('goalProgress', () => {
  const goal = { goalId: 'g', name: 'Bike', target: 1000, saved: 250 };
  it('is on track when the projection is no later than the target date', () => {
    const on = goalProgress('2026-03-15', { ...goal, targetDate: '2026-06-01', projectedDate: '2026-06-01' });
    expect(on).toMatchObject({ remaining: 750, percent: 25, onTrack: true });
    expect(
      goalProgress('2026-03-15', { ...goal, targetDate: '2026-06-01', projectedDate: '2026-06-02' }).onTrack,
    ).toBe(false);
  });
  it('has no on-track answer without a target date or a projection; remaining never goes below 0', () => {
    expect(
      goalProgress('2026-03-15', { ...goal, targetDate: null, projectedDate: '2026-06-01' }).onTrack,
    ).toBeNull();
    expect(
      goalProgress('2026-03-15', { ...goal, targetDate: '2026-06-01', projectedDate: null }).onTrack,
    ).toBeNull();
    expect(
      goalProgress('2026-03-15', { ...goal, saved: 1200, targetDate: null, projectedDate: null }),
    ).toMatchObject({
      remaining: 0,
      percent: 120,
    });
  });
});

describe('projectGoalDate', () => {
  const sums = { target: 1500_00, saved: 100_00, firstOn: '2026-12-01', reachedOn: null };
  it("spreads a young goal's savings over at least GOAL_RATE_MIN_DAYS days", () => {
    // One €100 contribution yesterday toward €1,500: €100 per 90 days, 14 * 90 = 1260 days on.
    expect(GOAL_RATE_MIN_DAYS).toBe(90);
    expect(projectGoalDate(sums, '2026-12-02')).toBe('2030-05-15');
    expect(projectGoalDate({ ...sums, firstOn: '2026-11-30' }, '2026-12-02')).toBe('2030-05-15');
  });
  it('uses the time since the first contribution once it is longer', () => {
    // 121 days (both ends counted) for €100: 14 * 121 = 1694 days on.
    expect(projectGoalDate({ ...sums, firstOn: '2026-08-03' }, '2026-12-01')).toBe('2031-07-22');
  });
  it('is the reached date once reached, null without contributions or past the horizon', () => {
    expect(projectGoalDate({ ...sums, reachedOn: '2026-05-05' }, '2026-12-01')).toBe('2026-05-05');
    expect(projectGoalDate({ ...sums, saved: 0, firstOn: null }, '2026-12-01')).toBeNull();
    expect(projectGoalDate({ ...sums, target: 10 ** 12, saved: 1 }, '2026-12-01')).toBeNull();
  });
});

describe('neededPerMonth', () => {
  it('divides what is left by the whole months to the target date, rounding up', () => {
    expect(neededPerMonth(1400_00, '2027-06-30', '2026-12-02')).toBe(23334);
    expect(neededPerMonth(1200, '2027-06-01', '2026-12-31')).toBe(200);
  });
  it('asks for all of it when the date is this month or past, and nothing without a date', () => {
    expect(neededPerMonth(500, '2026-12-31', '2026-12-02')).toBe(500);
    expect(neededPerMonth(500, '2026-01-01', '2026-12-02')).toBe(500);
    expect(neededPerMonth(0, '2027-06-01', '2026-12-02')).toBe(0);
    expect(neededPerMonth(500, null, '2026-12-02')).toBeNull();
  });
  it('is part of goalProgress', () => {
    const goal = { goalId: 'g', name: 'Bike', target: 1000, saved: 250, projectedDate: null };
    expect(goalProgress('2026-03-15', { ...goal, targetDate: '2026-06-01' }).neededPerMonth).toBe(250);
    expect(goalProgress('2026-03-15', { ...goal, targetDate: null }).neededPerMonth).toBeNull();
  });
});

describe('toBudgetReport', () => {
  const spending = (category_id: string, name: string, total: number): CategoryRow => ({
    category_id,
    name,
    deleted: 0,
    total,
    n: 1,
    grand_total: 0,
  });
  it('reports the spending no budget covers, by name case-insensitively, and the month total', () => {
    const report = toBudgetReport(
      '2026-03',
      'EUR',
      [{ budget_id: 'b', category_id: 'food', name: 'Food', limit_amount: 5000, spent: 4000 }],
      [spending('rent', 'rent', 90000), spending('food', 'Food', 4000), spending('car', 'Car', 1000)],
      [],
    );
    expect(report).toMatchObject({ totalSpent: 95000, unbudgeted: 91000 });
    expect(report.unbudgetedCategories).toEqual([
      { categoryId: 'car', name: 'Car', spent: 1000 },
      { categoryId: 'rent', name: 'rent', spent: 90000 },
    ]);
  });
  it('is all zeros for a month without spending', () => {
    expect(toBudgetReport('2026-03', 'EUR', [], [], [])).toMatchObject({
      totalSpent: 0,
      unbudgeted: 0,
      unbudgetedCategories: [],
      budgets: [],
    });
  });

  it("gives each budget what its category carries from last month's rolling-over budgets", () => {
    const report = toBudgetReport(
      '2026-03',
      'EUR',
      [
        { budget_id: 'b1', category_id: 'food', name: 'Food', limit_amount: 5000, spent: 1000 },
        { budget_id: 'b2', category_id: 'fun', name: 'Fun', limit_amount: 2000, spent: 0 },
      ],
      [spending('food', 'Food', 1000)],
      [
        { category_id: 'food', month: '2026-02', limit_amount: 5000, spent: '3800' },
        { category_id: 'food', month: '2026-03', limit_amount: 5000, spent: 1000 },
        { category_id: 'fun', month: '2026-02', limit_amount: 2000, spent: 2500n },
      ],
    );
    expect(report.budgets.map((b) => [b.category, b.rollover, b.carried, b.available])).toEqual([
      ['Food', true, 1200, 5200],
      ['Fun', false, -500, 1500],
    ]);
  });
});

describe('row owner', () => {
  it('is a user row itself, and the user_id of every other row', () => {
    expect(ownerColumn('app_user')).toBe('id');
    expect(ownerColumn('expense')).toBe('user_id');
    expect(rowOwner('app_user', { id: 'u', values: { user_id: 'x' } })).toBe('u');
    expect(rowOwner('expense', { id: 'e', values: { user_id: 'u' } })).toBe('u');
  });
});
