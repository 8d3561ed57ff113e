import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CentralStore } from '../src/central/central-store.js';
import { openCentral } from '../src/central/open-central.js';
import { PostgresCentralStore } from '../src/central/postgres/postgres-store.js';

/**
 * Counts the round trips to a central store: the statements it sends that wait for an answer. A statement
 * pipelined behind another (sent before that one's answer came back) shares its round trip.
 */
export class StatementCounter {
  count = 0;
  readonly onStatement = (_sql: string, pipelined?: boolean): void => {
    if (!pipelined) this.count++;
  };
  reset(): number {
    const n = this.count;
    this.count = 0;
    return n;
  }
}

export interface FreshCentral {
  readonly store: CentralStore;
  /**
   * The same store as PostgreSQL, on the PostgreSQL target only: the raw limits and the port of the original
   * algorithm speak its SQL through `run`, which the central store contract does not have.
   */
  readonly postgres?: PostgresCentralStore;
  /** The URL a child process opens the same database with. */
  readonly url: string;
  dispose(): Promise<void>;
}

/** Where the central store lives: one embedded SQLite file, or a PostgreSQL server. */
export interface CentralTarget {
  readonly name: 'SQLite' | 'PostgreSQL';
  /**
   * Whether `fresh` gives `postgres` too: the raw limits and the port of the original algorithm run only
   * then.
   */
  readonly postgres: boolean;
  /** A new, empty, migrated central store. */
  fresh(counter: StatementCounter): Promise<FreshCentral>;
  /** The database's own version string. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The embedded default: every `fresh` is a new SQLite file in `dir` (a file, not `sqlite::memory:`, because
 * the default store is one: WAL and its synced commits are part of what a sync costs), removed on dispose.
 */
export function sqliteTarget(dir: string): CentralTarget {
  let n = 0;
  const files = new Set<string>();
  const remove = (path: string) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    files.delete(path);
  };
  return {
    name: 'SQLite',
    postgres: false,
    async fresh(counter) {
      const path = join(dir, `central-${process.pid}-${++n}.db`);
      remove(path);
      files.add(path);
      const url = `sqlite:${path}`;
      const store = await openCentral(url, { onStatement: counter.onStatement });
      return {
        store,
        url,
        async dispose() {
          await store.close();
          remove(path);
        },
      };
    },
    version: async () => sqliteVersion(),
    async close() {
      for (const path of [...files]) remove(path);
    },
  };
}

/** The SQLite the central store runs on: better-sqlite3 bundles its own, whatever the system has. */
export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

/** A PostgreSQL server: every `fresh` creates a dedicated database, dropped on dispose and on close. */
export function postgresTarget(adminUrl: string): CentralTarget {
  const admin = new pg.Client({ connectionString: adminUrl });
  let connected: Promise<unknown> | null = null;
  const ready = () => (connected ??= admin.connect());
  const made = new Set<string>();
  let n = 0;
  const drop = async (db: string) => {
    await ready();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    made.delete(db);
  };
  return {
    name: 'PostgreSQL',
    postgres: true,
    async fresh(counter) {
      await ready();
      const db = `pfm_bench_${process.pid}_${++n}`;
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${db}`);
      made.add(db);
      const url = new URL(adminUrl);
      url.pathname = `/${db}`;
      const store = await openCentral(url.toString(), {
        onStatement: counter.onStatement,
        maxConnections: 4,
      });
      if (!(store instanceof PostgresCentralStore)) throw new Error('expected the PostgreSQL store');
      return {
        store,
        postgres: store,
        url: url.toString(),
        async dispose() {
          await store.close();
          await drop(db);
        },
      };
    },
    async version() {
      await ready();
      const { rows } = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      return rows[0]?.v ?? 'unknown';
    },
    async close() {
      if (!connected) return;
      for (const db of [...made]) await drop(db).catch(() => undefined);
      await admin.end();
    },
  };
}

/** The targets `--only sqlite|postgres` (or neither: both) asks for. */
export function targetsFor(only: string | undefined, work: string, postgresUrl: string): CentralTarget[] {
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres')
    throw new Error(`--only takes sqlite or postgres, not "${only}"`);
  const targets: CentralTarget[] = [];
  if (only !== 'postgres') targets.push(sqliteTarget(work));
  if (only !== 'sqlite') targets.push(postgresTarget(postgresUrl));
  return targets;
}
