import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import type { User } from '../../../src/domain/entities.js';
import { categoryIdFor } from '../../../src/domain/ids.js';
import { NotFoundError, ValidationError } from '../../../src/domain/validation.js';
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
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
});
afterEach(() => f.store.close());

function expectDuplicate(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).field).toBe('name');
  expect((caught as Error).message).toMatch(/already exists/);
}

describe('CategoryRepository', () => {
  it('creates a category with the id derived from user, kind and name, and gets it back', () => {
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    expect(pets).toEqual({
      id: categoryIdFor(user.id, 'expense', 'pets'),
      userId: user.id,
      name: 'Pets',
      kind: 'expense',
      deleted: false,
    });
    expect(f.categories.get(user.id, pets.id)).toEqual(pets);
    expectInserted(f, 'category', rawRow(f.store, 'category', pets.id), previous);
  });

  it('lists live categories by kind, then name case-insensitively', () => {
    f.categories.create(user.id, 'apples', 'expense');
    f.categories.create(user.id, 'Zoo', 'expense');
    const names = f.categories.list(user.id, 'expense').map((c) => c.name);
    expect(names[0]).toBe('apples');
    expect(names[names.length - 1]).toBe('Zoo');
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const all = f.categories.list(user.id);
    expect(all.findIndex((c) => c.kind === 'income')).toBeGreaterThan(
      all.map((c) => c.kind).lastIndexOf('expense'),
    );
    expect(f.categories.list(other.id).some((c) => c.name === 'apples')).toBe(false);
  });

  it('keeps names unique per kind, case-insensitively', () => {
    expectDuplicate(() => f.categories.create(user.id, 'Food', 'expense'));
    expectDuplicate(() => f.categories.create(user.id, 'food', 'expense'));
    expectDuplicate(() => f.categories.create(user.id, 'FOOD', 'expense'));
    f.categories.create(user.id, 'Pets', 'expense');
    expectDuplicate(() => f.categories.create(user.id, 'pETS', 'expense'));
    // The same name is fine for the other kind and for another user.
    expect(f.categories.create(user.id, 'Food', 'income').kind).toBe('income');
    expect(f.categories.create(other.id, 'Pets', 'expense').userId).toBe(other.id);
  });

  it('finds and resolves categories by name in any case or by id', () => {
    const food = f.categories.find(user.id, 'FOOD', 'expense');
    expect(food?.name).toBe('Food');
    expect(f.categories.resolve(user.id, 'food', 'expense')).toEqual(food);
    expect(f.categories.resolve(user.id, food?.id ?? '', 'expense')).toEqual(food);
    expect(() => f.categories.resolve(user.id, 'Food', 'income')).toThrow(NotFoundError);
    expect(() => f.categories.resolve(user.id, 'Nope', 'expense')).toThrow(
      /no expense category "Nope"; there are: .*Food/,
    );
  });

  it('renames as a change of the name field alone, and refuses a clash', () => {
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    markSynced(f.store, 'category', pets.id);
    const before = rawRow(f.store, 'category', pets.id);
    f.advance(5000);
    expect(f.categories.rename(user.id, pets.id, 'Animals').name).toBe('Animals');
    expectStamped(f, 'category', before, rawRow(f.store, 'category', pets.id), ['name']);
    expectDuplicate(() => f.categories.rename(user.id, pets.id, 'food'));
    // Changing only the case of its own name is allowed.
    expect(f.categories.rename(user.id, pets.id, 'ANIMALS').name).toBe('ANIMALS');
  });

  it('writes nothing when a rename does not change the name', () => {
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    markSynced(f.store, 'category', pets.id);
    const before = rawRow(f.store, 'category', pets.id);
    const clock = deviceHlc(f.store);
    f.advance(5000);
    f.categories.rename(user.id, pets.id, 'Pets');
    expectUntouched(before, rawRow(f.store, 'category', pets.id));
    expect(deviceHlc(f.store)).toBe(clock);
  });

  it('deletes with a tombstone: the row stays, marked deleted, and is no longer listed', () => {
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    markSynced(f.store, 'category', pets.id);
    const before = rawRow(f.store, 'category', pets.id);
    f.advance(5000);
    f.categories.delete(user.id, pets.id);
    const after = rawRow(f.store, 'category', pets.id);
    expect(after.deleted).toBe(1);
    expectStamped(f, 'category', before, after, ['deleted']);
    expect(f.categories.list(user.id).map((c) => c.id)).not.toContain(pets.id);
    expect(f.categories.list(user.id, 'expense', true).find((c) => c.id === pets.id)?.deleted).toBe(true);
    expect(f.categories.find(user.id, 'Pets', 'expense')).toBeUndefined();
    expect(() => f.categories.resolve(user.id, pets.id, 'expense')).toThrow(NotFoundError);
  });

  it('keeps the expenses of a deleted category listed, marked as under a deleted category', () => {
    const food = f.categories.resolve(user.id, 'Food', 'expense');
    const e = f.expenses.create(user.id, { categoryId: food.id, amount: 1250, date: '2026-11-01' });
    f.categories.delete(user.id, food.id);
    const page = f.expenses.list(user.id);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: e.id,
      categoryId: food.id,
      categoryName: 'Food',
      categoryDeleted: true,
    });
    expect(f.expenses.get(user.id, e.id).categoryDeleted).toBe(true);
    // A new expense cannot be filed under the deleted category.
    expect(() => f.expenses.create(user.id, { categoryId: food.id, amount: 1, date: '2026-11-02' })).toThrow(
      NotFoundError,
    );
  });

  it('revives the same id when a deleted category is created again', () => {
    const food = f.categories.resolve(user.id, 'Food', 'expense');
    const e = f.expenses.create(user.id, { categoryId: food.id, amount: 1250, date: '2026-11-01' });
    f.categories.delete(user.id, food.id);
    markSynced(f.store, 'category', food.id);
    const before = rawRow(f.store, 'category', food.id);
    f.advance(5000);
    const again = f.categories.create(user.id, 'food', 'expense');
    expect(again.id).toBe(food.id);
    expect(again).toMatchObject({ name: 'food', deleted: false });
    expectStamped(f, 'category', before, rawRow(f.store, 'category', food.id), ['name', 'deleted']);
    expect(f.categories.list(user.id, 'expense').filter((c) => c.name.toLowerCase() === 'food')).toHaveLength(
      1,
    );
    expect(f.expenses.get(user.id, e.id)).toMatchObject({ categoryDeleted: false, categoryName: 'food' });
  });

  it('gives a fresh id to a new category whose natural id belongs to a renamed one', () => {
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    f.categories.rename(user.id, pets.id, 'Animals');
    const newPets = f.categories.create(user.id, 'Pets', 'expense');
    expect(newPets.id).not.toBe(pets.id);
    expect(f.categories.get(user.id, pets.id).name).toBe('Animals');
  });

  it("does not find another user's categories by id", () => {
    const pets = f.categories.create(user.id, 'Pets', 'expense');
    expect(() => f.categories.get(other.id, pets.id)).toThrow(NotFoundError);
    expect(() => f.categories.resolve(other.id, pets.id, 'expense')).toThrow(NotFoundError);
    expect(() => f.categories.rename(other.id, pets.id, 'Mine')).toThrow(NotFoundError);
    expect(() => f.categories.delete(other.id, pets.id)).toThrow(NotFoundError);
    expect(f.categories.get(user.id, pets.id)).toMatchObject({ name: 'Pets', deleted: false });
  });

  it('stores SQL-looking names verbatim', () => {
    const name = "x'); DROP TABLE category;--";
    const c = f.categories.create(user.id, name, 'expense');
    expect(f.categories.get(user.id, c.id).name).toBe(name);
    expect(f.categories.find(user.id, name, 'expense')?.id).toBe(c.id);
  });
});
