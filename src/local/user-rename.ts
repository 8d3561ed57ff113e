import { mainAccountId } from '../domain/accounts.js';
import { budgetIdFor, categoryIdFor, userIdFor } from '../domain/ids.js';
import type { User } from '../domain/entities.js';
import { SYNCED_TABLES, ownerColumn } from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import { importedRowId } from '../import/import-keys.js';
import type { LocalStore } from './local-store.js';
import { UndoJournal } from './undo-journal.js';
import { UserRepository } from './user-repository.js';

// Device tables (not synced) that name a user; identifiers only from this list.
const DEVICE_USER_TABLES = [
  'device_setting',
  'import_rule',
  'import_batch',
  'import_source',
  'import_account',
  'sync_log',
  'sync_conflict',
] as const;
const MONEY_TABLES = ['expense', 'income'] as const;

/**
 * Give a user that has never been synced another name. A user's id derives from its name (so every device
 * agrees on it), and so do the ids of its default categories, first account, budgets and imported rows: renaming re-keys
 * them all, in one transaction, as if the user had been created under the new name. A user that has reached
 * a central store keeps its name: other devices know it by that id.
 *
 * This is the way out when the central store already has another person of the same name.
 */
export function renameUnsyncedUser(store: LocalStore, from: User, newName: string): User {
  const to = userIdFor(newName);
  return store.transaction(() => {
    if (store.sql('SELECT 1 FROM app_user WHERE id = ?').get(to)) {
      throw new ValidationError('name', `a user named "${newName}" already exists on this device`);
    }
    for (const table of SYNCED_TABLES) {
      const owner = ownerColumn(table);
      if (
        store.sql(`SELECT 1 FROM ${table} WHERE ${owner} = ? AND base_hlc IS NOT NULL LIMIT 1`).get(from.id)
      ) {
        throw new ValidationError(
          'name',
          `user "${from.name}" has been synced with a central store, where other devices know it by its name`,
        );
      }
    }
    // Parents change id before their rows point to them; the keys are checked when the transaction commits.
    store.db.pragma('defer_foreign_keys = ON');
    const clock = JSON.parse(
      (store.sql('SELECT clock FROM app_user WHERE id = ?').get(from.id) as { clock: string }).clock,
    ) as Record<string, string>;
    const hlc = store.nextHlc();
    clock.name = hlc;
    store
      .sql('UPDATE app_user SET id = ?, name = ?, clock = ?, hlc = ?, modified_at = ? WHERE id = ?')
      .run(to, newName, JSON.stringify(clock), hlc, store.now().toISOString(), from.id);
    for (const table of SYNCED_TABLES) {
      if (table !== 'app_user')
        store.sql(`UPDATE ${table} SET user_id = ? WHERE user_id = ?`).run(to, from.id);
    }
    for (const table of DEVICE_USER_TABLES) {
      store.sql(`UPDATE ${table} SET user_id = ? WHERE user_id = ?`).run(to, from.id);
    }
    store.sql('DELETE FROM sync_state WHERE user_id = ?').run(from.id);
    // The journal names rows by their ids, many of which change here: its operations can no longer be undone.
    new UndoJournal(store).forget(from.id);

    const categories = store.sql('SELECT id, kind, name FROM category WHERE user_id = ?').all(to) as {
      id: string;
      kind: string;
      name: string;
    }[];
    // Budget ids derive from the category's id as it was: new category id -> old one.
    const formerCategory = new Map<string, string>();
    for (const c of categories) {
      if (c.id !== categoryIdFor(from.id, c.kind, c.name)) continue;
      const id = categoryIdFor(to, c.kind, c.name);
      formerCategory.set(id, c.id);
      store.sql('UPDATE category SET id = ? WHERE id = ?').run(id, c.id);
      for (const table of [...MONEY_TABLES, 'schedule', 'budget', 'import_rule'] as const) {
        store.sql(`UPDATE ${table} SET category_id = ? WHERE category_id = ?`).run(id, c.id);
      }
    }
    const budgets = store.sql('SELECT id, category_id, month FROM budget WHERE user_id = ?').all(to) as {
      id: string;
      category_id: string;
      month: string;
    }[];
    for (const b of budgets) {
      const was = budgetIdFor(from.id, formerCategory.get(b.category_id) ?? b.category_id, b.month);
      if (b.id === was) {
        store.sql('UPDATE budget SET id = ? WHERE id = ?').run(budgetIdFor(to, b.category_id, b.month), b.id);
      }
    }
    // The first account's id is the user's own.
    store.sql('UPDATE account SET id = ? WHERE id = ?').run(mainAccountId(to), mainAccountId(from.id));
    for (const table of [...MONEY_TABLES, 'schedule', 'savings_goal', 'import_account'] as const)
      store
        .sql(`UPDATE ${table} SET account_id = ? WHERE account_id = ?`)
        .run(mainAccountId(to), mainAccountId(from.id));
    for (const side of ['from', 'to'] as const) {
      store
        .sql(`UPDATE transfer SET ${side}_account_id = ? WHERE ${side}_account_id = ?`)
        .run(mainAccountId(to), mainAccountId(from.id));
    }
    store
      .sql('UPDATE schedule SET to_account_id = ? WHERE to_account_id = ?')
      .run(mainAccountId(to), mainAccountId(from.id));
    const imported = store
      .sql('SELECT row_id, row_table, import_key FROM import_source WHERE user_id = ?')
      .all(to) as { row_id: string; row_table: (typeof MONEY_TABLES)[number]; import_key: string }[];
    for (const r of imported) {
      if (r.row_id !== importedRowId(from.id, r.import_key) || !MONEY_TABLES.includes(r.row_table)) continue;
      const id = importedRowId(to, r.import_key);
      store.sql(`UPDATE ${r.row_table} SET id = ? WHERE id = ?`).run(id, r.row_id);
      store.sql('UPDATE import_source SET row_id = ? WHERE row_id = ?').run(id, r.row_id);
    }
    return new UserRepository(store).get(to);
  });
}
