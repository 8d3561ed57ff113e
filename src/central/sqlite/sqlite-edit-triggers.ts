import { TABLES, type FieldSpec, type SyncedTable } from '../../domain/tables.js';
import { CENTRAL_EDIT_NODE } from '../central-store.js';
import { compactClockSql, compactFieldClockSql, type ClockForm } from '../compact-clock-sql.js';
import { CENTRAL_TABLE_NAMES, insertDefaults, ownerColumn } from '../table-names.js';

/**
 * Triggers that turn a plain SQL write on a synced central table (an admin's UPDATE in the `sqlite3` shell, a
 * job's INSERT, a DELETE) into a change every device pulls, as if a device had made it: the changed fields get
 * a fresh clock, the row a new `server_seq`. SQLite dialect of the PostgreSQL triggers, in plain SQL only, so
 * they work in any SQLite client (no function of ours is needed).
 *
 * How the sync's own writes are told apart: the sync always sets `server_seq` (a new value, on insert and on
 * update alike); a plain write does not. Each trigger's WHEN clause tests that. Whoever writes with plain SQL
 * must therefore never set `server_seq` (nor `hlc`, `clock`) by hand.
 *
 * SQLite has one writer at a time, so the user's lock is the database's own write lock; the lock row is still
 * made, as on the server stores. A trigger cannot hold a CTE, so the next clock and seq go through one-row
 * tables (`pfm_edit_clock`, `pfm_server_seq`) within the writing transaction.
 *
 * Identifiers come only from TABLES and CENTRAL_TABLE_NAMES.
 */

const NOW_MILLIS = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** The counter (4 hex digits) of a clock's text as an integer. */
function counterOf(hlc: string): string {
  return [0, 1, 2, 3]
    .map((i) => `(instr('0123456789ABCDEF', upper(substr(${hlc}, ${26 + i}, 1))) - 1) * ${16 ** (3 - i)}`)
    .join(' + ');
}

/**
 * The next central clock after `after` (a row's hlc, or NULL for a new row): now in UTC millis, counter 0; or,
 * when now is not past `after`'s time (the same millisecond, or a device clock ahead of this machine's),
 * `after`'s time with its counter + 1 (the next millisecond, counter 0, once the counter is full).
 */
function nextClock(after: string): string {
  const node = `'-${CENTRAL_EDIT_NODE}'`;
  const nextMs =
    `strftime('%Y-%m-%dT%H:%M:%fZ', (unixepoch(substr(${after}, 1, 19)) * 1000 + ` +
    `CAST(substr(${after}, 21, 3) AS INTEGER) + 1) / 1000.0, 'unixepoch')`;
  return `CASE
      WHEN ${after} IS NULL OR ${NOW_MILLIS} > substr(${after}, 1, 24) THEN ${NOW_MILLIS} || '-0000' || ${node}
      WHEN ${counterOf(after)} >= 65535 THEN ${nextMs} || '-0000' || ${node}
      ELSE substr(${after}, 1, 24) || '-' || printf('%04X', ${counterOf(after)} + 1) || ${node}
    END`;
}

/** The one-row tables the triggers draw clocks and seqs from: made once, with the first schema. */
export const EDIT_HELPER_TABLES_SQL = `
CREATE TABLE pfm_edit_clock (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  hlc TEXT
);
INSERT INTO pfm_edit_clock (singleton, hlc) VALUES (1, NULL);
`;

/**
 * The three triggers of one synced table:
 * - AFTER INSERT without a server_seq: every field's clock, hlc, modified_at and server_seq are stamped;
 * - AFTER UPDATE leaving server_seq as it was and changing a field: each changed field gets the new clock;
 * - BEFORE DELETE: the row becomes a tombstone (deleted = 1, through the update trigger) and is kept; a
 *   delete of a tombstone does nothing. Devices never learn of a row that vanishes, so rows never vanish.
 * `clockForm` is the stored form of the clock column (compact-clock-sql.ts): a released migration passes the
 * form of its release.
 */
export function sqliteEditTriggersSql(
  table: SyncedTable,
  fieldSpecs: readonly FieldSpec[] = TABLES[table].fields,
  clockForm: ClockForm = 'compact',
): string {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const fields = fieldSpecs.map((f) => f.name);
  const draw = (after: string, ownerRef: string) => `
  INSERT OR IGNORE INTO sync_user_lock (user_id) VALUES (${ownerRef});
  UPDATE pfm_edit_clock SET hlc = ${nextClock(after)} WHERE singleton = 1;
  UPDATE pfm_server_seq SET value = value + 1 WHERE singleton = 1;`;
  const stamp = `hlc = (SELECT hlc FROM pfm_edit_clock WHERE singleton = 1),
    modified_at = ${NOW_MILLIS},
    server_seq = (SELECT value FROM pfm_server_seq WHERE singleton = 1),
    origin = NULL`;
  const defaults = insertDefaults(table, fieldSpecs)
    .map(([f, from]) => `\n    ${f} = coalesce(${f}, ${from}),`)
    .join('');
  const newHlc = '(SELECT hlc FROM pfm_edit_clock WHERE singleton = 1)';
  const changedKeys = fields
    .map((f) => `SELECT '${f}' AS f WHERE NEW.${f} IS NOT OLD.${f}`)
    .join(' UNION ALL ');
  // Every field gets the new clock, the row's hlc: as JSON, each field named; compact, nothing written.
  const insertClock =
    clockForm === 'json' ? `json_object(${fields.map((f) => `'${f}', ${newHlc}`).join(', ')})` : `''`;
  // Changed fields get the new clock; as compact text, every other field keeps its clock, now written out,
  // since the row's hlc moves past it.
  const updateClock =
    clockForm === 'json'
      ? `json_patch(OLD.clock, (
      SELECT json_group_object(f, ${newHlc})
      FROM (${changedKeys})))`
      : compactClockSql(
          fields.map((f) => ({
            field: f,
            omit: `NEW.${f} IS NOT OLD.${f}`,
            clock: compactFieldClockSql('instr', 'OLD.clock', 'OLD.hlc', f),
          })),
        );
  return `
CREATE TRIGGER ${name}_edit_insert AFTER INSERT ON ${name}
FOR EACH ROW WHEN NEW.server_seq IS NULL
BEGIN${draw('NULL', `NEW.${owner}`)}
  UPDATE ${name} SET clock = ${insertClock},${defaults}
    ${stamp}
  WHERE id = NEW.id;
END;

CREATE TRIGGER ${name}_edit_update AFTER UPDATE ON ${name}
FOR EACH ROW WHEN NEW.server_seq IS OLD.server_seq AND (${fields.map((f) => `NEW.${f} IS NOT OLD.${f}`).join(' OR ')})
BEGIN${draw('OLD.hlc', `OLD.${owner}`)}
  INSERT OR IGNORE INTO sync_user_lock (user_id) VALUES (NEW.${owner});
  UPDATE ${name} SET clock = ${updateClock},
    ${stamp}
  WHERE id = NEW.id;
END;

CREATE TRIGGER ${name}_edit_delete BEFORE DELETE ON ${name}
FOR EACH ROW
BEGIN
  UPDATE ${name} SET deleted = 1 WHERE id = OLD.id AND deleted = 0;
  SELECT RAISE(IGNORE);
END;
`;
}
