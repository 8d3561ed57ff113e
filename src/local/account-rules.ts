import { ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';

/**
 * An account a new or moved row may use: one of the user's own, live and not archived. Anything else is bad
 * input naming `field`, before anything is written.
 */
export function requireUsableAccount(
  store: LocalStore,
  userId: string,
  accountId: string,
  field: string,
): void {
  const row = store
    .sql('SELECT name, archived FROM account WHERE id = ? AND user_id = ? AND deleted = 0')
    .get(accountId, userId) as { name: string; archived: number } | undefined;
  if (!row) throw new ValidationError(field, `${field}: no account with id ${accountId}`);
  if (row.archived === 1)
    throw new ValidationError(field, `${field}: account "${row.name}" is archived; unarchive it to use it`);
}
