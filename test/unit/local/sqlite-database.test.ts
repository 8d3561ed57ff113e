import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../src/local/migrations.js';
import {
  SchemaTooNewError,
  migrate,
  openSqlite,
  schemaVersion,
  type SqliteDatabase,
} from '../../../src/local/sqlite-database.js';

const TABLES = [
  'device',
  'app_user',
  'category',
  'savings_goal',
  'expense',
  'income',
  'budget',
  'goal_contribution',
  'sync_log',
  'sync_state',
  'sync_conflict',
];

const NOW = '2026-11-25T10:00:00.000Z';
const SYNC = `'h', '{}', '${NOW}'`;

let dir: string;
const open: SqliteDatabase[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-sqlite-test-'));
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openTracked(path: string, migrations?: readonly Migration[]): SqliteDatabase {
  const db = migrations ? openSqlite(path, migrations) : openSqlite(path);
  open.push(db);
  return db;
}

function tableNames(db: SqliteDatabase): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function columns(db: SqliteDatabase, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
    (r) => r.name,
  );
}

function insertUser(db: SqliteDatabase, id: string, name: string): void {
  db.prepare(
    `INSERT INTO app_user (id, name, currency, locale, created_at, hlc, clock, modified_at)
     VALUES (?, ?, 'EUR', 'en-US', '${NOW}', 'h', '{}', '${NOW}')`,
  ).run(id, name);
}

