import { newId } from '../domain/ids.js';
import type { CategoryKind } from '../domain/schemas.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { ImportRule } from '../import/import-rules.js';
import type { LocalStore } from './local-store.js';

interface RuleRow {
  id: string;
  pattern: string;
  category_id: string;
  category_name: string;
  kind: CategoryKind;
  position: number;
}

const toRule = (r: RuleRow): ImportRule => ({
  id: r.id,
  pattern: r.pattern,
  categoryId: r.category_id,
  categoryName: r.category_name,
  kind: r.kind,
  position: r.position,
});

/**
 * A user's import rules on this device. Rules are device settings, like the sync interval: they are not in
 * the fixed set of synced tables, and they travel to another device in a JSON backup (docs/imports.md).
 */
export class ImportRuleRepository {
  constructor(private readonly store: LocalStore) {}

  /** A new rule, tried after the existing ones. The category must be a live one of this user. */
  add(userId: string, pattern: string, categoryId: string): ImportRule {
    const trimmed = pattern.trim();
    if (trimmed === '' || trimmed.length > 200) {
      throw new ValidationError('contains', 'the text to look for must be 1 to 200 characters');
    }
    return this.store.transaction(() => {
      const category = this.store
        .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND deleted = 0')
        .get(categoryId, userId);
      if (!category) throw new NotFoundError(`no category with id ${categoryId}`);
      const { next } = this.store
        .sql('SELECT coalesce(max(position), 0) + 1 AS next FROM import_rule WHERE user_id = ?')
        .get(userId) as { next: number };
      const id = newId();
      this.store
        .sql(
          'INSERT INTO import_rule (id, user_id, pattern, category_id, position, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, userId, trimmed, categoryId, next, this.store.now().toISOString());
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): ImportRule {
    const row = this.store.sql(`${SELECT} AND r.id = ?`).get(userId, id) as RuleRow | undefined;
    if (!row) throw new NotFoundError(`no rule with id ${id}`);
    return toRule(row);
  }

  /** The rules in the order they are tried; rules whose category was deleted no longer apply. */
  list(userId: string): ImportRule[] {
    const rows = this.store.sql(`${SELECT} AND c.deleted = 0 ORDER BY r.position`).all(userId) as RuleRow[];
    return rows.map(toRule);
  }

  remove(userId: string, id: string): void {
    const result = this.store.sql('DELETE FROM import_rule WHERE id = ? AND user_id = ?').run(id, userId);
    if (result.changes === 0) throw new NotFoundError(`no rule with id ${id}`);
  }
}

const SELECT = `SELECT r.id, r.pattern, r.category_id, c.name AS category_name, c.kind, r.position
  FROM import_rule r JOIN category c ON c.id = r.category_id WHERE r.user_id = ?`;
