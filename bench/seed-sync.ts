import type { PostgresCentralStore } from '../src/central/postgres/postgres-store.js';
import { CENTRAL_TABLE_NAMES, ownerColumn } from '../src/central/table-names.js';
import { decodeClock, encodeClock } from '../src/domain/clock-codec.js';
import { SYNCED_TABLES, TABLES, type FieldValue, type SyncedTable } from '../src/domain/tables.js';
import type { LocalStore } from '../src/local/local-store.js';

/**
 * The baseline: a faithful TypeScript port of the original specification's Python `sync_expenses`,
 * applied to every synced table, on pfm's schemas so that it moves the same rows into the same central store:
 *
 *   SELECT the user's rows WHERE is_synced = 0 (fetchall)
 *   for each row:
 *     SELECT id FROM finance_x WHERE id = :1          -- one round trip
 *     UPDATE finance_x SET ... WHERE id = :n           -- or INSERT: one round trip
 *     UPDATE x SET is_synced = 1, sync_timestamp = ? WHERE id = ?   (SQLite)
 *   commit central, then commit SQLite (once per table, as the original does per entity)
 *
 * The original's UPDATE sets three columns; the port sets every field and the sync columns the central schema
 * needs (hlc, clock, modified_at, server_seq, origin), in the same single statement, so it stores the same
 * rows pfm stores. The original opens a new Oracle connection per sync; the port reuses the store's pooled
 * connection, which only flatters the baseline. The original has no merge, no conflicts and no tombstones.
 */
export async function seedPush(
  local: LocalStore,
  central: PostgresCentralStore,
  userId: string,
): Promise<number> {
  let synced = 0;
  for (const table of SYNCED_TABLES)
    synced += await seedPushTable(local, central, table, userId, 'seed-port');
  return synced;
}

async function seedPushTable(
  local: LocalStore,
  central: PostgresCentralStore,
  table: SyncedTable,
  userId: string,
  origin: string,
): Promise<number> {
  const fields = TABLES[table].fields.map((f) => f.name);
  const name = CENTRAL_TABLE_NAMES[table];
  const rows = local.db
    .prepare(`SELECT * FROM ${table} WHERE ${ownerColumn(table)} = ? AND is_synced = 0`)
    .all(userId) as Record<string, FieldValue>[];
  if (rows.length === 0) return 0;
  const cols = [...fields, 'hlc', 'clock', 'modified_at'];
  const exists = `SELECT id FROM ${name} WHERE id = $1`;
  const update =
    `UPDATE ${name} SET ${cols.map((c, i) => `${c} = $${i + 1}`).join(', ')}, ` +
    `server_seq = nextval('pfm_server_seq'), origin = $${cols.length + 1} WHERE id = $${cols.length + 2}`;
  const insert =
    `INSERT INTO ${name} (id, ${cols.join(', ')}, server_seq, origin) VALUES ($1, ` +
    `${cols.map((c, i) => `$${i + 2}`).join(', ')}, ` +
    `nextval('pfm_server_seq'), $${cols.length + 2})`;
  const markSynced = local.db.prepare(`UPDATE ${table} SET is_synced = 1, sync_timestamp = ? WHERE id = ?`);
  local.db.exec('BEGIN');
  try {
    await central.transaction(async (s) => {
      for (const row of rows) {
        // The clock as the central schema stores it (compact text); the device keeps JSON.
        const values = cols.map((c) =>
          c === 'clock'
            ? encodeClock(JSON.parse(String(row.clock)) as Record<string, string>, String(row.hlc))
            : (row[c] ?? null),
        );
        const found = await s.query(exists, [row.id]);
        if (found.rows.length > 0) await s.query(update, [...values, origin, row.id]);
        else await s.query(insert, [row.id, ...values, origin]);
        markSynced.run(new Date().toISOString(), row.id);
      }
    });
    local.db.exec('COMMIT');
  } catch (e) {
    local.db.exec('ROLLBACK');
    throw e;
  }
  return rows.length;
}

/**
 * The original's reverse direction (its conflict scenario "New Record in Oracle: INSERT to SQLite (reverse
 * sync)"), whose code the original specification does not show: extrapolated in its style. With no change
 * tracking centrally it reads all of the user's central rows of each table, then per row: SELECT in SQLite,
 * then INSERT, or UPDATE when the central row is newer (last-modified-wins on modified_at). SQLite is in
 * process, so only the read is a round trip.
 */
export async function seedPull(
  local: LocalStore,
  central: PostgresCentralStore,
  userId: string,
): Promise<number> {
  let pulled = 0;
  for (const table of SYNCED_TABLES) {
    const fields = TABLES[table].fields.map((f) => f.name);
    const cols = ['id', ...fields, 'hlc', 'clock', 'modified_at'];
    const { rows } = await central.run((s) =>
      s.query<Record<string, unknown>>(
        `SELECT ${cols.join(', ')} FROM ${CENTRAL_TABLE_NAMES[table]} WHERE ${ownerColumn(table)} = $1`,
        [userId],
      ),
    );
    const find = local.db.prepare(`SELECT modified_at FROM ${table} WHERE id = ?`);
    const insert = local.db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}, is_synced, sync_timestamp) VALUES (${cols.map(() => '?').join(', ')}, 1, ?)`,
    );
    const update = local.db.prepare(
      `UPDATE ${table} SET ${cols
        .slice(1)
        .map((c) => `${c} = ?`)
        .join(', ')}, is_synced = 1, sync_timestamp = ? WHERE id = ?`,
    );
    local.transaction(() => {
      for (const r of rows) {
        const values = cols.map((c) => {
          const v = r[c];
          return c === 'clock'
            ? JSON.stringify(decodeClock(String(v), String(r.hlc), fields))
            : v === undefined
              ? null
              : typeof v === 'bigint'
                ? Number(v)
                : v;
        }) as FieldValue[];
        const mine = find.get(r.id) as { modified_at: string } | undefined;
        const now = new Date().toISOString();
        if (!mine) {
          insert.run(...values, now);
          pulled++;
        } else if (String(r.modified_at) > mine.modified_at) {
          update.run(...values.slice(1), now, r.id as string);
          pulled++;
        }
      }
    });
  }
  return pulled;
}
