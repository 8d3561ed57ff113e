import { z } from 'zod';
import { ClockCodecError, decodeClock, encodeClock } from '../domain/clock-codec.js';
import { isHlc } from '../domain/hlc.js';
import { fieldNames, type FieldValue, type SyncRow, type SyncedTable } from '../domain/tables.js';
import type { PulledRow, PushedRow } from './remote.js';

/**
 * Rows on the wire in sync protocol 2: one table's rows in columnar form. The batch names its fields once
 * (`fields`); each row is an array: its sync columns first, in a fixed order, then one value per named field.
 * A row's field clocks travel as compact clock text (src/domain/clock-codec.ts): only the fields whose clock
 * differs from the row's hlc, which for a row written in one change is none. Protocol 1 sent every row as an
 * object, repeating each field's name twice (value and clock) and the row's clock once per field.
 *
 *   synced row:  [id, hlc, modifiedAt, clock, ...values]                    (a push's answer)
 *   pushed row:  [id, hlc, modifiedAt, clock, base, baseClock, ...values]   (a push)
 *   pulled row:  [id, hlc, modifiedAt, clock, seq, origin, ...values]       (a pull or a fetch)
 *
 * `baseClock` is compact text against `base` (null when this device never agreed on the row, or agreed before
 * field clocks were kept). Decoding checks the layout and names the cell at fault (`rows.3.hlc`); what the
 * values themselves may be is checked afterwards, as for every row from another store (validateSyncRow).
 */
export type WireCell = string | number | null;

/** As JSON gives it (and as zod reads it): plain arrays. */
export interface WireRows {
  readonly fields: string[];
  readonly rows: WireCell[][];
}

/** The longest text a cell may hold (a value; a clock text is far shorter). */
const MAX_CELL_TEXT = 10_000;
/** More fields than any table has, so a malformed batch is refused before it is read further. */
const MAX_FIELDS = 64;
/** The sync columns every row starts with. */
const ROW_COLUMNS = ['id', 'hlc', 'modifiedAt', 'clock'] as const;

