import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresCentralStore } from '../src/central/postgres/postgres-store.js';
import { CENTRAL_TABLE_NAMES } from '../src/central/table-names.js';
import {
  SYNCED_TABLES,
  TABLES,
  ownerColumn,
  type FieldValue,
  type SyncedTable,
} from '../src/domain/tables.js';
import { openSqlite } from '../src/local/sqlite-database.js';
import { generateRows, localParams, type GeneratedRow } from './data.js';

/**
 * The machine's limits for the same rows, with none of pfm's work (no validation, no merge, no clocks):
 * a plain SQLite bulk insert into the device schema, a plain PostgreSQL `unnest` insert into the central
 * schema, and a plain keyset read of the central rows in server_seq order (what a pull reads).
 */

export function rowsByTable(total: number): Map<SyncedTable, GeneratedRow[]> {
  const byTable = new Map<SyncedTable, GeneratedRow[]>(SYNCED_TABLES.map((t) => [t, []]));
  for (const r of generateRows(total, '0123456789abcdef')) byTable.get(r.table)?.push(r);
  return byTable;
}

/** Plain SQLite: one prepared INSERT per row, one transaction, into a new device file. Returns ms. */
export function sqliteBulkInsert(path: string, byTable: Map<SyncedTable, GeneratedRow[]>): number {
  rmSync(path, { force: true });
  const db = openSqlite(path);
  try {
    const params = [...byTable].map(([table, rows]) => {
      const fields = TABLES[table].fields.map((f) => f.name);
      const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced'];
      const stmt = db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      return { stmt, rows: rows.map(localParams) };
    });
    const t0 = performance.now();
    db.transaction(() => {
      for (const { stmt, rows } of params) for (const p of rows) stmt.run(...p);
    })();
    return performance.now() - t0;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

/** The columns a synced row is written with (id, fields, hlc, clock, modified_at) and their array types. */
export function unnestColumns(table: SyncedTable): { cols: string[]; types: string[] } {
  const fields = TABLES[table].fields;
  return {
    cols: ['id', ...fields.map((f) => f.name), 'hlc', 'clock', 'modified_at'],
    types: ['text', ...fields.map((f) => (f.type === 'integer' ? 'bigint' : 'text')), 'text', 'text', 'text'],
  };
}

function unnestInsert(table: SyncedTable): { sql: string; columns: (r: GeneratedRow) => FieldValue[] } {
  const fields = TABLES[table].fields;
  const { cols, types } = unnestColumns(table);
  const sql =
    `INSERT INTO ${CENTRAL_TABLE_NAMES[table]} (${cols.join(', ')}, server_seq, origin) ` +
    `SELECT ${cols.map((c) => `u.${c}`).join(', ')}, ` +
    `nextval('pfm_server_seq'), 'raw' FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ` +
    `AS u(${cols.join(', ')})`;
  return {
    sql,
    // Every field was written with the row (its clock is the row's hlc): the compact clock is the empty text.
    columns: (r) => [r.id, ...fields.map((f) => r.values[f.name] ?? null), r.hlc, '', r.modifiedAt],
  };
}

/** The rows of each table in chunks of `batch`, each row as its central columns (unnestInsert's order). */
function centralChunks(
  byTable: Map<SyncedTable, GeneratedRow[]>,
  batch: number,
): { table: SyncedTable; rows: FieldValue[][] }[] {
  const chunks: { table: SyncedTable; rows: FieldValue[][] }[] = [];
  for (const [table, rows] of byTable) {
    const { columns } = unnestInsert(table);
    for (let i = 0; i < rows.length; i += batch)
      chunks.push({ table, rows: rows.slice(i, i + batch).map(columns) });
  }
  return chunks;
}

async function truncateCentral(store: PostgresCentralStore): Promise<void> {
  await store.run((s) => s.exec(SYNCED_TABLES.map((t) => `TRUNCATE ${CENTRAL_TABLE_NAMES[t]};`).join(' ')));
}

/** Plain PostgreSQL: `INSERT ... SELECT FROM unnest($1::text[], ...)`, `batch` rows per statement. Returns ms. */
export async function postgresUnnestInsert(
  store: PostgresCentralStore,
  byTable: Map<SyncedTable, GeneratedRow[]>,
  batch: number,
): Promise<number> {
  const work = centralChunks(byTable, batch).map(({ table, rows }) => ({
    sql: unnestInsert(table).sql,
    params: (rows[0] ?? []).map((_, c) => rows.map((r) => r[c] ?? null)),
  }));
  await truncateCentral(store);
  const t0 = performance.now();
  await store.run(async (s) => {
    for (const w of work) await s.query(w.sql, w.params);
  });
  return performance.now() - t0;
}

/** A value in COPY's text format: \\N for NULL, backslash, tab, newline and carriage return escaped. */
function copyText(v: FieldValue): string {
  if (v === null) return '\\N';
  const text = String(v);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/**
 * Plain PostgreSQL `COPY ... FROM STDIN` (text format, through pg-copy-streams) of the same rows as
 * postgresUnnestInsert, `batch` rows per COPY, each batch's seqs drawn first by one statement (COPY cannot
 * call nextval per row). On its own connection without pipelining: pg refuses a COPY on a pipelined one.
 * Returns ms.
 */
export async function postgresCopyInsert(
  store: PostgresCentralStore,
  url: string,
  byTable: Map<SyncedTable, GeneratedRow[]>,
  batch: number,
): Promise<number> {
  const work = centralChunks(byTable, batch).map(({ table, rows }) => {
    const { cols } = unnestColumns(table);
    return {
      sql: `COPY ${CENTRAL_TABLE_NAMES[table]} (${cols.join(', ')}, server_seq, origin) FROM STDIN`,
      rows,
    };
  });
  await truncateCentral(store);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Each batch commits on its own, as each statement of postgresUnnestInsert does.
    const t0 = performance.now();
    for (const w of work) {
      const { rows: seqs } = await client.query<{ seq: string }>(
        "SELECT nextval('pfm_server_seq')::text AS seq FROM generate_series(1, $1)",
        [w.rows.length],
      );
      const lines = w.rows.map((r, i) => `${r.map(copyText).join('\t')}\t${seqs[i]?.seq ?? ''}\traw\n`);
      await pipeline(Readable.from([lines.join('')]), client.query(copyFrom(w.sql)));
    }
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

/** Plain keyset read of every central row of the user, `batch` rows per statement, in server_seq order. */
export async function postgresKeysetRead(
  store: PostgresCentralStore,
  userId: string,
  batch: number,
): Promise<number> {
  const t0 = performance.now();
  let rows = 0;
  await store.run(async (s) => {
    for (const table of SYNCED_TABLES) {
      const owner = ownerColumn(table);
      const cols = [
        'id',
        ...TABLES[table].fields.map((f) => f.name),
        'hlc',
        'clock',
        'modified_at',
        'server_seq',
      ];
      let after = 0;
      for (;;) {
        const { rows: page } = await s.query<{ server_seq: string | number }>(
          `SELECT ${cols.join(', ')} FROM ${CENTRAL_TABLE_NAMES[table]} WHERE ${owner} = $1 AND server_seq > $2 ` +
            `ORDER BY server_seq LIMIT $3`,
          [userId, after, batch],
        );
        rows += page.length;
        if (page.length < batch) break;
        after = Number(page[page.length - 1]?.server_seq);
      }
    }
  });
  if (rows === 0) throw new Error('nothing to read');
  return performance.now() - t0;
}

/*
 * Reference points for the two limits above: the same client paths with narrow rows (an id, an amount, a
 * date; a primary key and nothing else), which is what "raw insert" rates quoted without a schema usually
 * measure. The gap between these and the limits above is what the synced tables' shape costs (wide rows
 * with a clock per field, several indexes, foreign keys on the device): no sync can win it back.
 */

const narrow = (r: GeneratedRow): [string, number, string] => [
  r.id,
  typeof r.values.amount === 'number' ? r.values.amount : 1,
  r.modifiedAt.slice(0, 10),
];

/** Every row narrowed, one per id: a user's first account has the user's own id, in another table. */
function narrowRows(byTable: Map<SyncedTable, GeneratedRow[]>): [string, number, string][] {
  const byId = new Map([...byTable.values()].flat().map((r) => [r.id, narrow(r)]));
  return [...byId.values()];
}

/** Plain SQLite, narrow rows: one prepared INSERT per row, one transaction, WAL and synchronous=NORMAL. */
export function sqliteNarrowInsert(path: string, byTable: Map<SyncedTable, GeneratedRow[]>): number {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE narrow (id TEXT PRIMARY KEY, amount INTEGER NOT NULL, day TEXT NOT NULL)');
    const stmt = db.prepare('INSERT INTO narrow (id, amount, day) VALUES (?, ?, ?)');
    const rows = narrowRows(byTable);
    const t0 = performance.now();
    db.transaction(() => {
      for (const p of rows) stmt.run(...p);
    })();
    return performance.now() - t0;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

/** Plain PostgreSQL, narrow rows: postgresUnnestInsert's path into a three-column table. Returns ms. */
export async function postgresNarrowUnnestInsert(
  store: PostgresCentralStore,
  byTable: Map<SyncedTable, GeneratedRow[]>,
  batch: number,
): Promise<number> {
  const rows = narrowRows(byTable);
  const work: unknown[][][] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    work.push([0, 1, 2].map((c) => chunk.map((r) => r[c])));
  }
  await store.run((s) =>
    s.exec(
      'CREATE TABLE IF NOT EXISTS bench_narrow (id TEXT COLLATE "C" PRIMARY KEY, amount BIGINT NOT NULL, ' +
        'day TEXT NOT NULL); TRUNCATE bench_narrow;',
    ),
  );
  const t0 = performance.now();
  await store.run(async (s) => {
    for (const params of work)
      await s.query(
        'INSERT INTO bench_narrow (id, amount, day) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])',
        params,
      );
  });
  return performance.now() - t0;
}
