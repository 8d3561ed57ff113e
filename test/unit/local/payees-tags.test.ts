import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../src/domain/entities.js';
import { createDemoData } from '../../../src/local/demo-data.js';
import { LocalReports } from '../../../src/local/local-reports.js';
import { LocalStore } from '../../../src/local/local-store.js';
import { LocalRepositories } from '../../../src/local/repositories.js';
import { openFixture, type Fixture } from '../../support/local-fixture.js';

let f: Fixture;
let user: User;
let food: string;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-IE' });
  food = f.categories.resolve(user.id, 'Food', 'expense').id;
});
afterEach(() => f.store.close());

const spend = (amount: number, payee: string | null, tags: string[] = []) =>
  f.expenses.create(user.id, { categoryId: food, amount, date: '2026-11-03', payee, tags });

describe('payees and tags in the expense repository', () => {
  it('filters by one tag and by payee, ignoring case, and both together', () => {
    spend(100, 'Fuel Stop', ['Road trip']);
    spend(200, 'fuel stop', ['road trip', 'kids']);
    spend(300, 'Bakery', ['kids']);
    const amounts = (filter: { tag?: string; payee?: string }) =>
      f.expenses
        .list(user.id, filter)
        .items.map((e) => e.amount)
        .sort((a, b) => a - b);
    expect(amounts({ tag: 'ROAD TRIP' })).toEqual([100, 200]);
    expect(amounts({ tag: 'kids' })).toEqual([200, 300]);
    expect(amounts({ tag: 'road' })).toEqual([]);
    expect(amounts({ payee: 'FUEL STOP' })).toEqual([100, 200]);
    expect(amounts({ payee: 'fuel stop', tag: 'kids' })).toEqual([200]);
    expect(f.expenses.list(user.id, { search: 'bake' }).items.map((e) => e.amount)).toEqual([300]);
  });

  it('suggests payees starting with what was typed, most used first, without deleted rows', () => {
    spend(1, 'Superstore');
    spend(1, 'Supermarket');
    spend(1, 'Supermarket');
    spend(1, 'Bakery');
    f.expenses.delete(user.id, spend(1, 'Super Deleted').id);
    expect(f.expenses.payees(user.id, 'SUP')).toEqual(['Supermarket', 'Superstore']);
    expect(f.expenses.payees(user.id)).toEqual(['Supermarket', 'Bakery', 'Superstore']);
    // A typed % or _ is a character, not a wildcard.
    expect(f.expenses.payees(user.id, '%')).toEqual([]);
    expect(f.income.payees(user.id, 'sup')).toEqual([]);
  });

  it('counts the tags of live rows', () => {
    spend(1, null, ['work', 'kids']);
    spend(1, null, ['work']);
    f.expenses.delete(user.id, spend(1, null, ['gone']).id);
    expect(f.expenses.tagCounts(user.id)).toEqual([
      { tag: 'work', count: 2 },
      { tag: 'kids', count: 1 },
    ]);
  });
});

describe('the demo', () => {
  it('names payees, tags some rows and splits a supermarket trip a month', () => {
    const store = LocalStore.open({ path: ':memory:', now: () => new Date('2026-03-15T12:00:00Z') });
    try {
      createDemoData(store, { passwordHash: 'x', months: 4 });
      const repos = new LocalRepositories(store);
      const alice = repos.users.resolve('alice');
      const all = repos.expenses.list(alice.id, { limit: 1000 }).items;
      expect(all.filter((e) => e.payee !== null).length / all.length).toBeGreaterThan(0.9);
      const split = all.filter((e) => e.splits !== null);
      expect(split).toHaveLength(4);
      expect(split[0]?.payee).toBe('MegaMart');
      expect(split[0]?.splits?.map((p) => p.categoryName)).toEqual(['Food', 'Shopping']);
      const tags = repos.expenses.tagCounts(alice.id).map((t) => t.tag);
      expect(tags).toEqual(expect.arrayContaining(['holiday', 'kids']));
      expect(repos.income.list(alice.id, { payee: 'Northwind Ltd' }).total).toBe(4);
      const report = new LocalReports(store).tags(alice.id, '2026-01-01', '2026-01-31');
      expect(report.tags.find((t) => t.tag === 'holiday')?.expenses).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});
