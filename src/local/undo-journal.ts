import { newId } from '../domain/ids.js';
import { SYNCED_TABLES, type FieldValue, type SyncedTable } from '../domain/tables.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';

/** How many operations a user's journal keeps on this device; older ones can no longer be undone. */
export const UNDO_KEEP = 50;

/** One recorded change of many rows (or of one row, a delete), as lists and answers show it. */
export interface UndoOperation {
  readonly id: string;
  readonly label: string;
  /** Rows it changed. */
  readonly count: number;
  readonly createdAt: string;
  /** When it was undone; null while it can still be. */
  readonly undoneAt: string | null;
}

interface OperationRow {
  id: string;
  label: string;
  row_count: number;
  created_at: string;
  undone_at: string | null;
}

interface JournalRow {
  row_table: string;
  row_id: string;
  prior: string;
  written: string;
}

/** What one row looked like before an operation, field by field, and the clocks the operation gave it. */
interface RowChange {
  readonly table: SyncedTable;
  readonly id: string;
  readonly prior: Record<string, FieldValue>;
  readonly written: Record<string, string>;
}

const operationOf = (r: OperationRow): UndoOperation => ({
  id: r.id,
  label: r.label,
  count: r.row_count,
  createdAt: r.created_at,
  undoneAt: r.undone_at,
});

/**
 * Writes of one operation that remember, for each row, the prior values of exactly the fields they changed.
 * Same contract as RowWriter's update and tombstone.
 */
export class JournaledWriter {
  private readonly changes = new Map<string, RowChange>();

  constructor(
    private readonly store: LocalStore,
    private readonly writer: RowWriter,
  ) {}

