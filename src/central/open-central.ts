import { ValidationError } from '../domain/validation.js';
import { type CentralStore, type CentralStoreOptions } from './central-store.js';
import { PgliteSqlPool } from './postgres/pglite-pool.js';
import { PostgresCentralStore } from './postgres/postgres-store.js';
import { PgSqlPool, toCentralError } from './postgres/sql-pool.js';
import { redactUrl, urlPassword, urlSecrets } from './redact.js';

/** The zero-setup default (DESIGN.md): an embedded store beside the device folders. */
export const DEFAULT_CENTRAL_URL = 'pglite:./pfm-central';

/**
 * Open the central store a URL names, migrated to this build's schema (unless `migrate: false`):
 * - `pglite:PATH` embedded PostgreSQL in a directory (`pglite:memory:` keeps it in memory, for tests);
 * - `postgres://user@host:port/db` (or `postgresql://`): a PostgreSQL server; the password comes from the URL
 *   or `PFM_CENTRAL_PASSWORD` (or `options.password`) and never appears in an error;
 * - `oracle://user@host:port/service`: Oracle Database, in node-oracledb Thin mode.
 */
export async function openCentral(url: string, options: CentralStoreOptions = {}): Promise<CentralStore> {
  const shown = redactUrl(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const migrate = options.migrate ?? true;
  const onStatement = options.onStatement;

  if (scheme === 'pglite') {
    let path = url.slice('pglite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '')
      throw new ValidationError('central', 'pglite: needs a directory, e.g. pglite:./pfm-central');
    let pool: PgliteSqlPool;
    try {
      pool = await PgliteSqlPool.open(path === 'memory:' ? null : path);
    } catch (e) {
      throw toCentralError(e, shown, []);
    }
    return PostgresCentralStore.open({ kind: 'pglite', url: shown, pool, secrets: [], onStatement }, migrate);
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
    const password = inUrl ?? options.password ?? process.env.PFM_CENTRAL_PASSWORD;
    const secrets = [...urlSecrets(url), options.password, process.env.PFM_CENTRAL_PASSWORD];
    let pool: PgSqlPool;
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
    // Loaded on demand: devices on PGlite or PostgreSQL never load the Oracle driver.
    const { openOracleStore } = await import('./oracle/oracle-store.js');
    return openOracleStore(url, options);
  }

  throw new ValidationError(
    'central',
    `"${shown}" is not a central store URL: use pglite:PATH, postgres://user@host:port/db or oracle://user@host:port/service`,
  );
}
