import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import type { Category, User } from '../../../src/domain/entities.js';
import { budgetIdFor } from '../../../src/domain/ids.js';
import { NotFoundError } from '../../../src/domain/validation.js';
import {
  deviceHlc,
  expectInserted,
  expectStamped,
  expectUntouched,
  markSynced,
  openFixture,
  rawRow,
  type Fixture,
} from '../../support/local-fixture.js';

let f: Fixture;
let user: User;
let other: User;
let food: Category;
let housing: Category;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
  food = f.categories.resolve(user.id, 'Food', 'expense');
  housing = f.categories.resolve(user.id, 'Housing', 'expense');
});
afterEach(() => f.store.close());

describe('BudgetRepository', () => {
  it('sets a budget with the id derived from user, category and month', () => {
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const b = f.budgets.set(user.id, food.id, '2026-11', 30000);
    expect(b).toEqual({
      id: budgetIdFor(user.id, food.id, '2026-11'),
      userId: user.id,
      categoryId: food.id,
      categoryName: 'Food',
      month: '2026-11',
      limit: 30000,
      rollover: false,
    });
    expect(f.budgets.get(user.id, b.id)).toEqual(b);
    expectInserted(f, 'budget', rawRow(f.store, 'budget', b.id), previous);
  });

  it('setting one category and month twice gives one budget with the new limit', () => {
    const first = f.budgets.set(user.id, food.id, '2026-11', 30000);
    markSynced(f.store, 'budget', first.id);
    const before = rawRow(f.store, 'budget', first.id);
    f.advance(60_000);
    const second = f.budgets.set(user.id, food.id, '2026-11', 45000);
    expect(second.id).toBe(first.id);
    expect(second.limit).toBe(45000);
    expect(f.budgets.list(user.id)).toEqual([second]);
    expect(f.store.db.prepare('SELECT count(*) AS n FROM budget').get()).toEqual({ n: 1 });
    expectStamped(f, 'budget', before, rawRow(f.store, 'budget', first.id), ['limit_amount']);
  });

  it("copies a month's live budgets to another, with the derived ids, keeping limits set there", () => {
    const shopping = f.categories.resolve(user.id, 'Shopping', 'expense');
    const gone = f.categories.create(user.id, 'Old', 'expense');
    f.budgets.set(user.id, food.id, '2026-11', 30000);
    f.budgets.set(user.id, housing.id, '2026-11', 90000);
    f.budgets.delete(user.id, f.budgets.set(user.id, shopping.id, '2026-11', 5000).id);
    f.budgets.set(user.id, gone.id, '2026-11', 100);
    f.categories.delete(user.id, gone.id);
    f.budgets.set(user.id, housing.id, '2026-12', 95000); // already set: kept
    f.budgets.set(other.id, f.categories.resolve(other.id, 'Food', 'expense').id, '2026-11', 1);

    const copied = f.budgets.copyMonth(user.id, '2026-11', '2026-12');
    expect(copied).toEqual([
      expect.objectContaining({
        id: budgetIdFor(user.id, food.id, '2026-12'),
        month: '2026-12',
        limit: 30000,
      }),
    ]);
    expect(f.budgets.list(user.id, '2026-12').map((b) => [b.categoryName, b.limit])).toEqual([
      ['Food', 30000],
      ['Housing', 95000],
    ]);
    expect(f.budgets.copyMonth(user.id, '2026-11', '2026-12')).toEqual([]);
    expect(f.budgets.copyMonth(user.id, '2026-01', '2026-12')).toEqual([]);
  });

  it('turns rollover on and off, stamping that field alone; left out, the setting is kept', () => {
    const b = f.budgets.set(user.id, food.id, '2026-11', 30000, { rollover: true });
    expect(b.rollover).toBe(true);
    expect(rawRow(f.store, 'budget', b.id).rollover).toBe(1);
    markSynced(f.store, 'budget', b.id);
    const before = rawRow(f.store, 'budget', b.id);
    f.advance(60_000);
    expect(f.budgets.set(user.id, food.id, '2026-11', 30000).rollover).toBe(true);
    expectUntouched(before, rawRow(f.store, 'budget', b.id));
    expect(f.budgets.set(user.id, food.id, '2026-11', 30000, { rollover: false }).rollover).toBe(false);
    expectStamped(f, 'budget', before, rawRow(f.store, 'budget', b.id), ['rollover']);
    // A deleted budget set again starts without rollover unless asked.
    f.budgets.set(user.id, food.id, '2026-11', 30000, { rollover: true });
    f.budgets.delete(user.id, b.id);
    expect(f.budgets.set(user.id, food.id, '2026-11', 30000).rollover).toBe(false);
  });

  it('copies the rollover setting with the limits', () => {
    f.budgets.set(user.id, food.id, '2026-11', 30000, { rollover: true });
    f.budgets.set(user.id, housing.id, '2026-11', 90000);
    const copied = f.budgets.copyMonth(user.id, '2026-11', '2026-12');
    expect(copied.map((b) => [b.categoryName, b.rollover])).toEqual([
      ['Food', true],
      ['Housing', false],
    ]);
    expect(f.budgets.list(user.id, '2026-12').map((b) => b.rollover)).toEqual([true, false]);
  });

  it('writes nothing when the same limit is set again', () => {
    const b = f.budgets.set(user.id, food.id, '2026-11', 30000);
    markSynced(f.store, 'budget', b.id);
    const before = rawRow(f.store, 'budget', b.id);
    f.advance(60_000);
    f.budgets.set(user.id, food.id, '2026-11', 30000);
    expectUntouched(before, rawRow(f.store, 'budget', b.id));
  });

  it('keeps budgets of other months and categories apart, and lists by month', () => {
    const nov = f.budgets.set(user.id, food.id, '2026-11', 30000);
    const dec = f.budgets.set(user.id, food.id, '2026-12', 35000);
    const rent = f.budgets.set(user.id, housing.id, '2026-11', 90000);
    expect(new Set([nov.id, dec.id, rent.id]).size).toBe(3);
    expect(f.budgets.list(user.id, '2026-11').map((b) => b.id)).toEqual([nov.id, rent.id]);
    expect(f.budgets.list(user.id).map((b) => b.id)).toEqual([dec.id, nov.id, rent.id]);
    expect(f.budgets.list(user.id, '2027-01')).toEqual([]);
  });

  it('deletes with a tombstone, and setting it again revives the same budget', () => {
    const b = f.budgets.set(user.id, food.id, '2026-11', 30000);
    markSynced(f.store, 'budget', b.id);
    const before = rawRow(f.store, 'budget', b.id);
    f.advance(60_000);
    f.budgets.delete(user.id, b.id);
    const deleted = rawRow(f.store, 'budget', b.id);
    expect(deleted.deleted).toBe(1);
    expectStamped(f, 'budget', before, deleted, ['deleted']);
    expect(f.budgets.list(user.id)).toEqual([]);
    expect(() => f.budgets.get(user.id, b.id)).toThrow(NotFoundError);

    f.advance(60_000);
    const again = f.budgets.set(user.id, food.id, '2026-11', 20000);
    expect(again).toMatchObject({ id: b.id, limit: 20000 });
    expectStamped(f, 'budget', deleted, rawRow(f.store, 'budget', b.id), ['limit_amount', 'deleted']);
  });

  it('refuses an income category, a deleted category and another user’s category', () => {
    const salary = f.categories.resolve(user.id, 'Salary', 'income');
    const bobsFood = f.categories.resolve(other.id, 'Food', 'expense');
    f.categories.delete(user.id, housing.id);
    for (const categoryId of [salary.id, bobsFood.id, housing.id, 'no-such-category']) {
      expect(() => f.budgets.set(user.id, categoryId, '2026-11', 100)).toThrow(NotFoundError);
    }
    expect(f.store.db.prepare('SELECT count(*) AS n FROM budget').get()).toEqual({ n: 0 });
  });

  it("does not find or delete another user's budget", () => {
    const b = f.budgets.set(user.id, food.id, '2026-11', 30000);
    expect(() => f.budgets.get(other.id, b.id)).toThrow(NotFoundError);
    expect(() => f.budgets.delete(other.id, b.id)).toThrow(NotFoundError);
    expect(f.budgets.list(other.id)).toEqual([]);
    expect(f.budgets.get(user.id, b.id).limit).toBe(30000);
  });
});
