import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ValidationError } from '../domain/validation.js';
import { CentralError, type CentralStore, type CentralStoreOptions } from './central-store.js';
import { redactUrl, urlPassword, urlSecrets } from './redact.js';

/** The zero-setup default: an embedded store in one file beside the device folders. */
export const DEFAULT_CENTRAL_URL = 'sqlite:./pfm-central.db';

/**
 * Open the central store a URL names, migrated to this build's schema (unless `migrate: false`):
 * - `sqlite:PATH`: embedded, in one SQLite file (made if missing; `sqlite::memory:` is a throwaway store in
 *   memory, for tests). Several processes of one machine may use one file at once;
 * - `postgres://user@host:port/db` (or `postgresql://`): a PostgreSQL server; the password comes from the URL
 *   or `options.password` (the caller reads it, e.g. the CLI from PFM_CENTRAL_PASSWORD) and never appears in
 *   an error;
 * - `oracle://user@host:port/service`: Oracle Database, in node-oracledb Thin mode.
 * Each driver is loaded only when its kind of store is opened.
 */
export async function openCentral(url: string, options: CentralStoreOptions = {}): Promise<CentralStore> {
  const shown = redactUrl(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const migrate = options.migrate ?? true;
  const onStatement = options.onStatement;

  if (scheme === 'sqlite') {
    const path = sqliteFileOf(url) ?? '';
    if (path === '')
      throw new ValidationError('central', 'sqlite: needs a file, e.g. sqlite:./pfm-central.db');
    if (path !== ':memory:') {
      refuseEarlierEmbeddedStore(path, shown);
      mkdirSync(dirname(resolve(path)), { recursive: true });
    }
    const [{ SqliteSession }, { SqliteCentralStore }] = await Promise.all([
      import('./sqlite/sqlite-session.js'),
      import('./sqlite/sqlite-store.js'),
    ]);
    return SqliteCentralStore.open(SqliteSession.open(path, shown, onStatement), shown, migrate);
  }

  if (scheme === 'pglite') {
    throw new ValidationError(
      'central',
      `"${shown}" is an embedded PGlite store, which this pfm no longer opens: the embedded central store is ` +
        `now one SQLite file (${DEFAULT_CENTRAL_URL}). To move, sync every device to the new store ` +
        `(each device pushes everything it holds), or restore a backup on a device (pfm restore) and sync ` +
        `it; then remove the PGlite directory`,
    );
  }

  if ((scheme === 'postgres' || scheme === 'postgresql' || scheme === 'oracle') && !/^[a-z]+:\/\//i.test(url))
    // pg reads `postgres:user:pw@host/db` as a database name on the default server, and would then name it
    // (with the password in it) in its error.
    throw new ValidationError(
      'central',
      `"${shown}" is not a central store URL: write ${scheme}://user@host:port/${scheme === 'oracle' ? 'service' : 'db'}`,
    );

  if (scheme === 'postgres' || scheme === 'postgresql') {
    const inUrl = urlPassword(url);
    const password = inUrl ?? options.password;
    const secrets = [...urlSecrets(url), options.password];
    const [{ PgSqlPool, toCentralError }, { PostgresCentralStore }] = await Promise.all([
      import('./postgres/sql-pool.js'),
      import('./postgres/postgres-store.js'),
    ]);
    let pool: InstanceType<typeof PgSqlPool>;
    try {
      pool = new PgSqlPool({
        connectionString: url,
        password: inUrl === undefined ? password : undefined,
        max: options.maxConnections ?? 10,
      });
    } catch (e) {
      throw toCentralError(e, shown, secrets);
    }
    return PostgresCentralStore.open({ kind: 'postgres', url: shown, pool, secrets, onStatement }, migrate);
  }

  if (scheme === 'oracle') {
    const { openOracleStore } = await import('./oracle/oracle-store.js');
    return openOracleStore(url, options);
  }

  throw new ValidationError(
    'central',
    `"${shown}" is not a central store URL: use sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service`,
  );
}

/** The file an `sqlite:` URL names (`:memory:` for a throwaway store), '' when it names none; null for other URLs. */
export function sqliteFileOf(url: string): string | null {
  if (!/^sqlite:/i.test(url)) return null;
  const path = url.slice('sqlite:'.length);
  return path.startsWith('//') ? path.slice(2) : path;
}

/**
 * Earlier versions of pfm kept the embedded store in a PGlite directory (`pfm-central`) where the SQLite
 * file now goes. A new, empty store beside it would let devices sync into it as if nothing had been there,
 * so the first open of the default file, while that directory is still there, stops and says how to move.
 */
function refuseEarlierEmbeddedStore(path: string, shown: string): void {
  if (existsSync(path)) return;
  const earlier = join(dirname(resolve(path)), 'pfm-central');
  if (!existsSync(join(earlier, 'PG_VERSION'))) return;
  throw new CentralError(
    `${earlier} holds an embedded central store of an earlier pfm (PGlite); this pfm keeps it in one SQLite ` +
      `file (${shown}). To move, rename or remove that directory, then sync every device to the new store: ` +
      `each device pushes everything it holds, so nothing on the devices is lost`,
    'PFM_EARLIER_STORE',
  );
}
