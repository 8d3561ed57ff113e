import { TABLES, type FieldSpec, type SyncedTable } from '../../domain/tables.js';
import { CENTRAL_EDIT_NODE } from '../central-store.js';
import { compactClockSql, compactFieldClockSql, type ClockForm } from '../compact-clock-sql.js';
import { CENTRAL_TABLE_NAMES, insertDefaults, ownerColumn } from '../table-names.js';

/**
 * Triggers that turn a plain SQL write on a synced central table (an admin's UPDATE, a reporting job's
 * INSERT, a DELETE) into a change every device pulls, as if a device had made it: the changed fields get a
 * fresh clock, the row a new `server_seq`. PostgreSQL dialect.
 *
 * How the sync's own writes are told apart, at no cost worth measuring: the sync's statement (sql.ts, `write`)
 * always sets `server_seq` from the sequence, on insert and on update alike; a plain write does not. The test
 * is each trigger's WHEN clause, evaluated without calling any function, so the sync's rows never enter
 * PL/pgSQL. Whoever writes with plain SQL must therefore never set `server_seq` (nor `hlc`, `clock`) by hand.
 *
 * The clocks: wall time from clock_timestamp() in UTC milliseconds, counter 0000 (or the row's previous
 * clock's counter + 1 when the wall time is not past it, so a central edit always sorts after what it edits)
 * and the fixed node CENTRAL_EDIT_NODE. Clocks compare by time first: the node only breaks exact ties.
 *
 * Identifiers come only from TABLES and CENTRAL_TABLE_NAMES.
 */

/** Returns the next central clock after the text clock given (or after nothing, NULL). */
export const CENTRAL_HLC_FUNCTION = 'pfm_central_hlc';
/** Takes one user's write lock, as a sync's write unit does. */
export const CENTRAL_LOCK_FUNCTION = 'pfm_central_lock';

const ISO_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The two helper functions every table's triggers call: installed once (central version 3); a later
 * migration adding a synced table needs only centralEditTriggersSql.
 */
export function centralEditHelpersSql(): string {
  return `
-- The next clock of the central store after p_after (a row's hlc, or NULL for a new row): now in UTC millis,
-- counter 0; or, when now is not past p_after's time (the same millisecond, or a device clock ahead of this
-- server's), p_after's time with its counter + 1 (the next millisecond once the counter is full).
CREATE FUNCTION ${CENTRAL_HLC_FUNCTION}(p_after TEXT) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_at TIMESTAMP := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
  v_prev TIMESTAMP;
  v_counter INTEGER := 0;
BEGIN
  IF p_after IS NOT NULL THEN
    v_prev := substr(p_after, 1, 23)::TIMESTAMP;
    IF v_at <= v_prev THEN
      v_at := v_prev;
      v_counter := ('x' || lpad(substr(p_after, 26, 4), 8, '0'))::BIT(32)::INTEGER + 1;
      IF v_counter > 65535 THEN
        v_at := v_prev + INTERVAL '1 millisecond';
        v_counter := 0;
      END IF;
    END IF;
  END IF;
  RETURN to_char(v_at, ${ISO_MILLIS}) || '-' || upper(lpad(to_hex(v_counter), 4, '0')) || '-${CENTRAL_EDIT_NODE}';
END
$$;

-- The user's write lock, exactly as a sync's write unit takes it (sql.ts LOCK_UPSERT_SQL, the same row lock
-- on sync_user_lock) and held to the end of the transaction. Taken before a server_seq is drawn: one user's
-- seqs then commit in the order they were drawn, so a device that pulled past a seq never misses an earlier
-- one committed later. The select alone suffices once the row exists; it does not write a row version.
-- An UPDATE's trigger runs with its row already locked, while a sync locks the user before its rows: the two
-- can deadlock on one row. The server then aborts one of them; a sync retries it (a deadlock is transient).
CREATE FUNCTION ${CENTRAL_LOCK_FUNCTION}(p_owner TEXT) RETURNS VOID
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM 1 FROM sync_user_lock WHERE user_id = p_owner FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO sync_user_lock (user_id) VALUES (p_owner)
    ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id;
  END IF;
END
$$;
`;
}