describe('migrations on an empty database', () => {
  it('bring a new in-memory database to the newest version with every table', () => {
    const db = openTracked(':memory:');
    expect(LOCAL_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(schemaVersion(db)).toBe(LOCAL_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LOCAL_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(TABLES));
  });

  it('create a file database (and its folder) in WAL mode with foreign keys on', () => {
    const path = join(dir, 'nested', 'device', 'pfm.sqlite');
    const db = openTracked(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LOCAL_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(TABLES));
  });

  it('give every synced table the sync columns', () => {
    const db = openTracked(':memory:');
    for (const table of [
      'app_user',
      'category',
      'savings_goal',
      'expense',
      'income',
      'budget',
      'goal_contribution',
    ]) {
      expect(columns(db, table), table).toEqual(
        expect.arrayContaining([
          'id',
          'deleted',
          'hlc',
          'clock',
          'modified_at',
          'is_synced',
          'sync_timestamp',
          'base_hlc',
        ]),
      );
    }
  });

  it('enforce foreign keys: an expense cannot point at a user or category that does not exist', () => {
    const db = openTracked(':memory:');
    expect(() =>
      db
        .prepare(
          `INSERT INTO expense (id, user_id, category_id, amount, expense_date, hlc, clock, modified_at)
           VALUES ('e1', 'nobody', 'nothing', 100, '2026-11-01', ${SYNC})`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('enforce the money and flag checks', () => {
    const db = openTracked(':memory:');
    insertUser(db, 'u1', 'alice');
    db.prepare(
      `INSERT INTO category (id, user_id, name, kind, hlc, clock, modified_at) VALUES ('c1', 'u1', 'Food', 'expense', ${SYNC})`,
    ).run();
    const insert = (amount: number) =>
      db
        .prepare(
          `INSERT INTO expense (id, user_id, category_id, amount, expense_date, hlc, clock, modified_at)
           VALUES (?, 'u1', 'c1', ?, '2026-11-01', ${SYNC})`,
        )
        .run(`e${amount}`, amount);
    expect(() => insert(0)).toThrow(/CHECK/);
    expect(() => insert(-5)).toThrow(/CHECK/);
    insert(5);
    expect(() => db.prepare(`UPDATE expense SET deleted = 2`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE expense SET is_synced = 7`).run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO category (id, user_id, name, kind, hlc, clock, modified_at) VALUES ('c2', 'u1', 'X', 'transfer', ${SYNC})`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('report how many migrations they applied', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db)).toBe(MIGRATIONS.length);
      expect(migrate(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('migrations on an existing database', () => {
  it('keep the data of a file database when it is opened again, and apply nothing twice', () => {
    const path = join(dir, 'pfm.sqlite');
    const first = openTracked(path);
    insertUser(first, 'u1', 'alice');
    first.close();

    const again = openTracked(path);
    expect(schemaVersion(again)).toBe(LOCAL_SCHEMA_VERSION);
    expect(again.prepare('SELECT name FROM app_user').all()).toEqual([{ name: 'alice' }]);
    expect(migrate(again)).toBe(0);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('run each migration exactly once over several opens', () => {
    const path = join(dir, 'counted.sqlite');
    const counted: Migration[] = [
      { version: 1, name: 'marker', sql: `CREATE TABLE marker (n INTEGER); INSERT INTO marker VALUES (1);` },
    ];
    for (let i = 0; i < 3; i++) openTracked(path, counted).close();
    const db = openTracked(path, counted);
    expect(db.prepare('SELECT count(*) AS n FROM marker').get()).toEqual({ n: 1 });
  });

  it('apply newer versions on top of an existing version-1 file, keeping its data', () => {
    const path = join(dir, 'pfm.sqlite');
    const v1 = openTracked(path, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(v1)).toBe(1);
    insertUser(v1, 'u1', 'alice');
    v1.close();

    const next = LOCAL_SCHEMA_VERSION + 1;
    const withV2: Migration[] = [
      ...MIGRATIONS,
      {
        version: next,
        name: 'tags',
        sql: `ALTER TABLE expense ADD COLUMN tag TEXT; CREATE TABLE tag (name TEXT PRIMARY KEY);
              INSERT INTO tag (name) SELECT 'tag of ' || name FROM app_user;`,
      },
    ];
    const v2 = openTracked(path, withV2);
    expect(schemaVersion(v2)).toBe(next);
    // The released migrations after 1 ran too (migration 2's covering index).
    expect(v2.prepare(`SELECT name FROM sqlite_master WHERE name = 'expense_user_live'`).get()).toBeTruthy();
    expect(columns(v2, 'expense')).toContain('tag');
    expect(v2.prepare('SELECT name FROM tag').all()).toEqual([{ name: 'tag of alice' }]);
    expect(v2.prepare('SELECT name FROM app_user').all()).toEqual([{ name: 'alice' }]);
    v2.close();

    // Opening again with the same list applies nothing more.
    const v2again = openTracked(path, withV2);
    expect(v2again.prepare('SELECT count(*) AS n FROM tag').get()).toEqual({ n: 1 });
  });

  it('roll a failing migration back completely and leave the version where it was', () => {
    const path = join(dir, 'pfm.sqlite');
    openTracked(path).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LOCAL_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: `CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;`,
      },
    ];
    expect(() => openTracked(path, broken)).toThrow(/no_such_table/);
    const db = openTracked(path);
    expect(schemaVersion(db)).toBe(LOCAL_SCHEMA_VERSION);
    expect(tableNames(db)).not.toContain('half_done');
  });
});

describe('a database newer than this pfm', () => {
  it('is refused with SchemaTooNewError telling the user to upgrade, and left untouched', () => {
    const path = join(dir, 'future.sqlite');
    const future: Migration[] = [
      ...MIGRATIONS,
      {
        version: LOCAL_SCHEMA_VERSION + 1,
        name: 'from the future',
        sql: 'CREATE TABLE future_thing (x INTEGER);',
      },
    ];
    openTracked(path, future).close();

    let caught: unknown;
    try {
      openTracked(path);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SchemaTooNewError);
    const message = (caught as Error).message;
    expect(message).toMatch(/upgrade pfm/);
    expect(message).toContain(String(LOCAL_SCHEMA_VERSION + 1));

    const raw = new Database(path);
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(LOCAL_SCHEMA_VERSION + 1);
      expect(tableNames(raw)).toContain('future_thing');
    } finally {
      raw.close();
    }
  });

  it('is refused by migrate() itself as well', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('user_version = 99');
      expect(() => migrate(db)).toThrow(SchemaTooNewError);
      expect(schemaVersion(db)).toBe(99);
    } finally {
      db.close();
    }
  });
});
