import type { RowVersion } from '../domain/merge.js';
import { TABLES, ownerColumn, type FieldValue, type SyncRow, type SyncedTable } from '../domain/tables.js';
import type { LocalStore } from './local-store.js';

/** A local row as sync sees it: the synced row plus what this device last agreed on with the central store. */
export interface LocalSyncRow extends SyncRow {
  /** The row's hlc when this device last agreed with the central store; null if it never did. */
  readonly base: string | null;
  /** Each field's clock in that version; null when unknown (agreed on before this was kept). */
  readonly baseClock: Readonly<Record<string, string>> | null;
  readonly isSynced: boolean;
}

/** What to store for one row after a merge. */
export interface MergedLocalRow {
  readonly row: RowVersion & { readonly modifiedAt: string };
  /** The central version this device now agrees with: its hlc, and each field's clock. */
  readonly base: string;
  readonly baseClock: Readonly<Record<string, string>>;
  /** False when the merged row still holds local changes the central store lacks. */
  readonly synced: boolean;
  /**
   * True when the stored row already holds exactly `row` (values, clocks, hlc, modified_at): only its sync
   * state (is_synced, sync_timestamp, base_hlc) is written, which leaves every other index untouched.
   */
  readonly unchanged?: boolean;
  /**
   * True when the caller found no stored row with this id in this transaction: the row is inserted with a
   * plain INSERT. (With foreign keys on, SQLite's upsert costs about three times an INSERT.)
   */
  readonly absent?: boolean;
}

interface RawRow {
  [column: string]: FieldValue;
}

/**
 * The local store's sync primitives: read changed rows, read and write versions, pull cursors.
 * Column names come only from TABLES; values always travel as bound parameters.
 */
export class LocalSyncRows {
  constructor(private readonly store: LocalStore) {}

  /** Up to `limit` of the user's changed rows of a table with id > afterId, in id order (the dirty index). */
  readDirty(table: SyncedTable, userId: string, afterId: string, limit: number): LocalSyncRow[] {
    const rows = this.store
      .sql(
        `SELECT * FROM ${table} WHERE ${ownerColumn(table)} = ? AND is_synced = 0 AND id > ? ORDER BY id LIMIT ?`,
      )
      .all(userId, afterId, limit) as RawRow[];
    return rows.map((r) => toSyncRow(table, r));
  }

  /**
   * Up to `limit` of the user's changed rows of a table after a position, in the order of the partial dirty
   * index (owner, rowid): each batch is one range read of that index, so reading all N changed rows costs
   * O(N), where ordering by id would sort every remaining changed row for each batch (O(N^2 / limit)).
   * `last` is the position to continue after (0 to start).
   */
  readDirtyBatch(
    table: SyncedTable,
    userId: string,
    afterRowid: number,
    limit: number,
  ): { rows: LocalSyncRow[]; last: number } {
    const raw = this.store
      .sql(
        `SELECT rowid AS _rowid, * FROM ${table} WHERE ${ownerColumn(table)} = ? AND is_synced = 0 AND rowid > ? ` +
          `ORDER BY rowid LIMIT ?`,
      )
      .all(userId, afterRowid, limit) as (RawRow & { _rowid: number })[];
    const last = raw.length > 0 ? Number(raw[raw.length - 1]?._rowid) : afterRowid;
    return { rows: raw.map((r) => toSyncRow(table, r)), last };
  }

  /** Whether the user has any changed row in a table: one probe of the partial dirty index. */
  hasDirty(table: SyncedTable, userId: string): boolean {
    return (
      this.store
        .sql(`SELECT 1 FROM ${table} WHERE ${ownerColumn(table)} = ? AND is_synced = 0 LIMIT 1`)
        .get(userId) !== undefined
    );
  }

  /** How many changed rows the user has in a table (a count over the partial dirty index), for progress. */
  countDirty(table: SyncedTable, userId: string): number {
    const row = this.store
      .sql(`SELECT COUNT(*) AS n FROM ${table} WHERE ${ownerColumn(table)} = ? AND is_synced = 0`)
      .get(userId) as { n: number };
    return row.n;
  }