/**
 * The three triggers (and their functions) of one synced table:
 * - BEFORE INSERT without a server_seq: every field's clock, hlc, modified_at and server_seq are stamped;
 * - BEFORE UPDATE leaving server_seq as it was: each changed field gets the new clock (nothing changed, the
 *   row is left alone);
 * - BEFORE DELETE: the row becomes a tombstone (deleted = 1, through the update trigger) and is kept; a
 *   delete of a tombstone does nothing. Devices never learn of a row that vanishes, so rows never vanish.
 * `clockForm` is the stored form of the clock column (compact-clock-sql.ts): a released migration passes the
 * form of its release.
 */
export function centralEditTriggersSql(
  table: SyncedTable,
  fieldSpecs: readonly FieldSpec[] = TABLES[table].fields,
  clockForm: ClockForm = 'compact',
): string {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const fields = fieldSpecs.map((f) => f.name);
  const stamp = [
    `    NEW.hlc := v_hlc;`,
    `    NEW.modified_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', ${ISO_MILLIS});`,
    `    NEW.server_seq := nextval('pfm_server_seq');`,
    `    NEW.origin := NULL;`,
  ].join('\n');
  // Every field gets the new clock, the row's hlc: as JSON, each field named; compact, nothing written.
  const insertClock =
    clockForm === 'json' ? `jsonb_build_object(${fields.map((f) => `'${f}', v_hlc`).join(', ')})` : `''`;
  // Changed fields get the new clock; as compact text, every other field keeps its clock, now written out,
  // since the row's hlc moves past it.
  const updateClock =
    clockForm === 'json'
      ? `OLD.clock || (SELECT jsonb_object_agg(f, v_hlc) FROM unnest(v_fields) AS f)`
      : compactClockSql(
          fields.map((f) => ({
            field: f,
            omit: `'${f}' = ANY(v_fields)`,
            clock: compactFieldClockSql('strpos', 'OLD.clock', 'OLD.hlc', f),
          })),
        );
  const defaults = insertDefaults(table, fieldSpecs)
    .map(([f, from]) => `  NEW.${f} := coalesce(NEW.${f}, NEW.${from});\n`)
    .join('');
  const changed = fields
    .map((f) => `  IF NEW.${f} IS DISTINCT FROM OLD.${f} THEN v_fields := v_fields || '${f}'::TEXT; END IF;`)
    .join('\n');
  return `
CREATE FUNCTION ${name}_edit_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_hlc TEXT;
BEGIN
  PERFORM ${CENTRAL_LOCK_FUNCTION}(NEW.${owner});
  v_hlc := ${CENTRAL_HLC_FUNCTION}(NULL);
${defaults}  NEW.clock := ${insertClock};
${stamp}
  RETURN NEW;
END
$$;
CREATE TRIGGER ${name}_edit_insert BEFORE INSERT ON ${name}
  FOR EACH ROW WHEN (NEW.server_seq IS NULL) EXECUTE FUNCTION ${name}_edit_insert();

CREATE FUNCTION ${name}_edit_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_fields TEXT[] := ARRAY[]::TEXT[];
  v_hlc TEXT;
BEGIN
${changed}
  IF cardinality(v_fields) = 0 THEN
    RETURN NEW;
  END IF;
  PERFORM ${CENTRAL_LOCK_FUNCTION}(OLD.${owner});
  IF NEW.${owner} IS DISTINCT FROM OLD.${owner} THEN
    PERFORM ${CENTRAL_LOCK_FUNCTION}(NEW.${owner});
  END IF;
  v_hlc := ${CENTRAL_HLC_FUNCTION}(OLD.hlc);
  NEW.clock := ${updateClock};
${stamp}
  RETURN NEW;
END
$$;
CREATE TRIGGER ${name}_edit_update BEFORE UPDATE ON ${name}
  FOR EACH ROW WHEN (NEW.server_seq IS NOT DISTINCT FROM OLD.server_seq) EXECUTE FUNCTION ${name}_edit_update();

CREATE FUNCTION ${name}_edit_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.deleted = 0 THEN
    UPDATE ${name} SET deleted = 1 WHERE id = OLD.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ${name}_edit_delete BEFORE DELETE ON ${name}
  FOR EACH ROW EXECUTE FUNCTION ${name}_edit_delete();
`;
}
