import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import type { Category, User } from '../../../src/domain/entities.js';
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
let salary: Category;
let freelance: Category;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
  salary = f.categories.resolve(user.id, 'Salary', 'income');
  freelance = f.categories.resolve(user.id, 'Freelance', 'income');
});
afterEach(() => f.store.close());

describe('IncomeRepository', () => {
  it('creates income and gets it back', () => {
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const i = f.income.create(user.id, {
      categoryId: salary.id,
      amount: 250000,
      date: '2026-11-01',
      extra: 'ACME',
      note: 'November',
    });
    expect(i).toEqual({
      id: i.id,
      userId: user.id,
      categoryId: salary.id,
      categoryName: 'Salary',
      categoryDeleted: false,
      amount: 250000,
      date: '2026-11-01',
      source: 'ACME',
      note: 'November',
      modifiedAt: f.now().toISOString(),
      accountId: user.id,
      accountName: 'Main account',
      accountDeleted: false,
      status: 'uncleared',
      payee: null,
      tags: [],
      splits: null,
    });
    expect(f.income.get(user.id, i.id)).toEqual(i);
    expectInserted(f, 'income', rawRow(f.store, 'income', i.id), previous);
  });

  it('refuses an expense category', () => {
    const food = f.categories.resolve(user.id, 'Food', 'expense');
    expect(() => f.income.create(user.id, { categoryId: food.id, amount: 1, date: '2026-11-01' })).toThrow(
      NotFoundError,
    );
  });

  it('edits the source as a change of that field alone; an edit with no change writes nothing', () => {
    const i = f.income.create(user.id, {
      categoryId: salary.id,
      amount: 1000,
      date: '2026-11-01',
      extra: 'ACME',
    });
    markSynced(f.store, 'income', i.id);
    const before = rawRow(f.store, 'income', i.id);
    f.advance(60_000);
    expect(f.income.edit(user.id, i.id, { extra: 'Globex' }).source).toBe('Globex');
    const after = rawRow(f.store, 'income', i.id);
    expectStamped(f, 'income', before, after, ['source']);
    markSynced(f.store, 'income', i.id);
    const synced = rawRow(f.store, 'income', i.id);
    f.advance(60_000);
    f.income.edit(user.id, i.id, { extra: 'Globex', amount: 1000 });
    expectUntouched(synced, rawRow(f.store, 'income', i.id));
  });

  it('deletes with a tombstone', () => {
    const i = f.income.create(user.id, { categoryId: salary.id, amount: 1000, date: '2026-11-01' });
    markSynced(f.store, 'income', i.id);
    const before = rawRow(f.store, 'income', i.id);
    f.advance(60_000);
    f.income.delete(user.id, i.id);
    const after = rawRow(f.store, 'income', i.id);
    expect(after.deleted).toBe(1);
    expectStamped(f, 'income', before, after, ['deleted']);
    expect(f.income.list(user.id).total).toBe(0);
    expect(() => f.income.get(user.id, i.id)).toThrow(NotFoundError);
  });

  it('lists with filters on dates, category, source and search', () => {
    const a = f.income.create(user.id, {
      categoryId: salary.id,
      amount: 1000,
      date: '2026-10-31',
      extra: 'ACME',
    });
    const b = f.income.create(user.id, {
      categoryId: freelance.id,
      amount: 2000,
      date: '2026-11-01',
      extra: 'acme',
    });
    const c = f.income.create(user.id, {
      categoryId: freelance.id,
      amount: 3000,
      date: '2026-11-30',
      extra: 'Globex',
      note: '50% upfront',
    });
    const ids = (filter: Parameters<typeof f.income.list>[1]) =>
      f.income
        .list(user.id, filter)
        .items.map((x) => x.id)
        .sort();
    expect(ids({ from: '2026-11-01', to: '2026-11-30' })).toEqual([b.id, c.id].sort());
    expect(ids({ categoryId: salary.id })).toEqual([a.id]);
    expect(ids({ extra: 'Acme' })).toEqual([a.id, b.id].sort());
    expect(ids({ search: '%' })).toEqual([c.id]);
    expect(ids({ search: 'glob' })).toEqual([c.id]);
    expect(f.income.list(user.id, { sort: 'amount', order: 'asc' }).items.map((x) => x.amount)).toEqual([
      1000, 2000, 3000,
    ]);
  });

  it('keeps income of a deleted category listed under that category', () => {
    const i = f.income.create(user.id, { categoryId: freelance.id, amount: 1000, date: '2026-11-01' });
    f.categories.delete(user.id, freelance.id);
    expect(f.income.list(user.id).items).toEqual([
      expect.objectContaining({ id: i.id, categoryDeleted: true }),
    ]);
  });

  it("does not find another user's income", () => {
    const i = f.income.create(user.id, { categoryId: salary.id, amount: 1000, date: '2026-11-01' });
    expect(() => f.income.get(other.id, i.id)).toThrow(NotFoundError);
    expect(() => f.income.edit(other.id, i.id, { amount: 1 })).toThrow(NotFoundError);
    expect(() => f.income.delete(other.id, i.id)).toThrow(NotFoundError);
    expect(f.income.list(other.id).total).toBe(0);
  });
});
