import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Category, User } from '../../../src/domain/entities.js';
import { serializeSplits, type SplitPart } from '../../../src/domain/splits.js';
import { ValidationError } from '../../../src/domain/validation.js';
import { ConflictRepository } from '../../../src/local/conflict-repository.js';
import { openFixture, rawRow, type Fixture } from '../../support/local-fixture.js';

let f: Fixture;
let user: User;
let food: Category;
let transport: Category;
let fun: Category;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  food = f.categories.resolve(user.id, 'Food', 'expense');
  transport = f.categories.resolve(user.id, 'Transport', 'expense');
  fun = f.categories.resolve(user.id, 'Entertainment', 'expense');
});
afterEach(() => f.store.close());

const part = (c: Category, amount: number, note = ''): SplitPart => ({ categoryId: c.id, amount, note });
const addSplit = () =>
  f.expenses.create(user.id, {
    categoryId: fun.id,
    amount: 2000,
    date: '2026-11-02',
    splits: [part(food, 1250, 'weekly'), part(transport, 750)],
  });

/** Runs `fn`, expecting a refusal naming `field`, and that the expense table did not change. */
function expectRefused(field: string, fn: () => unknown): void {
  const before = JSON.stringify(f.store.sql('SELECT * FROM expense ORDER BY id').all());
  try {
    fn();
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe(field);
  }
  expect(JSON.stringify(f.store.sql('SELECT * FROM expense ORDER BY id').all())).toBe(before);
}

describe('split expenses in the repository', () => {
  it('creates a split row: its category is the first part, its parts carry category names', () => {
    const e = addSplit();
    expect(e).toMatchObject({ amount: 2000, categoryId: food.id, categoryName: 'Food' });
    expect(e.splits).toEqual([
      { categoryId: food.id, categoryName: 'Food', amount: 1250, note: 'weekly' },
      { categoryId: transport.id, categoryName: 'Transport', amount: 750, note: '' },
    ]);
    expect(rawRow(f.store, 'expense', e.id).splits).toBe(
      serializeSplits([part(food, 1250, 'weekly'), part(transport, 750)]),
    );
    expect(f.expenses.list(user.id).items[0]?.splits).toEqual(e.splits);
  });

  it('refuses parts that do not add up, a lone part, or a category that is not a live expense category', () => {
    const salary = f.categories.resolve(user.id, 'Salary', 'income');
    const create = (splits: SplitPart[]) => () =>
      f.expenses.create(user.id, { categoryId: food.id, amount: 2000, date: '2026-11-02', splits });
    expectRefused('splits', create([part(food, 1000), part(transport, 500)]));
    expectRefused('splits', create([part(food, 2000)]));
    expectRefused('splits', create([part(food, 1000), part(salary, 1000)]));
    f.categories.delete(user.id, fun.id);
    expectRefused('splits', create([part(food, 1000), part(fun, 1000)]));
  });

  it('edits the parts and the amount together; refuses the amount or the category alone', () => {
    const e = addSplit();
    const edited = f.expenses.edit(user.id, e.id, {
      amount: 3000,
      splits: [part(transport, 1000), part(food, 2000)],
    });
    expect(edited).toMatchObject({ amount: 3000, categoryName: 'Transport' });
    expect(edited.splits?.map((p) => p.amount)).toEqual([1000, 2000]);
    expectRefused('amount', () => f.expenses.edit(user.id, e.id, { amount: 3100 }));
    expectRefused('categoryId', () => f.expenses.edit(user.id, e.id, { categoryId: fun.id }));
    expectRefused('splits', () =>
      f.expenses.edit(user.id, e.id, { splits: [part(food, 1000), part(transport, 1000)] }),
    );
    // Other fields change as on any row, the parts kept.
    expect(f.expenses.edit(user.id, e.id, { note: 'market' }).splits).toEqual(edited.splits);
  });

  it('unsplits: the row keeps the first part’s category, or the one given', () => {
    const a = addSplit();
    expect(f.expenses.edit(user.id, a.id, { splits: null })).toMatchObject({
      amount: 2000,
      categoryId: food.id,
      splits: null,
    });
    expect(rawRow(f.store, 'expense', a.id).splits).toBeNull();
    const b = addSplit();
    expect(f.expenses.edit(user.id, b.id, { splits: null, categoryId: fun.id, amount: 2500 })).toMatchObject({
      amount: 2500,
      categoryName: 'Entertainment',
      splits: null,
    });
  });

  it('splits a row that was not split', () => {
    const e = f.expenses.create(user.id, { categoryId: fun.id, amount: 900, date: '2026-11-03' });
    const split = f.expenses.edit(user.id, e.id, { splits: [part(transport, 400), part(fun, 500)] });
    expect(split).toMatchObject({ amount: 900, categoryName: 'Transport' });
  });
});

describe('restoring a conflict over a split', () => {
  it('brings back the amount, the category and the parts together, resolving all three', () => {
    const e = addSplit();
    // What a merge records when another device's whole split lost to this one (merge.ts): one conflict per
    // differing field, all with the loser's group clock.
    const lost = [part(fun, 500), part(transport, 2500)];
    const lostHlc = '0000000000001-0000-0000000000000009';
    const kept = rawRow(f.store, 'expense', e.id);
    const conflict = (field: string, lostValue: string | number) => ({
      rowId: e.id,
      field,
      keptValue: kept[field] as string | number,
      keptHlc: kept.hlc,
      lostValue,
      lostHlc,
      loser: 'incoming' as const,
    });
    const conflicts = new ConflictRepository(f.store);
    conflicts.record(user.id, 'expense', [
      conflict('amount', 3000),
      conflict('category_id', fun.id),
      conflict('splits', serializeSplits(lost)),
    ]);
    const open = conflicts.list(user.id);
    expect(open).toHaveLength(3);

    f.advance(1000);
    const restored = conflicts.restore(open.find((c) => c.field === 'category_id')?.id as string);
    expect(restored.resolution).toBe('restored');
    const after = f.expenses.get(user.id, e.id);
    expect(after).toMatchObject({ amount: 3000, categoryId: fun.id });
    expect(after.splits?.map((p) => [p.categoryName, p.amount])).toEqual([
      ['Entertainment', 500],
      ['Transport', 2500],
    ]);
    expect(conflicts.list(user.id)).toEqual([]);
    expect(conflicts.list(user.id, true).map((c) => c.resolution)).toEqual([
      'restored',
      'restored',
      'restored',
    ]);
  });
});
