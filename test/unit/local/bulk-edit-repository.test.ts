import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Category, Expense, User } from '../../../src/domain/entities.js';
import { mainAccountId } from '../../../src/domain/accounts.js';
import { NotFoundError, ValidationError } from '../../../src/domain/validation.js';
import { UNDO_KEEP } from '../../../src/local/undo-journal.js';
import { clockOf, openFixture, rawRow, type Fixture } from '../../support/local-fixture.js';

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

function add(amount: number, note: string, tags: string[] = []): Expense {
  f.advance(1000);
  return f.expenses.create(user.id, { categoryId: food.id, amount, date: '2026-11-01', note, tags });
}

/** Every stored column of a row but its bookkeeping, to compare values before and after. */
function values(id: string): Record<string, unknown> {
  const row = f.store.sql('SELECT * FROM expense WHERE id = ?').get(id) as Record<string, unknown>;
  const {
    hlc: _h,
    clock: _c,
    modified_at: _m,
    is_synced: _s,
    sync_timestamp: _t,
    base_hlc: _b,
    ...rest
  } = row;
  void [_h, _c, _m, _s, _t, _b];
  return rest;
}

describe('BulkEditRepository', () => {
  it('changes the category of many rows in one operation, and undo puts back exactly what it changed', () => {
    const rows = [add(100, 'a'), add(200, 'b'), add(300, 'c')];
    const before = rows.map((r) => values(r.id));
    const op = f.bulkEdits.apply(user.id, {
      kind: 'expense',
      ids: rows.map((r) => r.id),
      action: { categoryId: housing.id },
    });
    expect(op).toMatchObject({ label: 'Category → Housing on 3 expenses', count: 3, undoneAt: null });
    expect(rows.map((r) => f.expenses.get(user.id, r.id).categoryId)).toEqual([
      housing.id,
      housing.id,
      housing.id,
    ]);
    expect(f.undo.list(user.id).map((o) => o.id)).toEqual([op.id]);

    f.advance(1000);
    const undone = f.undo.undo(user.id, op.id);
    expect(undone.undoneAt).not.toBeNull();
    expect(rows.map((r) => values(r.id))).toEqual(before);
    // The restored value is a new change: it carries a newer clock, so it wins the next sync.
    const clock = clockOf(rawRow(f.store, 'expense', rows[0]?.id ?? ''));
    expect(String(clock.category_id) > String(clock.amount)).toBe(true);
    expect(() => f.undo.undo(user.id, op.id)).toThrow(/already been undone/);
  });

  it('adds and removes tags ignoring case, and undoes them', () => {
    const a = add(100, 'a', ['Food']);
    const b = add(200, 'b', ['trip', 'work']);
    const op = f.bulkEdits.apply(user.id, {
      kind: 'expense',
      ids: [a.id, b.id],
      action: { addTags: ['Holiday'], removeTags: ['WORK'] },
    });
    expect(f.expenses.get(user.id, a.id).tags).toEqual(['Food', 'Holiday']);
    expect(f.expenses.get(user.id, b.id).tags).toEqual(['Holiday', 'trip']);
    f.undo.undo(user.id, op.id);
    expect(f.expenses.get(user.id, a.id).tags).toEqual(['Food']);
    expect(f.expenses.get(user.id, b.id).tags).toEqual(['trip', 'work']);
  });

  it('deletes many rows and brings them back', () => {
    const rows = [add(100, 'a'), add(200, 'b')];
    const op = f.bulkEdits.apply(user.id, {
      kind: 'expense',
      ids: rows.map((r) => r.id),
      action: { delete: true },
    });
    expect(op.label).toBe('Delete 2 expenses');
    expect(f.expenses.list(user.id).total).toBe(0);
    f.undo.undo(user.id, op.id);
    expect(f.expenses.list(user.id).total).toBe(2);
  });

  it("is all or nothing: another user's row or an unknown id refuses the whole operation, naming ids", () => {
    const mine = [add(100, 'a'), add(200, 'b')];
    const theirs = f.expenses.create(other.id, {
      categoryId: f.categories.resolve(other.id, 'Food', 'expense').id,
      amount: 500,
      date: '2026-11-02',
    });
    const before = mine.map((r) => values(r.id));
    for (const stranger of [theirs.id, 'no-such-id']) {
      const attempt = () =>
        f.bulkEdits.apply(user.id, {
          kind: 'expense',
          ids: [...mine.map((r) => r.id), stranger],
          action: { categoryId: housing.id },
        });
      expect(attempt).toThrow(NotFoundError);
      expect(attempt).toThrow(new RegExp(`^ids: no expense with id ${stranger}`));
    }
    expect(mine.map((r) => values(r.id))).toEqual(before);
    expect(f.expenses.get(other.id, theirs.id).categoryId).not.toBe(housing.id);
    expect(f.undo.list(user.id)).toEqual([]);
  });

  it('refuses to change the category of a split row, naming it, and writes nothing', () => {
    const plain = add(100, 'plain');
    const split = f.expenses.create(user.id, {
      categoryId: food.id,
      amount: 1000,
      date: '2026-11-03',
      note: 'market',
      splits: [
        { categoryId: food.id, amount: 600, note: '' },
        { categoryId: housing.id, amount: 400, note: '' },
      ],
    });
    const attempt = () =>
      f.bulkEdits.apply(user.id, {
        kind: 'expense',
        ids: [plain.id, split.id],
        action: { categoryId: housing.id },
      });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/2026-11-03 \(market\) is split/);
    expect(f.expenses.get(user.id, plain.id).categoryId).toBe(food.id);
    // Tags are not bound to the parts: a split row takes them.
    f.bulkEdits.apply(user.id, { kind: 'expense', ids: [plain.id, split.id], action: { addTags: ['x'] } });
    expect(f.expenses.get(user.id, split.id).tags).toEqual(['x']);
  });

  it('asks to confirm changing reconciled rows, but not for a status change', () => {
    const a = add(100, 'a');
    const b = add(200, 'b');
    f.expenses.edit(user.id, b.id, { status: 'reconciled' });
    const ids = [a.id, b.id];
    expect(() => f.bulkEdits.apply(user.id, { kind: 'expense', ids, action: { delete: true } })).toThrow(
      expect.objectContaining({ field: 'confirmReconciled' }),
    );
    expect(f.expenses.list(user.id).total).toBe(2);
    f.bulkEdits.apply(user.id, { kind: 'expense', ids, action: { status: 'cleared' } });
    expect(f.expenses.get(user.id, a.id).status).toBe('cleared');
    f.bulkEdits.apply(user.id, { kind: 'expense', ids, action: { status: 'reconciled' } });
    f.bulkEdits.apply(user.id, { kind: 'expense', ids, action: { delete: true }, confirmReconciled: true });
    expect(f.expenses.list(user.id).total).toBe(0);
  });

  it('names the field at fault for bad actions', () => {
    const a = add(100, 'a');
    const field = (action: object, ids = [a.id]) => {
      try {
        f.bulkEdits.apply(user.id, { kind: 'expense', ids, action });
      } catch (e) {
        return (e as ValidationError).field;
      }
      return 'accepted';
    };
    expect(field({ categoryId: 'nope' })).toBe('action.category');
    expect(field({ categoryId: f.categories.resolve(user.id, 'Salary', 'income').id })).toBe(
      'action.category',
    );
    expect(field({ accountId: 'nope' })).toBe('action.account');
    expect(field({ addTags: ['a,b'] })).toBe('action.addTags');
    expect(field({})).toBe('action');
    expect(field({ delete: true, status: 'cleared' })).toBe('action');
    expect(field({ status: 'cleared' }, [])).toBe('ids');
  });
});

