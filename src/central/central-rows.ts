import { ClockCodecError, decodeClock, encodeClock } from '../domain/clock-codec.js';
import {
  SYNCED_TABLES,
  TABLES,
  fieldNames,
  rowOwner,
  type FieldValue,
  type SyncRow,
  type SyncedTable,
} from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import { CentralError, type CentralRow } from './central-store.js';
import { num } from './report-rows.js';

/**
 * The dialect-neutral half of reading and writing synced rows: argument checks, the checks every written row
 * passes, and a driver row turned into a CentralRow. Every central store calls these, so each one refuses the
 * same rows with the same message.
 */

/** Most rows one read of the change feed may return. */
export const MAX_READ_LIMIT = 100_000;

export function requireText(field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError(field, 'is required');
}

export function requireSeq(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ValidationError(field, 'must be a whole number, at least 0');
}

export function requireLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw new ValidationError('limit', `must be a whole number from 1 to ${MAX_READ_LIMIT}`);
  }
}

/** A row about to be written: its field values in their column types, its clock as compact text. */
export interface CheckedRow {
  readonly id: string;
  /** Every field of TABLES[table], in that order. */
  readonly values: readonly FieldValue[];
  readonly hlc: string;
  /** The fields' clocks as stored: only those that differ from `hlc` (src/domain/clock-codec.ts). */
  readonly clock: string;
  readonly modifiedAt: string;
}

/** Each synced table's field names, in TABLES order: the fields a stored clock covers. */
const FIELD_NAMES: Readonly<Record<SyncedTable, readonly string[]>> = Object.fromEntries(
  SYNCED_TABLES.map((t) => [t, fieldNames(t)] as const),
) as Record<SyncedTable, string[]>;

/**
 * The rows of one write after checking that every one belongs to `userId`, ids are unique, and values have
 * their field's type. Throws a CentralError naming the first row at fault: the whole batch is refused.
 */
export function checkedRows(table: SyncedTable, rows: readonly SyncRow[], userId: string): CheckedRow[] {
  const fields = TABLES[table].fields;
  const ids = new Set<string>();
  return rows.map((row) => {
    if (typeof row.id !== 'string' || row.id.length === 0) throw badRow(table, row, 'has no id');
    if (ids.has(row.id)) throw badRow(table, row, 'appears twice in one batch');
    ids.add(row.id);
    if (rowOwner(table, row) !== userId) {
      throw new CentralError(
        `${table} ${row.id} belongs to another user than ${userId}; the batch was not applied`,
        'PFM_FOREIGN_ROW',
      );
    }
    if (typeof row.hlc !== 'string' || typeof row.modifiedAt !== 'string' || typeof row.clock !== 'object') {
      throw badRow(table, row, 'lacks its hlc, clock or modifiedAt');
    }
    const values = fields.map((f) => {
      const v = row.values[f.name];
      let out: FieldValue = v === undefined ? null : v;
      if (out !== null && f.type === 'integer') {
        out = typeof out === 'number' ? out : Number(out);
        if (!Number.isSafeInteger(out)) throw badRow(table, row, `${f.name} is not an integer`);
      } else if (out !== null && typeof out !== 'string') {
        throw badRow(table, row, `${f.name} is not text`);
      }
      return out;
    });
    return { id: row.id, values, hlc: row.hlc, clock: storedClock(table, row), modifiedAt: row.modifiedAt };
  });
}

/**
 * A written row's clock in its stored form: every field of the table, no other name (a stored clock names
 * only fields of its table, so that every store reads it back).
 */
function storedClock(table: SyncedTable, row: SyncRow): string {
  const clock: Record<string, string> = {};
  for (const field of FIELD_NAMES[table]) {
    const fieldClock = row.clock[field];
    if (typeof fieldClock !== 'string') throw badRow(table, row, `lacks the clock of ${field}`);
    clock[field] = fieldClock;
  }
  try {
    return encodeClock(clock, row.hlc);
  } catch (e) {
    if (e instanceof ClockCodecError) throw badRow(table, row, `has a bad clock: ${e.message}`);
    throw e;
  }
}

/** The refusal of a write whose rows came back fewer than sent: some id is another user's. */
export function foreignRowsError(table: SyncedTable, sent: readonly string[], written: Iterable<string>) {
  const done = new Set(written);
  const refused = sent.filter((id) => !done.has(id));
  return new CentralError(
    `${table} ${refused.slice(0, 3).join(', ')}${refused.length > 3 ? ', ...' : ''}: ` +
      `the id belongs to another user; the batch was not applied`,
    'PFM_FOREIGN_ROW',
  );
}

/**
 * A driver row (lower-case column names) as a CentralRow: integer fields as numbers, the clock in full (every
 * field). NULL in a text field that cannot be null reads back as '' (Oracle stores '' as NULL; no other store has
 * such NULLs).
 */
export function toCentralRow(table: SyncedTable, r: Readonly<Record<string, unknown>>): CentralRow {
  const values: Record<string, FieldValue> = {};
  for (const f of TABLES[table].fields) {
    const v = r[f.name];
    if (v === null || v === undefined) values[f.name] = f.type === 'text' && !f.nullable ? '' : null;
    else values[f.name] = f.type === 'integer' ? num(v as number | string) : String(v);
  }
  const id = String(r.id);
  const hlc = String(r.hlc);
  return {
    id,
    values,
    hlc,
    clock: readClock(table, id, hlc, r.clock),
    modifiedAt: String(r.modified_at),
    seq: num(r.server_seq as number | string),
    origin: r.origin === null || r.origin === undefined ? null : String(r.origin),
  };
}

/** A stored clock read back in full: every field of the table. Oracle stores the empty text as NULL. */
function readClock(table: SyncedTable, id: string, hlc: string, stored: unknown): Record<string, string> {
  const text = stored === null || stored === undefined ? '' : String(stored);
  try {
    return decodeClock(text, hlc, FIELD_NAMES[table]);
  } catch (e) {
    if (e instanceof ClockCodecError) throw new ClockCodecError(`${table} ${id}: ${e.message}`);
    throw e;
  }
}

function badRow(table: SyncedTable, row: SyncRow, why: string): CentralError {
  return new CentralError(`${table} row ${String(row.id)} ${why}; the batch was not applied`, 'PFM_BAD_ROW');
}

/** The arguments of a read of the change feed: a user, a cursor, a page size, an optional upper bound. */
export function requireFeedRead(userId: string, afterSeq: number, limit: number, upToSeq?: number): void {
  requireText('userId', userId);
  requireSeq('afterSeq', afterSeq);
  requireLimit(limit);
  if (upToSeq !== undefined) requireSeq('upToSeq', upToSeq);
}

/** A dialect's statements for one synced table; refuses a name that is not one (it would reach SQL). */
export function tableStatements<S>(statements: Readonly<Record<SyncedTable, S>>, table: SyncedTable): S {
  requireSyncedTable(table);
  return statements[table];
}

/** Refuses a table name that is not a synced table (a caller's string must never reach SQL). */
export function requireSyncedTable(table: SyncedTable): void {
  if (!(SYNCED_TABLES as readonly string[]).includes(table))
    throw new ValidationError('table', `"${String(table)}" is not a synced table`);
}

/** The feed heads in one driver row (a column per synced table, named as the table): 0 where none. */
export function headsOf(row: Readonly<Record<string, unknown>> | undefined): Record<SyncedTable, number> {
  return Object.fromEntries(
    SYNCED_TABLES.map((t) => [t, num(row?.[t] as number | string | undefined)]),
  ) as Record<SyncedTable, number>;
}
