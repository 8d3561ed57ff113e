import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';

export type SqliteDatabase = Database.Database;

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** Open (creating if needed) a device database: WAL, foreign keys on, migrated to the newest schema. */
export function openSqlite(path: string, migrations: readonly Migration[] = MIGRATIONS): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * A read-only copy of an existing device database whose folder cannot be written. SQLite cannot open a WAL
 * database read-only there (it must create the -shm file), so the file is read into memory, marked as a
 * rollback-journal database in the copy's header, and opened read-only; writes fail with SQLITE_READONLY.
 * Refused when a -wal file holds changes not yet in the file (the copy would miss them), or when the schema
 * needs a migration.
 */
export function openSqliteReadOnly(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): SqliteDatabase {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new SchemaTooNewError(`${wal} holds changes that only a writable folder lets SQLite apply`);
  const image = readFileSync(path);
  // Header bytes 18 and 19: the file format's write and read versions, 2 for WAL, 1 for a rollback journal.
  if (image.length > 19) image.fill(1, 18, 20);
  const db = new Database(image, { readonly: true });
  try {
    db.pragma('foreign_keys = ON');
    const newest = migrations[migrations.length - 1]?.version ?? 0;
    if (schemaVersion(db) !== newest)
      throw new SchemaTooNewError(
        `this device database has schema version ${schemaVersion(db)} and this pfm needs ${newest}: it cannot be changed read-only`,
      );
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Apply every migration newer than the database, each in its own transaction, in order. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new SchemaTooNewError(
      `this device database has schema version ${current}, newer than this pfm knows (${newest}): upgrade pfm`,
    );
  }
  let applied = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version takes no bound parameter; the version is an integer from the fixed list above.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
    applied++;
  }
  return applied;
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LOCAL_SCHEMA_VERSION };
