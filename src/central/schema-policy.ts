import { CentralError, CentralSchemaTooNewError } from './central-store.js';

/**
 * What every store does with the schema version it finds: a newer one means this device must upgrade pfm, an
 * older one that the store was opened without migrating (only a newer pfm migrates it).
 */
export function requireKnownVersion(version: number, known: number, url: string): void {
  if (version > known) throw new CentralSchemaTooNewError(version, known, url);
  if (version < known) {
    throw new CentralError(
      `the central store at ${url} has schema version ${version}, older than this pfm ` +
        `(${known}): open it with migration enabled to upgrade it`,
      'PFM_SCHEMA_TOO_OLD',
    );
  }
}

/** The version a dialect's migrations end at: the schema this build reads and writes. */
export function latestVersion(migrations: readonly { readonly version: number }[]): number {
  return migrations[migrations.length - 1]?.version ?? 0;
}

/**
 * A store just made, migrated (`migrate`, the default) or only checked to be at this build's version; closed
 * again when either fails, so a failed open leaves no connection or file handle behind.
 */
export async function migratedOrChecked<
  S extends { migrate(): Promise<number>; checkSchema(): Promise<void>; close(): Promise<void> },
>(store: S, migrate: boolean): Promise<S> {
  try {
    if (migrate) await store.migrate();
    else await store.checkSchema();
    return store;
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}

/** The migrations after `current`, oldest first; throws when `current` is newer than all of them ("upgrade pfm"). */
export function pendingMigrations<M extends { readonly version: number }>(
  migrations: readonly M[],
  current: number,
  url: string,
): M[] {
  const known = latestVersion(migrations);
  if (current > known) throw new CentralSchemaTooNewError(current, known, url);
  return migrations.filter((m) => m.version > current);
}
