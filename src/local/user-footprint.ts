import { mainAccountId } from '../domain/accounts.js';
import { categoryIdFor } from '../domain/ids.js';
import type { SyncRow } from '../domain/tables.js';
import type { LocalStore } from './local-store.js';
import { LocalSyncRows } from './sync-rows.js';
import { DEFAULT_CATEGORIES } from './user-repository.js';

// Tables whose rows are a person's own data: any row there means the user is more than its defaults.
const OWN_DATA_TABLES = [
  'savings_goal',
  'expense',
  'income',
  'transfer',
  'schedule',
  'budget',
  'goal_contribution',
] as const;

/**
 * Whether a user on this device is still exactly as `user add` made it: no money rows, goals, budgets or
 * import rules, only the default categories, none of them edited, and no edit of the user row since its
 * creation (every field still carries the creation clock). Such a user holds nothing a person typed but its
 * name, currency and maybe a password.
 */
export function holdsOnlyDefaults(store: LocalStore, userId: string): boolean {
  const user = store.sql('SELECT clock FROM app_user WHERE id = ?').get(userId) as
    { clock: string } | undefined;
  if (!user || !untouched(user.clock)) return false;
  for (const table of OWN_DATA_TABLES) {
    if (store.sql(`SELECT 1 FROM ${table} WHERE user_id = ? LIMIT 1`).get(userId)) return false;
  }
  if (store.sql('SELECT 1 FROM import_rule WHERE user_id = ? LIMIT 1').get(userId)) return false;
  const defaults = new Set(
    (['expense', 'income'] as const).flatMap((kind) =>
      DEFAULT_CATEGORIES[kind].map((name) => categoryIdFor(userId, kind, name)),
    ),
  );
  const categories = store.sql('SELECT id, clock FROM category WHERE user_id = ?').all(userId) as {
    id: string;
    clock: string;
  }[];
  if (!categories.every((c) => defaults.has(c.id) && untouched(c.clock))) return false;
  const accounts = store.sql('SELECT id, clock FROM account WHERE user_id = ?').all(userId) as {
    id: string;
    clock: string;
  }[];
  return accounts.every((a) => a.id === mainAccountId(userId) && untouched(a.clock));
}

/**
 * Replace a user that holds only its defaults by the central store's user of the same id: the central row
 * is written as agreed, the local default categories and first account go (the pull brings the central user's own), so
 * nothing of the local creation (its currency, its category clocks) is ever pushed over the existing user.
 */
export function adoptCentralUser(store: LocalStore, central: SyncRow): void {
  store.transaction(() => {
    store.sql('DELETE FROM category WHERE user_id = ?').run(central.id);
    store.sql('DELETE FROM account WHERE user_id = ?').run(central.id);
    new LocalSyncRows(store).writeMerged(
      'app_user',
      [{ row: central, base: central.hlc, baseClock: central.clock, synced: true }],
      store.now().toISOString(),
    );
  });
}

/** A row never edited after its insert: every field still has the one clock it was created with. */
function untouched(clockJson: string): boolean {
  return new Set(Object.values(JSON.parse(clockJson) as Record<string, string>)).size === 1;
}
