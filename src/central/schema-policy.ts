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
