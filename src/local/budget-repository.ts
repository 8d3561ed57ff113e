import type { Budget } from '../domain/entities.js';
import { budgetIdFor } from '../domain/ids.js';
import { NotFoundError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

interface BudgetRow {
  id: string;
  user_id: string;
  category_id: string;
  category_name: string;
  month: string;
  limit_amount: number;
  rollover: number;
  deleted: number;
}

const toBudget = (r: BudgetRow): Budget => ({
  id: r.id,
  userId: r.user_id,
  categoryId: r.category_id,
  categoryName: r.category_name,
  month: r.month,
  limit: r.limit_amount,
  rollover: r.rollover === 1,
});

const SELECT = `SELECT b.*, c.name AS category_name FROM budget b JOIN category c ON c.id = b.category_id`;

export class BudgetRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * Set the limit of one expense category for one month. The id derives from (user, category, month), so
   * two devices setting the same budget offline end with one budget, not two. `rollover` turns carrying what
   * is left into the next month on or off; left out, a new (or deleted) budget does not roll over and an
   * existing one keeps its setting.
   */
  set(
    userId: string,
    categoryId: string,
    month: string,
    limit: number,
    options: { rollover?: boolean } = {},
  ): Budget {
    const rollover = options.rollover === undefined ? undefined : options.rollover ? 1 : 0;
    const id = budgetIdFor(userId, categoryId, month);
    return this.store.transaction(() => {
      const category = this.store
        .sql(`SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = 'expense' AND deleted = 0`)
        .get(categoryId, userId);
      if (!category) throw new NotFoundError(`no expense category with id ${categoryId}`);
      const existing = this.store.sql('SELECT deleted FROM budget WHERE id = ?').get(id) as
        { deleted: number } | undefined;
      if (existing) {
        // A deleted budget set again starts afresh: it rolls over only when asked to.
        const kept = existing.deleted === 1 ? 0 : undefined;
        const next = rollover ?? kept;
        this.writer.update('budget', id, {
          limit_amount: limit,
          deleted: 0,
          ...(next === undefined ? {} : { rollover: next }),
        });
      } else {
        this.writer.insert('budget', id, {
          user_id: userId,
          category_id: categoryId,
          month,
          limit_amount: limit,
          rollover: rollover ?? 0,
        });
      }
      return this.get(userId, id);
    });
  }

  /**
   * Give month `to` the limits (and rollover settings) of month `from`: each live budget of `from` whose category is still a live
   * expense category, unless `to` already has one for that category (a limit set there is kept). The ids
   * derive from (user, category, month), so two devices copying offline converge on the same budgets.
   * Returns the budgets made.
   */
  copyMonth(userId: string, from: string, to: string): Budget[] {
    return this.store.transaction(() => {
      const rows = this.store
        .sql(
          `SELECT b.category_id, b.limit_amount, b.rollover FROM budget b
           JOIN category c ON c.id = b.category_id AND c.kind = 'expense' AND c.deleted = 0
           WHERE b.user_id = ? AND b.month = ? AND b.deleted = 0
             AND NOT EXISTS (SELECT 1 FROM budget t WHERE t.user_id = b.user_id AND t.month = ?
                             AND t.category_id = b.category_id AND t.deleted = 0)
           ORDER BY c.name COLLATE NOCASE, b.id`,
        )
        .all(userId, from, to) as { category_id: string; limit_amount: number; rollover: number }[];
      return rows.map((r) =>
        this.set(userId, r.category_id, to, r.limit_amount, { rollover: r.rollover === 1 }),
      );
    });
  }

  get(userId: string, id: string): Budget {
    const row = this.store
      .sql(`${SELECT} WHERE b.id = ? AND b.user_id = ? AND b.deleted = 0`)
      .get(id, userId) as BudgetRow | undefined;
    if (!row) throw new NotFoundError(`no budget with id ${id}`);
    return toBudget(row);
  }

  list(userId: string, month?: string): Budget[] {
    const rows = this.store
      .sql(
        `${SELECT} WHERE b.user_id = ? AND b.deleted = 0 AND (? IS NULL OR b.month = ?)
         ORDER BY b.month DESC, c.name COLLATE NOCASE`,
      )
      .all(userId, month ?? null, month ?? null) as BudgetRow[];
    return rows.map(toBudget);
  }

  delete(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const budget = this.get(userId, id);
      return new UndoJournal(this.store).record(
        userId,
        () => `Delete the ${budget.month} budget of ${budget.categoryName}`,
        (w) => w.tombstone('budget', id),
      ).operation;
    });
  }
}