  update(table: SyncedTable, id: string, patch: Record<string, FieldValue | undefined>): boolean {
    const current = this.store.sql(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, FieldValue> | undefined;
    if (!current) throw new Error(`${table} ${id} does not exist`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Record<
      string,
      FieldValue
    >;
    if (!this.writer.update(table, id, defined)) return false;
    const clock = JSON.parse(
      (this.store.sql(`SELECT clock FROM ${table} WHERE id = ?`).get(id) as { clock: string }).clock,
    ) as Record<string, string>;
    const key = `${table}\u0000${id}`;
    const change = this.changes.get(key) ?? { table, id, prior: {}, written: {} };
    for (const [field, value] of Object.entries(defined)) {
      if (value === current[field]) continue;
      // A field changed twice in one operation goes back to its value from before the first change.
      if (!(field in change.prior)) change.prior[field] = current[field] ?? null;
      change.written[field] = clock[field] ?? '';
    }
    this.changes.set(key, change);
    return true;
  }

  tombstone(table: SyncedTable, id: string): boolean {
    return this.update(table, id, { deleted: 1 });
  }

  /** The rows changed so far. */
  get count(): number {
    return this.changes.size;
  }

  recorded(): readonly RowChange[] {
    return [...this.changes.values()];
  }
}

/**
 * The device's undo journal (not synced): each bulk edit and each delete is one operation. Undoing writes the
 * prior values back as new changes, with new clocks, so they win the next sync on every device.
 *
 * An undo is all or nothing: when any field it would restore has been changed since (here or by a sync, its
 * clock moved), it refuses and writes nothing, naming the row. Restoring only the untouched fields would leave
 * a half-undone operation that matches neither what the person had before nor what they have now.
 */
export class UndoJournal {
  private readonly writer: RowWriter;

  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * Run `work` in one transaction with a journaled writer, and keep what it changed as one operation labelled
   * `label` (a function of the rows changed, so the label can count them).
   */
  record<T>(
    userId: string,
    label: (count: number) => string,
    work: (writer: JournaledWriter) => T,
  ): { readonly result: T; readonly operation: UndoOperation } {
    return this.store.transaction(() => {
      const writer = new JournaledWriter(this.store, this.writer);
      const result = work(writer);
      const id = newId();
      const createdAt = this.store.now().toISOString();
      this.store
        .sql('INSERT INTO undo_operation (id, user_id, label, row_count, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, userId, label(writer.count), writer.count, createdAt);
      const insert = this.store.sql(
        'INSERT INTO undo_row (operation_id, row_table, row_id, prior, written) VALUES (?, ?, ?, ?, ?)',
      );
      for (const c of writer.recorded())
        insert.run(id, c.table, c.id, JSON.stringify(c.prior), JSON.stringify(c.written));
      this.trim(userId);
      return { result, operation: this.get(userId, id) };
    });
  }

  /** A user's operations on this device, newest first. */
  list(userId: string, limit = UNDO_KEEP): UndoOperation[] {
    const rows = this.store
      .sql(
        `SELECT id, label, row_count, created_at, undone_at FROM undo_operation
         WHERE user_id = ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(userId, limit) as OperationRow[];
    return rows.map(operationOf);
  }

  get(userId: string, id: string): UndoOperation {
    const row = this.store
      .sql(
        'SELECT id, label, row_count, created_at, undone_at FROM undo_operation WHERE id = ? AND user_id = ?',
      )
      .get(id, userId) as OperationRow | undefined;
    if (!row) throw new NotFoundError(`no operation ${id} to undo on this device`);
    return operationOf(row);
  }

  /** The newest operation not undone yet. */
  latest(userId: string): UndoOperation | undefined {
    const row = this.store
      .sql(
        `SELECT id, label, row_count, created_at, undone_at FROM undo_operation
         WHERE user_id = ? AND undone_at IS NULL ORDER BY seq DESC LIMIT 1`,
      )
      .get(userId) as OperationRow | undefined;
    return row ? operationOf(row) : undefined;
  }

  /** Put back what an operation changed; refuses (writing nothing) when any of it has changed since. */
  undo(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const operation = this.get(userId, id);
      if (operation.undoneAt !== null)
        throw new ValidationError('operationId', `"${operation.label}" has already been undone`);
      const rows = this.store
        .sql('SELECT row_table, row_id, prior, written FROM undo_row WHERE operation_id = ?')
        .all(id) as JournalRow[];
      const restores: { table: SyncedTable; id: string; prior: Record<string, FieldValue> }[] = [];
      const moved: string[] = [];
      for (const r of rows) {
        const table = syncedTable(r.row_table);
        const current = this.store.sql(`SELECT clock FROM ${table} WHERE id = ?`).get(r.row_id) as
          { clock: string } | undefined;
        const written = JSON.parse(r.written) as Record<string, string>;
        const clock = current ? (JSON.parse(current.clock) as Record<string, string>) : {};
        const changed = Object.keys(written).filter((f) => clock[f] !== written[f]);
        if (!current || changed.length > 0) {
          moved.push(`${table} ${r.row_id} (${changed.join(', ') || 'gone'})`);
          continue;
        }
        restores.push({ table, id: r.row_id, prior: JSON.parse(r.prior) as Record<string, FieldValue> });
      }
      if (moved.length > 0) {
        const shown =
          moved.slice(0, 3).join('; ') + (moved.length > 3 ? `; and ${moved.length - 3} more` : '');
        throw new ValidationError(
          'operationId',
          `cannot undo "${operation.label}": ${moved.length === 1 ? 'a row has' : `${moved.length} rows have`} ` +
            `changed since: ${shown}. Nothing was undone`,
        );
      }
      for (const r of restores) this.writer.update(r.table, r.id, r.prior);
      this.store
        .sql('UPDATE undo_operation SET undone_at = ? WHERE id = ?')
        .run(this.store.now().toISOString(), id);
      return this.get(userId, id);
    });
  }

  /** Forget a user's whole journal (its rows were re-keyed, so it names rows that no longer exist). */
  forget(userId: string): void {
    this.store
      .sql('DELETE FROM undo_row WHERE operation_id IN (SELECT id FROM undo_operation WHERE user_id = ?)')
      .run(userId);
    this.store.sql('DELETE FROM undo_operation WHERE user_id = ?').run(userId);
  }

  /** Keep the newest UNDO_KEEP operations of a user. */
  private trim(userId: string): void {
    const old = `SELECT id FROM undo_operation WHERE user_id = ? ORDER BY seq DESC LIMIT -1 OFFSET ${UNDO_KEEP}`;
    this.store.sql(`DELETE FROM undo_row WHERE operation_id IN (${old})`).run(userId);
    this.store.sql(`DELETE FROM undo_operation WHERE id IN (${old})`).run(userId);
  }
}

/** A table name read back from the journal, checked against the fixed list before it is used in SQL. */
function syncedTable(name: string): SyncedTable {
  const table = SYNCED_TABLES.find((t) => t === name);
  if (!table) throw new Error(`the undo journal names an unknown table ${name}`);
  return table;
}
