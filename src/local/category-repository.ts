import type { Category } from '../domain/entities.js';
import { categoryIdFor, newId } from '../domain/ids.js';
import type { CategoryKind } from '../domain/schemas.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

interface CategoryRow {
  id: string;
  user_id: string;
  name: string;
  kind: CategoryKind;
  deleted: number;
}

const toCategory = (r: CategoryRow): Category => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  kind: r.kind,
  deleted: r.deleted === 1,
});

export class CategoryRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * A new category. Its id derives from (user, kind, name) so two devices adding "Pets" offline converge on
   * one category; a deleted category of that name is brought back rather than duplicated.
   */
  create(userId: string, name: string, kind: CategoryKind): Category {
    return this.store.transaction(() => {
      if (this.find(userId, name, kind)) {
        throw new ValidationError('name', `an ${kind} category named "${name}" already exists`);
      }
      const natural = categoryIdFor(userId, kind, name);
      const existing = this.store.sql('SELECT * FROM category WHERE id = ?').get(natural) as
        CategoryRow | undefined;
      if (existing?.deleted === 1) {
        this.writer.update('category', natural, { name, deleted: 0 });
        return this.get(userId, natural);
      }
      // The natural id is taken by a category renamed since: this one gets a fresh id.
      const id = existing ? newId() : natural;
      this.writer.insert('category', id, { user_id: userId, name, kind });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): Category {
    const row = this.store.sql('SELECT * FROM category WHERE id = ? AND user_id = ?').get(id, userId) as
      CategoryRow | undefined;
    if (!row) throw new NotFoundError(`no category with id ${id}`);
    return toCategory(row);
  }

  /** A live category by name, case-insensitively. */
  find(userId: string, name: string, kind: CategoryKind): Category | undefined {
    const rows = this.store
      .sql('SELECT * FROM category WHERE user_id = ? AND kind = ? AND deleted = 0 ORDER BY id')
      .all(userId, kind) as CategoryRow[];
    const wanted = name.trim().toLowerCase();
    const row = rows.find((r) => r.name.toLowerCase() === wanted);
    return row ? toCategory(row) : undefined;
  }

  /** A live category by name or id, or a NotFoundError that says which names exist. */
  resolve(userId: string, nameOrId: string, kind: CategoryKind): Category {
    const byName = this.find(userId, nameOrId, kind);
    if (byName) return byName;
    const byId = this.store
      .sql('SELECT * FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
      .get(nameOrId, userId, kind) as CategoryRow | undefined;
    if (byId) return toCategory(byId);
    const names = this.list(userId, kind).map((c) => c.name);
    throw new NotFoundError(`no ${kind} category "${nameOrId}"; there are: ${names.join(', ') || 'none'}`);
  }

  list(userId: string, kind?: CategoryKind, includeDeleted = false): Category[] {
    const rows = this.store
      .sql(
        `SELECT * FROM category WHERE user_id = ? AND (? IS NULL OR kind = ?) AND (? = 1 OR deleted = 0)
         ORDER BY kind, name COLLATE NOCASE`,
      )
      .all(userId, kind ?? null, kind ?? null, includeDeleted ? 1 : 0) as CategoryRow[];
    return rows.map(toCategory);
  }

  rename(userId: string, id: string, name: string): Category {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      const clash = this.find(userId, name, current.kind);
      if (clash && clash.id !== id) {
        throw new ValidationError('name', `an ${current.kind} category named "${name}" already exists`);
      }
      this.writer.update('category', id, { name });
      return this.get(userId, id);
    });
  }

  /**
   * Tombstone a category. Its expenses and income keep pointing at it and keep counting in reports, shown
   * under the deleted category, until the user moves them: deleting a category never hides money.
   */
  delete(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const category = this.get(userId, id);
      return new UndoJournal(this.store).record(
        userId,
        () => `Delete ${category.kind} category ${category.name}`,
        (w) => w.tombstone('category', id),
      ).operation;
    });
  }
}
