import { ValidationError } from '../domain/validation.js';
import type { LocalStore } from '../local/local-store.js';
import type { LocalSyncRow } from '../local/sync-rows.js';
import { adoptCentralUser, holdsOnlyDefaults } from '../local/user-footprint.js';
import type { Remote } from './remote.js';

/**
 * This device's user and the central store's user of the same name are two different people (or two separate
 * creations): syncing would merge them. Bad input in the CLI's sense (exit 2): nothing was written.
 */
export class UserIdentityError extends ValidationError {
  override name = 'UserIdentityError';
}

/** What the identity check found: the same user, a user new to the central store, or an adopted one. */
export type IdentityOutcome = 'same' | 'new' | 'adopted';

/**
 * One person, one user. A user's id derives from its name, so two devices that each ran `user add Kim`
 * before either synced hold two rows with one id, and a field merge would quietly make them one user (the
 * later creation's currency winning over amounts entered in the other). The creation clock tells them apart:
 * `created_at` is written once, so a device's row descends from the central one exactly when both carry the
 * same clock on it. A different creation is adopted when the local user holds nothing but its defaults
 * (the central user, its currency and categories, replace it here); otherwise the sync is refused before
 * anything moves.
 *
 * Called before the first push of a user this device has never agreed on with this central store (one fetch
 * of one row); later syncs skip it.
 */
export async function settleUserIdentity(
  store: LocalStore,
  remote: Remote,
  local: LocalSyncRow,
): Promise<IdentityOutcome> {
  const [central] = await remote.fetch(local.id, 'app_user', [local.id]);
  if (!central) return 'new';
  if (central.clock.created_at === local.clock.created_at) return 'same';
  const name = String(local.values.name);
  const centralPassword = central.values.password_hash ?? null;
  const localPassword = local.values.password_hash ?? null;
  if (holdsOnlyDefaults(store, local.id) && (localPassword === null || localPassword === centralPassword)) {
    adoptCentralUser(store, central);
    return 'adopted';
  }
  throw new UserIdentityError(
    'user',
    `the central store already has a user named "${name}" (${String(central.values.currency)}), created on ` +
      `another device; this device's "${name}" was created separately and holds its own data, so nothing ` +
      `was synced: give it another name with \`pfm user rename "${name}" NEW-NAME\` and sync again`,
  );
}
