import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CENTRAL_SCHEMA_VERSION, type CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { OracleStore } from '../../src/central/oracle/oracle-store.js';
import { PostgresCentralStore } from '../../src/central/postgres/postgres-store.js';
import { SqliteCentralStore } from '../../src/central/sqlite/sqlite-store.js';
import { sqliteEditTriggersSql } from '../../src/central/sqlite/sqlite-edit-triggers.js';
import { CENTRAL_TABLE_NAMES } from '../../src/central/table-names.js';
import { SYNCED_TABLES } from '../../src/domain/tables.js';
import {
  createDatabase,
  dropDatabase,
  inCi,
  newDatabaseName,
  POSTGRES_TEST_URL,
  probePostgres,
  withDatabase,
} from './postgres-test-database.js';

/**
 * One central store under contract test: how to open a fresh one, reset it between cases, and reach past the
 * contract where a case must (setting a schema version from the future). Every store runs the same suite.
 */
export interface CentralHarness {
  readonly name: string;
  /** Why this store is not tested in this run (the suite reports it as skipped, with this reason), or null. */
  readonly skipReason: string | null;
  /** Real concurrent connections in this process (the SQLite store has one, its work queued in order). */
  readonly concurrent: boolean;
  /**
   * Statements of one writeRows, whatever the batch size: 1 on a server (one round trip); 2 on SQLite, which
   * draws the batch's seqs from its counter first, then runs one prepared statement for every row (in
   * process: nothing is sent, and per row is faster there than one statement over a JSON batch).
   */
  readonly statementsPerWrite: number;
  setup(onStatement: (sql: string, pipelined?: boolean) => void): Promise<CentralStore>;
  reset(store: CentralStore): Promise<void>;
  setSchemaVersion(store: CentralStore, version: number): Promise<void>;
  /**
   * Test-only: one plain SQL statement on the store's own database, as an admin or a job would send it
   * (PostgreSQL dialect, $n parameters), outside any sync; its rows. Absent for stores of another dialect.
   */
  readonly plainSql?: (
    store: CentralStore,
    sql: string,
    params?: unknown[],
  ) => Promise<Record<string, unknown>[]>;
  teardown(store: CentralStore | undefined): Promise<void>;
}

// --- PostgreSQL ---

const DATA_TABLES = [
  ...SYNCED_TABLES.map((t) => CENTRAL_TABLE_NAMES[t]),
  'sync_user_lock',
  'sync_batch',
  'sync_activity',
  'sync_device_token',
];

function pgFamily(store: CentralStore): PostgresCentralStore {
  if (!(store instanceof PostgresCentralStore)) throw new Error('not a PostgreSQL-family store');
  return store;
}

async function resetPg(store: CentralStore): Promise<void> {
  await pgFamily(store).run((s) =>
    s.exec(
      `TRUNCATE ${DATA_TABLES.join(', ')}; ` +
        `DELETE FROM pfm_schema_version WHERE version > ${CENTRAL_SCHEMA_VERSION}`,
    ),
  );
}

async function plainPgSql(store: CentralStore, sql: string, params: unknown[] = []) {
  return (await pgFamily(store).run((s) => s.query<Record<string, unknown>>(sql, params))).rows;
}

async function setPgSchemaVersion(store: CentralStore, version: number): Promise<void> {
  await pgFamily(store).run((s) =>
    s.query('INSERT INTO pfm_schema_version (version, name) VALUES ($1, $2)', [version, 'from the future']),
  );
}

// --- SQLite: a file per run; plain SQL goes through a second connection, as an admin's sqlite3 shell would ---

