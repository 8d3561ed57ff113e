import { ValidationError } from '../domain/validation.js';
import { isId, userIdFor } from '../domain/ids.js';
import { NotFoundError } from '../domain/validation.js';
import type { Remote } from '../sync/remote.js';
import { withRetry, type RetryPolicy } from '../sync/retry.js';
import type { SyncLogger } from '../sync/sync-logger.js';
import type { CliContext } from './cli-context.js';
import { SyncFailedError } from './cli-errors.js';

/** The id of a user on this device, or null. */
function localUserId(ctx: CliContext, nameOrId: string): string | null {
  try {
    return ctx.users.resolve(nameOrId).id;
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

/** The user to sync: one on this device, or (a new device) one the central store may have. */
export function syncUserId(ctx: CliContext, nameOrId: string): string {
  return localUserId(ctx, nameOrId) ?? (isId(nameOrId) ? nameOrId : userIdFor(nameOrId));
}

/**
 * The user `sync --user` names: one on this device, else (a new device) one the central store has. The
 * central store is asked before anything is written, so that a name found nowhere is bad input with nothing
 * logged, and a store that cannot be asked is a failure (exit 1), never taken for "no such user".
 */
export async function lookUpSyncUser(
  ctx: CliContext,
  remote: Remote,
  nameOrId: string,
  options: { readonly retry: RetryPolicy; readonly logger: SyncLogger; readonly storeLabel: string },
): Promise<string> {
  const local = localUserId(ctx, nameOrId);
  if (local !== null) return local;
  const id = isId(nameOrId) ? nameOrId : userIdFor(nameOrId);
  let found: boolean;
  try {
    found = await withRetry(
      options.retry,
      async () => {
        await remote.handshake(id);
        return (await remote.fetch(id, 'app_user', [id])).length > 0;
      },
      {
        onRetry: (attempt, delay, e) =>
          options.logger.log(
            'WARNING',
            `Looking up user "${nameOrId}" in the central store: retry ${attempt} after ${(delay / 1000).toFixed(1)}s: ${message(e)}`,
          ),
      },
    );
  } catch (e) {
    // A central URL this pfm cannot use is bad input, not a failure worth trying again later.
    if (e instanceof ValidationError) throw e;
    // Errors of the central store name it already (redacted); others get its name here.
    const why = message(e).includes(options.storeLabel) ? message(e) : `${options.storeLabel}: ${message(e)}`;
    options.logger.log('ERROR', `Could not look up user "${nameOrId}" in the central store: ${why}`);
    throw new SyncFailedError(
      `could not look up user "${nameOrId}" in the central store: ${why} (this device keeps working offline; try again later)`,
    );
  }
  if (!found) throw new NotFoundError(`no user "${nameOrId}" on this device or in the central store`);
  return id;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
