import pg from 'pg';
import type { CentralStore } from '../src/central/central-store.js';
import { openCentral } from '../src/central/open-central.js';
import { PostgresCentralStore } from '../src/central/postgres/postgres-store.js';

/** Counts the statements a central store sends: each is one round trip to the database. */
export class StatementCounter {
  count = 0;
  readonly onStatement = (): void => {
    this.count++;
  };
  reset(): number {
    const n = this.count;
    this.count = 0;
    return n;
  }
}

export interface FreshCentral {
  readonly store: PostgresCentralStore;
  /** The URL a child process opens the same database with. */
  readonly url: string;
  dispose(): Promise<void>;
}

/** Where the central store lives: embedded PGlite, or a PostgreSQL server (one new database per use). */
export interface CentralTarget {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** A new, empty, migrated central store. */
  fresh(counter: StatementCounter, dir?: string): Promise<FreshCentral>;
  /** The database's own version string. */
  version(): Promise<string>;
  close(): Promise<void>;
}

async function asPostgresStore(p: Promise<CentralStore>): Promise<PostgresCentralStore> {
  const store = await p;
  if (!(store instanceof PostgresCentralStore)) throw new Error('expected the PostgreSQL-family store');
  return store;
}

export function pgliteTarget(): CentralTarget {
  return {
    name: 'PGlite',
    async fresh(counter, dir) {
      const url = dir ? `pglite:${dir}` : 'pglite:memory:';
      const store = await asPostgresStore(openCentral(url, { onStatement: counter.onStatement }));
      return { store, url, dispose: () => store.close() };
    },
    async version() {
      const store = await asPostgresStore(openCentral('pglite:memory:'));
      try {
        const { rows } = await store.run((s) =>
          s.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v'),
        );
        return rows[0]?.v ?? 'unknown';
      } finally {
        await store.close();
      }
    },
    close: async () => undefined,
  };
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
    async fresh(counter) {
      await ready();
      const db = `pfm_bench_${process.pid}_${++n}`;
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${db}`);
      made.add(db);
      const url = new URL(adminUrl);
      url.pathname = `/${db}`;
      const store = await asPostgresStore(
        openCentral(url.toString(), { onStatement: counter.onStatement, maxConnections: 4 }),
      );
      return {
        store,
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
