import { TABLES, type FieldValue, type SyncedTable } from '../domain/tables.js';
import type { LocalStore } from './local-store.js';

/**
 * Every local write to a synced table goes through here, so each one stamps the HLC on the row and on each
 * changed field, `modified_at`, and `is_synced = 0`. Column names come only from TABLES.
 */
export class RowWriter {
  constructor(private readonly store: LocalStore) {}

  insert(table: SyncedTable, id: string, values: Record<string, FieldValue>): void {
    this.inserter(table)(id, values);
  }

  /**
   * A function that inserts new rows of one table, stamped as insert() does, with the column list and the
   * statement made once: a 100,000-row import spends most of its time inserting, and rebuilding both per row
   * cost a third of that.
   */
  inserter(table: SyncedTable): (id: string, values: Record<string, FieldValue>) => void {
    const fields = TABLES[table].fields.map((f) => f.name);
    const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced'];
    const statement = this.store.sql(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    return (id, values) => {
      const hlc = this.store.nextHlc();
      const clock = Object.fromEntries(fields.map((f) => [f, hlc]));
      const row: Record<string, FieldValue> = { deleted: 0, ...values };
      statement.run(
        id,
        ...fields.map((f) => row[f] ?? null),
        hlc,
        JSON.stringify(clock),
        this.store.now().toISOString(),
        0,
      );
    };
  }

  /**
   * Change some fields of a row. Only fields whose value differs are written and stamped;
   * returns false when nothing changed (no write, no new clock).
   */
  update(table: SyncedTable, id: string, patch: Record<string, FieldValue>): boolean {
    const known = new Set(TABLES[table].fields.map((f) => f.name));
    const current = this.store.sql(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, FieldValue> | undefined;
    if (!current) throw new Error(`${table} ${id} does not exist`);
    const changed = Object.keys(patch).filter((f) => {
      if (!known.has(f)) throw new Error(`${table} has no field ${f}`);
      return patch[f] !== undefined && patch[f] !== current[f];
    });
    if (changed.length === 0) return false;
    const hlc = this.store.nextHlc();
    const clock = JSON.parse(String(current.clock)) as Record<string, string>;
    for (const f of changed) clock[f] = hlc;
    const sets = [
      ...changed.map((f) => `${f} = ?`),
      'hlc = ?',
      'clock = ?',
      'modified_at = ?',
      'is_synced = 0',
    ];
    this.store
      .sql(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`)
      .run(
        ...changed.map((f) => patch[f] ?? null),
        hlc,
        JSON.stringify(clock),
        this.store.now().toISOString(),
        id,
      );
    return true;
  }

  /** A delete is a tombstone: the row stays so that the delete can travel to other devices. */
  tombstone(table: SyncedTable, id: string): boolean {
    return this.update(table, id, { deleted: 1 });
  }
}