  /** The local versions of these ids (absent ids are left out). */
  readVersions(table: SyncedTable, ids: readonly string[]): Map<string, LocalSyncRow> {
    const found = new Map<string, LocalSyncRow>();
    // SQLite's json_each lets one statement take a whole batch of ids as one bound parameter.
    const rows = this.store
      .sql(`SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as RawRow[];
    for (const r of rows) found.set(String(r.id), toSyncRow(table, r));
    return found;
  }

  /** Whether the table holds no row at all (of any user): one probe. */
  isEmpty(table: SyncedTable): boolean {
    return this.store.sql(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
  }

  /** Which of these ids exist locally. */
  existingIds(table: SyncedTable, ids: readonly string[]): Set<string> {
    const rows = this.store
      .sql(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Insert or replace merged rows; the caller holds the transaction. */
  writeMerged(table: SyncedTable, rows: readonly MergedLocalRow[], syncedAt: string): void {
    if (rows.length === 0) return;
    const fields = TABLES[table].fields.map((f) => f.name);
    const columns = [
      'id',
      ...fields,
      'hlc',
      'clock',
      'modified_at',
      'is_synced',
      'sync_timestamp',
      'base_hlc',
      'base_clock',
    ];
    const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    const stmt = this.store.sql(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    );
    const insert = this.store.sql(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const syncState = this.store.sql(
      `UPDATE ${table} SET is_synced = ?, sync_timestamp = ?, base_hlc = ?, base_clock = ? WHERE id = ?`,
    );
    const inserted = new Set<string>();
    // Rows that now agree with the central store on exactly the version they hold (a pushed row answered with
    // itself): their base is their own hlc and clock, copied in one statement for all of them.
    const agreed: string[] = [];
    for (const m of rows) {
      if (m.unchanged) {
        if (m.synced && m.base === m.row.hlc && sameClock(m.baseClock, m.row.clock)) agreed.push(m.row.id);
        else syncState.run(m.synced ? 1 : 0, syncedAt, m.base, JSON.stringify(m.baseClock), m.row.id);
        continue;
      }
      // An id twice in one call (never from one pull or push) takes the upsert the second time.
      const fresh = m.absent === true && !inserted.has(m.row.id);
      if (fresh) inserted.add(m.row.id);
      const clock = JSON.stringify(m.row.clock);
      (fresh ? insert : stmt).run(
        m.row.id,
        ...fields.map((f) => m.row.values[f] ?? null),
        m.row.hlc,
        clock,
        m.row.modifiedAt,
        m.synced ? 1 : 0,
        syncedAt,
        m.base,
        // A row new to this device is the central version itself: its base clock is its clock.
        m.baseClock === m.row.clock ? clock : JSON.stringify(m.baseClock),
      );
    }
    if (agreed.length > 0) {
      this.store
        .sql(
          `UPDATE ${table} SET is_synced = 1, sync_timestamp = ?, base_hlc = hlc, base_clock = clock ` +
            'WHERE id IN (SELECT value FROM json_each(?))',
        )
        .run(syncedAt, JSON.stringify(agreed));
    }
  }

  /**
   * Mark all of a user's rows of a table changed, so the next push re-sends them (verify repair, first contact).
   * Rows already marked are left as they are (not rewritten); returns how many were newly marked.
   */
  markAllDirty(table: SyncedTable, userId: string): number {
    return this.store
      .sql(`UPDATE ${table} SET is_synced = 0 WHERE ${ownerColumn(table)} = ? AND is_synced <> 0`)
      .run(userId).changes;
  }

  /** All of a user's rows of a table in id order, for digests. */
  *iterateAll(table: SyncedTable, userId: string): Generator<SyncRow> {
    const stmt = this.store.db.prepare(`SELECT * FROM ${table} WHERE ${ownerColumn(table)} = ? ORDER BY id`);
    for (const r of stmt.iterate(userId) as Iterable<RawRow>) yield toSyncRow(table, r);
  }

  /**
   * Called at the start of every sync. The first time this user meets this central store (a new store, or one
   * rebuilt at the same address), every row of the user is marked changed, so that nothing this device
   * believes the central store has is missing from it. Returns whether this was the first contact.
   */
  beginRemote(userId: string, remote: string, tables: readonly SyncedTable[]): boolean {
    return this.store.transaction(() => {
      const known = this.store
        .sql('SELECT 1 FROM sync_state WHERE user_id = ? AND remote = ? LIMIT 1')
        .get(userId, remote);
      if (known) return false;
      for (const table of tables) {
        this.markAllDirty(table, userId);
        this.store
          .sql(
            'INSERT OR IGNORE INTO sync_state (user_id, remote, table_name, pull_cursor) VALUES (?, ?, ?, 0)',
          )
          .run(userId, remote, table);
      }
      return true;
    });
  }

  cursor(userId: string, remote: string, table: SyncedTable): number {
    const row = this.store
      .sql('SELECT pull_cursor FROM sync_state WHERE user_id = ? AND remote = ? AND table_name = ?')
      .get(userId, remote, table) as { pull_cursor: number } | undefined;
    return row?.pull_cursor ?? 0;
  }

  setCursor(userId: string, remote: string, table: SyncedTable, cursor: number): void {
    this.store
      .sql(
        `INSERT INTO sync_state (user_id, remote, table_name, pull_cursor) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, remote, table_name) DO UPDATE SET pull_cursor = excluded.pull_cursor`,
      )
      .run(userId, remote, table, cursor);
  }
}

function toSyncRow(table: SyncedTable, r: RawRow): LocalSyncRow {
  const values: Record<string, FieldValue> = {};
  for (const f of TABLES[table].fields) values[f.name] = r[f.name] ?? null;
  return {
    id: String(r.id),
    values,
    hlc: String(r.hlc),
    clock: JSON.parse(String(r.clock)) as Record<string, string>,
    modifiedAt: String(r.modified_at),
    base: r.base_hlc === null || r.base_hlc === undefined ? null : String(r.base_hlc),
    baseClock:
      r.base_clock === null || r.base_clock === undefined
        ? null
        : (JSON.parse(String(r.base_clock)) as Record<string, string>),
    isSynced: r.is_synced === 1,
  };
}

/** Whether two clocks name the same fields with the same clocks. */
function sameClock(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
