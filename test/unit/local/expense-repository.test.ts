import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import type { Category, Expense, User } from '../../../src/domain/entities.js';
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
let transport: Category;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
  food = f.categories.resolve(user.id, 'Food', 'expense');
  housing = f.categories.resolve(user.id, 'Housing', 'expense');
  transport = f.categories.resolve(user.id, 'Transport', 'expense');
});
afterEach(() => f.store.close());

const SQL_NOTE = "'); DROP TABLE expense;--";

function add(amount: number, date: string, category = food, extra: string | null = null, note = ''): Expense {
  return f.expenses.create(user.id, { categoryId: category.id, amount, date, extra, note });
}

describe('ExpenseRepository: create, get, edit, delete', () => {
  it('creates an expense and gets it back', () => {
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const e = add(1250, '2026-11-01', food, 'card', 'lunch');
    expect(e).toEqual({
      id: e.id,
      userId: user.id,
      categoryId: food.id,
      categoryName: 'Food',
      categoryDeleted: false,
      amount: 1250,
      date: '2026-11-01',
      method: 'card',
      note: 'lunch',
      modifiedAt: f.now().toISOString(),
      accountId: user.id,
      accountName: 'Main account',
      accountDeleted: false,
      status: 'uncleared',
      payee: null,
      tags: [],
      splits: null,
    });
    expect(f.expenses.get(user.id, e.id)).toEqual(e);
    expectInserted(f, 'expense', rawRow(f.store, 'expense', e.id), previous);
  });

  it('keeps the id given by an import', () => {
    const id = '01936f4e-0000-7000-8000-000000000001';
    const e = f.expenses.create(user.id, { id, categoryId: food.id, amount: 1, date: '2026-11-01' });
    expect(e.id).toBe(id);
    expect(e.method).toBeNull();
    expect(e.note).toBe('');
  });

  it('refuses an income category, an unknown category and another user’s category', () => {
    const salary = f.categories.resolve(user.id, 'Salary', 'income');
    const bobsFood = f.categories.resolve(other.id, 'Food', 'expense');
    for (const categoryId of [salary.id, 'no-such-category', bobsFood.id]) {
      expect(() => f.expenses.create(user.id, { categoryId, amount: 100, date: '2026-11-01' })).toThrow(
        NotFoundError,
      );
    }
    expect(f.expenses.list(user.id).total).toBe(0);
  });

  it('edits one field: only that field’s clock moves, with a new hlc, modified_at, and is_synced = 0', () => {
    const e = add(1250, '2026-11-01', food, 'card', 'lunch');
    markSynced(f.store, 'expense', e.id);
    const before = rawRow(f.store, 'expense', e.id);
    f.advance(60_000);
    const edited = f.expenses.edit(user.id, e.id, { amount: 1300 });
    expect(edited).toMatchObject({ amount: 1300, date: '2026-11-01', method: 'card', note: 'lunch' });
    expect(edited.modifiedAt).toBe(f.now().toISOString());
    expectStamped(f, 'expense', before, rawRow(f.store, 'expense', e.id), ['amount']);
  });

  it('edits several fields at once, stamping exactly those', () => {
    const e = add(1250, '2026-11-01', food, 'card', 'lunch');
    markSynced(f.store, 'expense', e.id);
    const before = rawRow(f.store, 'expense', e.id);
    f.advance(60_000);
    const edited = f.expenses.edit(user.id, e.id, {
      categoryId: transport.id,
      date: '2026-11-02',
      extra: null,
      note: 'taxi',
      amount: 1250, // unchanged: its clock stays
    });
    expect(edited).toMatchObject({
      categoryName: 'Transport',
      date: '2026-11-02',
      method: null,
      note: 'taxi',
    });
    expectStamped(f, 'expense', before, rawRow(f.store, 'expense', e.id), [
      'category_id',
      'expense_date',
      'payment_method',
      'description',
    ]);
  });

  it('writes nothing for an edit that changes nothing', () => {
    const e = add(1250, '2026-11-01', food, 'card', 'lunch');
    markSynced(f.store, 'expense', e.id);
    const before = rawRow(f.store, 'expense', e.id);
    const clock = deviceHlc(f.store);
    f.advance(60_000);
    f.expenses.edit(user.id, e.id, {});
    f.expenses.edit(user.id, e.id, {
      amount: 1250,
      date: '2026-11-01',
      extra: 'card',
      note: 'lunch',
      categoryId: food.id,
    });
    expectUntouched(before, rawRow(f.store, 'expense', e.id));
    expect(deviceHlc(f.store)).toBe(clock);
  });

  it('gives every write a strictly greater hlc, even with a wall clock that stands still', () => {
    const e = add(100, '2026-11-01');
    const seen = [rawRow(f.store, 'expense', e.id).hlc];
    for (let amount = 101; amount < 120; amount++) {
      f.expenses.edit(user.id, e.id, { amount });
      seen.push(rawRow(f.store, 'expense', e.id).hlc);
    }
    for (let i = 1; i < seen.length; i++) expect((seen[i] as string) > (seen[i - 1] as string)).toBe(true);
  });

  it('refuses to move an expense to an income category, leaving it unchanged', () => {
    const e = add(1250, '2026-11-01');
    const before = rawRow(f.store, 'expense', e.id);
    const salary = f.categories.resolve(user.id, 'Salary', 'income');
    expect(() => f.expenses.edit(user.id, e.id, { categoryId: salary.id, amount: 1 })).toThrow(NotFoundError);
    expectUntouched(before, rawRow(f.store, 'expense', e.id));
  });

  it('deletes with a tombstone: the row stays with deleted = 1 and is no longer found or listed', () => {
    const e = add(1250, '2026-11-01');
    const kept = add(500, '2026-11-02');
    markSynced(f.store, 'expense', e.id);
    const before = rawRow(f.store, 'expense', e.id);
    f.advance(60_000);
    f.expenses.delete(user.id, e.id);
    const after = rawRow(f.store, 'expense', e.id);
    expect(after.deleted).toBe(1);
    expect(after.amount).toBe(1250);
    expectStamped(f, 'expense', before, after, ['deleted']);
    expect(() => f.expenses.get(user.id, e.id)).toThrow(NotFoundError);
    expect(f.expenses.list(user.id).items.map((x) => x.id)).toEqual([kept.id]);
    expect(f.expenses.list(user.id).total).toBe(1);
    expect(() => f.expenses.edit(user.id, e.id, { amount: 1 })).toThrow(NotFoundError);
    expect(() => f.expenses.delete(user.id, e.id)).toThrow(NotFoundError);
  });

  it('stores SQL-looking notes and methods verbatim', () => {
    const e = add(1250, '2026-11-01', food, "card'; --", SQL_NOTE);
    expect(f.expenses.get(user.id, e.id)).toMatchObject({ note: SQL_NOTE, method: "card'; --" });
    expect(rawRow(f.store, 'expense', e.id).description).toBe(SQL_NOTE);
    expect(f.expenses.list(user.id, { search: SQL_NOTE }).items.map((x) => x.id)).toEqual([e.id]);
    expect(f.expenses.list(user.id).total).toBe(1);
  });

  it("does not find, edit or delete another user's expenses", () => {
    const e = add(1250, '2026-11-01');
    expect(() => f.expenses.get(other.id, e.id)).toThrow(NotFoundError);
    expect(() => f.expenses.edit(other.id, e.id, { amount: 1 })).toThrow(NotFoundError);
    expect(() => f.expenses.delete(other.id, e.id)).toThrow(NotFoundError);
    expect(f.expenses.list(other.id).total).toBe(0);
    expect(f.expenses.get(user.id, e.id)).toMatchObject({ amount: 1250 });
    expect(rawRow(f.store, 'expense', e.id).deleted).toBe(0);
  });
});