describe('UndoJournal', () => {
  it('records a single delete, and undoes it', () => {
    const a = add(100, 'lunch');
    const op = f.expenses.delete(user.id, a.id);
    expect(op).toMatchObject({ label: 'Delete expense of 2026-11-01 (lunch)', count: 1 });
    expect(f.undo.latest(user.id)?.id).toBe(op.id);
    f.undo.undo(user.id, op.id);
    expect(f.expenses.get(user.id, a.id).note).toBe('lunch');
    expect(f.undo.latest(user.id)).toBeUndefined();
  });

  it('brings back a deleted transfer, category, account and goal (with the transfer of a contribution)', () => {
    const savings = f.accounts.create(user.id, { name: 'Savings', kind: 'savings' });
    const transfer = f.transfers.create(user.id, {
      fromAccountId: mainAccountId(user.id),
      toAccountId: savings.id,
      amount: 500,
      date: '2026-11-02',
    });
    f.undo.undo(user.id, f.transfers.delete(user.id, transfer.id).id);
    expect(f.transfers.get(user.id, transfer.id).amount).toBe(500);

    f.undo.undo(user.id, f.categories.delete(user.id, housing.id).id);
    expect(f.categories.get(user.id, housing.id).deleted).toBe(false);

    const empty = f.accounts.create(user.id, { name: 'Wallet', kind: 'cash' });
    const deleted = f.accounts.delete(user.id, empty.id);
    expect(deleted.label).toBe('Delete account Wallet');
    f.undo.undo(user.id, deleted.id);
    expect(f.accounts.get(user.id, empty.id).name).toBe('Wallet');

    const goal = f.goals.create(user.id, { name: 'Bike', target: 50_000, accountId: savings.id });
    const contribution = f.goals.contribute(user.id, goal.id, 1000, '2026-11-05');
    const gone = f.goals.deleteContribution(user.id, contribution.id);
    expect(gone.count).toBe(2);
    f.undo.undo(user.id, gone.id);
    expect(f.goals.get(user.id, goal.id).saved).toBe(1000);
    f.undo.undo(user.id, f.goals.delete(user.id, goal.id).id);
    expect(f.goals.get(user.id, goal.id).name).toBe('Bike');
  });

  it('refuses to undo, writing nothing, when a field it would restore has changed since', () => {
    const rows = [add(100, 'a'), add(200, 'b')];
    const op = f.bulkEdits.apply(user.id, {
      kind: 'expense',
      ids: rows.map((r) => r.id),
      action: { categoryId: housing.id, addTags: ['t'] },
    });
    f.advance(1000);
    f.expenses.edit(user.id, rows[1]?.id ?? '', { tags: ['other'] });
    const before = rows.map((r) => values(r.id));
    expect(() => f.undo.undo(user.id, op.id)).toThrow(
      /changed since: expense .* \(tags\)\. Nothing was undone/,
    );
    expect(rows.map((r) => values(r.id))).toEqual(before);
    expect(f.undo.get(user.id, op.id).undoneAt).toBeNull();
  });

  it('undoes even when fields it did not touch changed since', () => {
    const a = add(100, 'a');
    const op = f.bulkEdits.apply(user.id, {
      kind: 'expense',
      ids: [a.id],
      action: { categoryId: housing.id },
    });
    f.advance(1000);
    f.expenses.edit(user.id, a.id, { note: 'renamed' });
    f.undo.undo(user.id, op.id);
    expect(f.expenses.get(user.id, a.id)).toMatchObject({ categoryId: food.id, note: 'renamed' });
  });

  it("keeps a user's newest operations only, and never shows or undoes another user's", () => {
    const a = add(100, 'a');
    const first = f.bulkEdits.apply(user.id, { kind: 'expense', ids: [a.id], action: { addTags: ['x0'] } });
    for (let i = 1; i <= UNDO_KEEP; i++)
      f.bulkEdits.apply(user.id, {
        kind: 'expense',
        ids: [a.id],
        action: { addTags: [`x${i}`], removeTags: [`x${i - 1}`] },
      });
    expect(f.undo.list(user.id)).toHaveLength(UNDO_KEEP);
    expect(() => f.undo.get(user.id, first.id)).toThrow(NotFoundError);
    const latest = f.undo.list(user.id)[0];
    if (!latest) throw new Error('no operation');
    expect(f.undo.list(other.id)).toEqual([]);
    expect(() => f.undo.undo(other.id, latest.id)).toThrow(NotFoundError);
    const rows = f.store.sql('SELECT count(*) AS n FROM undo_row').get() as { n: number };
    expect(rows.n).toBe(UNDO_KEEP);
  });
});