/** $n placeholders (the suite writes PostgreSQL's) as SQLite's ?n, bound by number. */
function onSqliteFile<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { timeout: 15_000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function sqliteParams(params: unknown[]): Record<number, unknown> {
  return Object.fromEntries(params.map((v, i) => [i + 1, v]));
}

export function sqliteHarness(): CentralHarness {
  const dir = mkdtempSync(join(tmpdir(), 'pfm-contract-sqlite-'));
  const path = join(dir, 'central.db');
  const sqlite = (store: CentralStore): void => {
    if (!(store instanceof SqliteCentralStore)) throw new Error('not a SQLite store');
  };
  return {
    name: 'SQLite (embedded, one file)',
    skipReason: null,
    concurrent: false,
    statementsPerWrite: 2,
    setup: (onStatement) => openCentral(`sqlite:${path}`, { onStatement }),
    // Rows are deleted with the edit triggers set aside (a DELETE would leave tombstones), then put back.
    reset: async (store) => {
      sqlite(store);
      onSqliteFile(path, (db) =>
        db.transaction(() => {
          for (const t of SYNCED_TABLES) {
            for (const kind of ['insert', 'update', 'delete'])
              db.exec(`DROP TRIGGER ${CENTRAL_TABLE_NAMES[t]}_edit_${kind}`);
          }
          for (const table of DATA_TABLES) db.exec(`DELETE FROM ${table}`);
          db.exec(`DELETE FROM pfm_schema_version WHERE version > ${CENTRAL_SCHEMA_VERSION}`);
          for (const t of SYNCED_TABLES) db.exec(sqliteEditTriggersSql(t));
        })(),
      );
      return Promise.resolve();
    },
    setSchemaVersion: async (store, version) => {
      sqlite(store);
      onSqliteFile(path, (db) =>
        db
          .prepare('INSERT INTO pfm_schema_version (version, name) VALUES (?, ?)')
          .run(version, 'from the future'),
      );
      return Promise.resolve();
    },
    plainSql: async (store, sql, params = []) => {
      sqlite(store);
      const text = sql.replace(/\$(\d+)/g, '?$1');
      return Promise.resolve(
        onSqliteFile(path, (db) => {
          const statement = db.prepare(text);
          const binds = params.length > 0 ? [sqliteParams(params)] : [];
          return statement.reader
            ? (statement.all(...binds) as Record<string, unknown>[])
            : (statement.run(...binds), []);
        }),
      );
    },
    teardown: async (store) => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- PostgreSQL server: one database per run, so parallel runs never collide ---

export async function postgresHarness(): Promise<CentralHarness> {
  const unreachable = await probePostgres();
  const database = newDatabaseName('pfm_contract');
  return {
    name: `PostgreSQL server (${new URL(POSTGRES_TEST_URL).host}, database ${database})`,
    // In CI the server must be there: the suite runs and fails loudly rather than skipping.
    skipReason:
      unreachable === null || inCi
        ? null
        : `PostgreSQL server at ${new URL(POSTGRES_TEST_URL).host} unreachable (${unreachable}); start it or set CI=true to require it`,
    concurrent: true,
    statementsPerWrite: 1,
    setup: async (onStatement) => {
      await createDatabase('pfm_contract', database);
      return openCentral(withDatabase(POSTGRES_TEST_URL, database), { onStatement, maxConnections: 8 });
    },
    reset: resetPg,
    setSchemaVersion: setPgSchemaVersion,
    plainSql: plainPgSql,
    teardown: async (store) => {
      await store?.close();
      await dropDatabase(database);
    },
  };
}

// --- Oracle: runs when PFM_TEST_ORACLE_URL names a database (no Oracle server runs on our machines) ---

function oracle(store: CentralStore): OracleStore {
  if (!(store instanceof OracleStore)) throw new Error('not an Oracle store');
  return store;
}

export function oracleHarness(): CentralHarness {
  const url = process.env.PFM_TEST_ORACLE_URL;
  return {
    name: 'Oracle Database (node-oracledb Thin)',
    skipReason: url ? null : 'PFM_TEST_ORACLE_URL is not set (no Oracle server runs on our machines)',
    concurrent: true,
    statementsPerWrite: 1,
    setup: async (onStatement) => {
      const store = await openCentral(url as string, { onStatement, maxConnections: 8 });
      await oracle(store).resetForTests();
      return store;
    },
    reset: (store) => oracle(store).resetForTests(),
    setSchemaVersion: (store, version) =>
      oracle(store).recordSchemaVersionForTests(version, 'from the future'),
    teardown: async (store) => {
      if (store) await oracle(store).dropSchema();
      await store?.close();
    },
  };
}
