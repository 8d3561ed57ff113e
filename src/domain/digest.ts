import { createHash, type Hash } from 'node:crypto';
import { TABLES, type FieldSpec, type FieldValue, type SyncRow, type SyncedTable } from './tables.js';

/**
 * A digest of one user's rows of one synced table, so that `sync --verify` can compare a device with the
 * central store without moving the rows. Every store feeds the same canonical encoding to sha256, so equal
 * data gives an equal digest whatever database it sits in.
 *
 * Encoding: a header line `pfm-digest/1 <table>`, then one line per row in increasing id order (plain code
 * unit order, the same as binary / "C" collation for the ASCII ids we make): the JSON array
 * `[id, [value of each field in TABLES order], [clock of each field in TABLES order]]`. Integer fields are
 * JSON numbers, text fields JSON strings, a missing value or clock is null. `hlc` and `modified_at` are left
 * out: they follow from the field clocks, and `modified_at` is wall time, not data.
 */
export interface TableDigest {
  readonly table: SyncedTable;
  /** Rows fed, tombstones included. */
  readonly rows: number;
  /** Lowercase hex sha256 of the canonical encoding. */
  readonly sha256: string;
}

export const DIGEST_FORMAT = 'pfm-digest/1';

export class DigestError extends Error {
  override name = 'DigestError';
}

/** Builds a table digest incrementally: feed rows in increasing id order, then call `finish` once. */
export class TableDigestBuilder {
  private readonly hash: Hash = createHash('sha256');
  private readonly fields: readonly FieldSpec[];
  private count = 0;
  private lastId: string | null = null;
  private done = false;

  constructor(readonly table: SyncedTable) {
    this.fields = TABLES[table].fields;
    this.hash.update(`${DIGEST_FORMAT} ${table}\n`);
  }

  add(row: SyncRow): void {
    if (this.done) throw new DigestError('digest already finished');
    if (this.lastId !== null && !(row.id > this.lastId)) {
      throw new DigestError(
        `${this.table} rows must come in increasing id order: ${row.id} after ${this.lastId}`,
      );
    }
    this.lastId = row.id;
    this.hash.update(encodeDigestRow(this.table, row, this.fields));
    this.hash.update('\n');
    this.count++;
  }

  finish(): TableDigest {
    if (this.done) throw new DigestError('digest already finished');
    this.done = true;
    return { table: this.table, rows: this.count, sha256: this.hash.digest('hex') };
  }
}

/** The digest of rows already in id order. */
export function digestRows(table: SyncedTable, rows: Iterable<SyncRow>): TableDigest {
  const builder = new TableDigestBuilder(table);
  for (const row of rows) builder.add(row);
  return builder.finish();
}

/** The canonical line of one row (without the newline). */
export function encodeDigestRow(
  table: SyncedTable,
  row: SyncRow,
  fields: readonly FieldSpec[] = TABLES[table].fields,
): string {
  const values = fields.map((f) => canonicalValue(table, f, row.values[f.name]));
  const clocks = fields.map((f) => {
    const c = row.clock[f.name];
    if (c === undefined || c === null) return null;
    if (typeof c !== 'string') throw new DigestError(`${table} ${row.id}: clock of ${f.name} is not text`);
    return c;
  });
  return JSON.stringify([row.id, values, clocks]);
}

function canonicalValue(table: SyncedTable, field: FieldSpec, value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === null) return null;
  if (field.type === 'text') {
    if (typeof value !== 'string')
      throw new DigestError(`${table}.${field.name} must be text, got ${typeof value}`);
    return value;
  }
  // Drivers return 64-bit integers as text; the digest sees the number either way.
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new DigestError(`${table}.${field.name} must be an integer, got ${value}`);
  return n;
}