/** A malformed wire batch: `path` names the part at fault (`fields.2`, `rows.3.hlc`). */
export class WireRowsError extends Error {
  override name = 'WireRowsError';
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** What a row carries besides id, values and clocks, and how it sits on the wire. */
interface Layout<R extends SyncRow> {
  /** The names of the extra sync columns, between the clock and the values. */
  readonly extra: readonly string[];
  write(row: R, fields: ReadonlySet<string>): WireCell[];
  /** The row with its extra columns read from `cells`, from `at` on; row `i` of `fields`. */
  read(row: SyncRow, cells: readonly WireCell[], at: number, i: number, fields: readonly string[]): R;
}

const SYNCED: Layout<SyncRow> = { extra: [], write: () => [], read: (row) => row };

const PUSHED: Layout<PushedRow> = {
  extra: ['base', 'baseClock'],
  write: (row, fields) => {
    // The base clock is written against the base; without a base it has nothing to say (merge uses neither).
    const base = row.base;
    return [
      base,
      base !== null && row.baseClock ? encodeClock(fieldClocks(row.baseClock, fields), base) : null,
    ];
  },
  read: (row, cells, at, i, fields) => {
    const base = cells[at];
    const baseClock = cells[at + 1];
    if (base === null || base === undefined) {
      if (baseClock !== null) throw cellError(i, 'baseClock', 'must be null when base is');
      return pushedRow(row, null, null);
    }
    if (typeof base !== 'string' || !isHlc(base)) throw cellError(i, 'base', 'must be a clock or null');
    if (baseClock === null || baseClock === undefined) return pushedRow(row, base, null);
    if (typeof baseClock !== 'string') throw cellError(i, 'baseClock', 'must be clock text or null');
    return pushedRow(row, base, clockOf(baseClock, base, fields, i, 'baseClock'));
  },
};

// Rows are built property by property: an object spread of each decoded row cost three times the rest of
// decoding it.
function pushedRow(row: SyncRow, base: string | null, baseClock: Record<string, string> | null): PushedRow {
  const { id, values, hlc, clock, modifiedAt } = row;
  return { id, values, hlc, clock, modifiedAt, base, baseClock };
}

const PULLED: Layout<PulledRow> = {
  extra: ['seq', 'origin'],
  write: (row) => [row.seq, row.origin],
  read: (row, cells, at, i) => {
    const seq = cells[at];
    const origin = cells[at + 1];
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
      throw cellError(i, 'seq', 'must be a whole number from 0');
    if (origin !== null && typeof origin !== 'string') throw cellError(i, 'origin', 'must be text or null');
    const { id, values, hlc, clock, modifiedAt } = row;
    return { id, values, hlc, clock, modifiedAt, seq, origin: origin ?? null };
  },
};

/** A push's rows on the wire. */
export const encodePushedRows = (table: SyncedTable, rows: readonly PushedRow[]): WireRows =>
  encode(table, rows, PUSHED);
/** A push's answer (the central versions) on the wire. */
export const encodeSyncedRows = (table: SyncedTable, rows: readonly SyncRow[]): WireRows =>
  encode(table, rows, SYNCED);
/** A pull's or a fetch's rows on the wire. */
export const encodePulledRows = (table: SyncedTable, rows: readonly PulledRow[]): WireRows =>
  encode(table, rows, PULLED);

/** Throws WireRowsError naming the cell at fault. */
export const decodePushedRows = (table: SyncedTable, wire: WireRows): PushedRow[] =>
  decode(table, wire, PUSHED);
export const decodeSyncedRows = (table: SyncedTable, wire: WireRows): SyncRow[] =>
  decode(table, wire, SYNCED);
export const decodePulledRows = (table: SyncedTable, wire: WireRows): PulledRow[] =>
  decode(table, wire, PULLED);

/** The shape of `{ fields, rows }` (cell types and sizes); the layout is checked by decoding. */
export function wireRowsShape(maxRows: number) {
  // One check per cell rather than a union of three schemas: a batch has up to 5,000 rows of 20-odd cells.
  const cell = z.custom<WireCell>(
    (v) => v === null || typeof v === 'number' || (typeof v === 'string' && v.length <= MAX_CELL_TEXT),
    { error: `must be a number, null or text of at most ${MAX_CELL_TEXT} characters` },
  );
  return {
    fields: z.array(z.string().min(1).max(64)).max(MAX_FIELDS),
    rows: z.array(z.array(cell).max(ROW_COLUMNS.length + 2 + MAX_FIELDS)).max(maxRows),
  };
}

/** Decode inside a zod transform: a malformed batch becomes one issue at the cell at fault. */
export function decodeInZod<R>(ctx: z.RefinementCtx, decodeRows: () => R[]): R[] {
  try {
    return decodeRows();
  } catch (e) {
    if (!(e instanceof WireRowsError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message, path: [...e.path] });
    return z.NEVER;
  }
}

function encode<R extends SyncRow>(table: SyncedTable, rows: readonly R[], layout: Layout<R>): WireRows {
  const fields = fieldNames(table);
  const known = new Set(fields);
  return {
    fields,
    rows: rows.map((row) => [
      row.id,
      row.hlc,
      row.modifiedAt,
      encodeClock(fieldClocks(row.clock, known), row.hlc),
      ...layout.write(row, known),
      ...fields.map((f) => row.values[f] ?? null),
    ]),
  };
}

/**
 * The clocks of the table's fields only: a clock naming something else (written by hand into a store) would
 * make the whole batch unreadable, where protocol 1 carried it along unused.
 */
function fieldClocks(
  clock: Readonly<Record<string, string>>,
  fields: ReadonlySet<string>,
): Readonly<Record<string, string>> {
  const names = Object.keys(clock);
  if (names.every((name) => fields.has(name))) return clock;
  const kept: Record<string, string> = {};
  for (const name of names) if (fields.has(name)) kept[name] = clock[name] as string;
  return kept;
}

/** A bad cell of row `i`, named. */
function cellError(i: number, column: string, reason: string): WireRowsError {
  return new WireRowsError(['rows', i, column], `rows.${i}.${column} ${reason}`);
}

// A plain loop, no closure per row: a hub reads up to 5,000 rows per request.
function decode<R extends SyncRow>(table: SyncedTable, wire: WireRows, layout: Layout<R>): R[] {
  const fields = checkedFields(table, wire.fields);
  const first = ROW_COLUMNS.length + layout.extra.length;
  const width = first + fields.length;
  const decoded: R[] = [];
  for (let i = 0; i < wire.rows.length; i++) {
    const cells = wire.rows[i] as WireCell[];
    if (cells.length !== width) {
      const columns = [...ROW_COLUMNS, ...layout.extra, ...fields].join(', ');
      throw new WireRowsError(['rows', i], `rows.${i} must hold ${width} cells: ${columns}`);
    }
    const [id, hlc, modifiedAt, clock] = cells;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64)
      throw cellError(i, 'id', 'must be an id');
    if (typeof hlc !== 'string' || !isHlc(hlc)) throw cellError(i, 'hlc', 'must be a clock');
    if (typeof modifiedAt !== 'string' || modifiedAt.length === 0 || modifiedAt.length > 40)
      throw cellError(i, 'modifiedAt', 'must be a timestamp');
    if (typeof clock !== 'string') throw cellError(i, 'clock', 'must be clock text');
    const values: Record<string, FieldValue> = {};
    for (let f = 0; f < fields.length; f++) values[fields[f] as string] = cells[first + f] ?? null;
    const row = { id, values, hlc, clock: clockOf(clock, hlc, fields, i, 'clock'), modifiedAt };
    decoded.push(layout.read(row, cells, ROW_COLUMNS.length, i, fields));
  }
  return decoded;
}

/** The batch's field names: exactly the table's fields, each once, in any order. */
function checkedFields(table: SyncedTable, named: readonly string[]): readonly string[] {
  const known = fieldNames(table);
  const seen = new Set<string>();
  named.forEach((name, i) => {
    if (!known.includes(name) || seen.has(name))
      throw new WireRowsError(
        ['fields', i],
        `fields.${i} "${name.slice(0, 40)}" is ${seen.has(name) ? 'named twice' : `not a field of ${table}`}`,
      );
    seen.add(name);
  });
  const missing = known.find((name) => !seen.has(name));
  if (missing !== undefined)
    throw new WireRowsError(['fields'], `fields must name every field of ${table}: ${missing} is missing`);
  return named;
}

function clockOf(
  text: string,
  hlc: string,
  fields: readonly string[],
  i: number,
  column: string,
): Record<string, string> {
  try {
    return decodeClock(text, hlc, fields);
  } catch (e) {
    if (e instanceof ClockCodecError) throw cellError(i, column, `is not clock text: ${e.message}`);
    throw e;
  }
}
