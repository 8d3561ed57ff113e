import { describe, expect, it } from 'vitest';
import { budgetStatus, goalProgress } from '../../../src/domain/reports.js';
import { ownerColumn, rowOwner } from '../../../src/domain/tables.js';

describe('budgetStatus', () => {
  const budget = { budgetId: 'b', categoryId: 'c', category: 'Food', limit: 1000 };
  it.each([
    [999, 'under', 1, 99.9],
    [1000, 'at', 0, 100],
    [1001, 'over', -1, 100.1],
  ] as const)('spent %i of 1000 is %s', (spent, status, remaining, percent) => {
    expect(budgetStatus({ ...budget, spent })).toEqual({ ...budget, spent, remaining, percent, status });
  });
});

describe('goalProgress', () => {
  const goal = { goalId: 'g', name: 'Bike', target: 1000, saved: 250 };
  it('is on track when the projection is no later than the target date', () => {
    const on = goalProgress({ ...goal, targetDate: '2026-06-01', projectedDate: '2026-06-01' });
    expect(on).toMatchObject({ remaining: 750, percent: 25, onTrack: true });
    expect(goalProgress({ ...goal, targetDate: '2026-06-01', projectedDate: '2026-06-02' }).onTrack).toBe(
      false,
    );
  });
  it('has no on-track answer without a target date or a projection; remaining never goes below 0', () => {
    expect(goalProgress({ ...goal, targetDate: null, projectedDate: '2026-06-01' }).onTrack).toBeNull();
    expect(goalProgress({ ...goal, targetDate: '2026-06-01', projectedDate: null }).onTrack).toBeNull();
    expect(goalProgress({ ...goal, saved: 1200, targetDate: null, projectedDate: null })).toMatchObject({
      remaining: 0,
      percent: 120,
    });
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