describe('ExpenseRepository.list', () => {
  it('filters by date range, both ends inclusive', () => {
    const jan31 = add(100, '2026-01-31');
    const feb1 = add(200, '2026-02-01');
    const feb28 = add(300, '2026-02-28');
    const mar1 = add(400, '2026-03-01');
    const page = f.expenses.list(user.id, { from: '2026-02-01', to: '2026-02-28' });
    expect(page.items.map((e) => e.id).sort()).toEqual([feb1.id, feb28.id].sort());
    expect(page.total).toBe(2);
    expect(
      f.expenses
        .list(user.id, { from: '2026-02-28' })
        .items.map((e) => e.id)
        .sort(),
    ).toEqual([feb28.id, mar1.id].sort());
    expect(f.expenses.list(user.id, { to: '2026-01-31' }).items.map((e) => e.id)).toEqual([jan31.id]);
    expect(f.expenses.list(user.id, { from: '2026-02-02', to: '2026-02-27' }).total).toBe(0);
  });

  it('filters by category and by method (case-insensitively)', () => {
    const a = add(100, '2026-11-01', food, 'card');
    const b = add(200, '2026-11-02', housing, 'Card');
    const c = add(300, '2026-11-03', food, 'cash');
    expect(
      f.expenses
        .list(user.id, { categoryId: food.id })
        .items.map((e) => e.id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    expect(
      f.expenses
        .list(user.id, { extra: 'CARD' })
        .items.map((e) => e.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(f.expenses.list(user.id, { categoryId: food.id, extra: 'card' }).items.map((e) => e.id)).toEqual([
      a.id,
    ]);
    expect(f.expenses.list(user.id, { extra: 'cheque' }).total).toBe(0);
  });

  it('searches notes, category names and methods, taking % and _ literally', () => {
    const percent = add(100, '2026-11-01', food, null, '100% cotton');
    const underscore = add(200, '2026-11-02', food, null, 'file_name');
    const plain = add(300, '2026-11-03', food, null, 'filename 100 cotton');
    const backslash = add(400, '2026-11-04', food, null, 'C:\\temp');
    const bus = add(500, '2026-11-05', transport, 'bus pass', '');
    const ids = (search: string) =>
      f.expenses
        .list(user.id, { search })
        .items.map((e) => e.id)
        .sort();
    expect(ids('%')).toEqual([percent.id]);
    expect(ids('0% c')).toEqual([percent.id]);
    expect(ids('_')).toEqual([underscore.id]);
    expect(ids('e_n')).toEqual([underscore.id]);
    expect(ids('\\')).toEqual([backslash.id]);
    expect(ids('COTTON')).toEqual([percent.id, plain.id].sort());
    expect(ids('transp')).toEqual([bus.id]);
    expect(ids('bus pa')).toEqual([bus.id]);
    expect(f.expenses.list(user.id, { search: '%' }).total).toBe(1);
  });

  it('sorts by date, amount or category, ascending or descending (newest first by default)', () => {
    const x = add(300, '2026-11-02', transport);
    const y = add(100, '2026-11-03', food);
    const z = add(200, '2026-11-01', housing);
    const apples = f.categories.create(user.id, 'apples', 'expense');
    const w = add(400, '2026-10-31', apples);
    const order = (sort?: 'date' | 'amount' | 'category', dir?: 'asc' | 'desc') =>
      f.expenses.list(user.id, { sort, order: dir }).items.map((e) => e.id);
    expect(order()).toEqual([y.id, x.id, z.id, w.id]);
    expect(order('date', 'asc')).toEqual([w.id, z.id, x.id, y.id]);
    expect(order('amount', 'asc')).toEqual([y.id, z.id, x.id, w.id]);
    expect(order('amount', 'desc')).toEqual([w.id, x.id, z.id, y.id]);
    // Category names sort case-insensitively: apples, Food, Housing, Transport.
    expect(order('category', 'asc')).toEqual([w.id, y.id, z.id, x.id]);
    expect(order('category', 'desc')).toEqual([x.id, z.id, y.id, w.id]);
  });

  it('paginates with limit and offset: a total count, full coverage and no overlap, even among ties', () => {
    const created: string[] = [];
    for (let i = 0; i < 23; i++) created.push(add(100 + (i % 3), `2026-11-0${1 + (i % 3)}`).id);
    for (const sort of ['date', 'amount', 'category'] as const) {
      const seen: string[] = [];
      const sizes: number[] = [];
      for (let offset = 0; offset < 30; offset += 10) {
        const page = f.expenses.list(user.id, { sort, limit: 10, offset });
        expect(page).toMatchObject({ total: 23, limit: 10, offset });
        sizes.push(page.items.length);
        seen.push(...page.items.map((e) => e.id));
      }
      expect(sizes, sort).toEqual([10, 10, 3]);
      expect(new Set(seen).size, sort).toBe(23);
      expect([...seen].sort()).toEqual([...created].sort());
    }
    const beyond = f.expenses.list(user.id, { limit: 10, offset: 30 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(23);
  });

  it('counts the total of the filter, not of the page', () => {
    for (let i = 1; i <= 9; i++) add(100 * i, `2026-11-0${i}`, i % 2 === 0 ? housing : food);
    const page = f.expenses.list(user.id, { categoryId: food.id, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(5);
    expect(f.expenses.list(user.id, { limit: 2 }).total).toBe(9);
  });

  it('defaults to 50 a page', () => {
    for (let i = 0; i < 55; i++) add(100 + i, '2026-11-01');
    const page = f.expenses.list(user.id);
    expect(page.items).toHaveLength(50);
    expect(page).toMatchObject({ total: 55, limit: 50, offset: 0 });
  });
});
