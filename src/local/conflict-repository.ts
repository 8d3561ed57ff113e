import { SPLIT_FIELDS } from '../domain/splits.js';
import type { FieldConflict } from '../domain/merge.js';
import { naturalId } from '../domain/ids.js';
import { DATA_TABLES, TABLES, type FieldValue, type SyncedTable } from '../domain/tables.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { conflictSubject, type ConflictSubject } from './conflict-subject.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';

/** A value that lost a merge, kept so that the user can see it and bring it back. */
export interface SyncConflict {
  readonly id: string;
  readonly userId: string;
  readonly table: DataTable;
  readonly rowId: string;
  readonly field: string;
  readonly keptValue: FieldValue;
  readonly keptHlc: string;
  readonly lostValue: FieldValue;
  readonly lostHlc: string;
  /** Whose value lost: this device's own, or one that came from elsewhere (another device, the central store). */
  readonly lostSide: 'local' | 'central';
  /** The device that wrote the losing value (the node of its clock). */
  readonly lostDevice: string;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: 'restored' | 'dismissed' | null;
  /** The row it is about (its day, amount and name or note), so a person can tell which one. */
  readonly subject: ConflictSubject | null;
}

type DataTable = (typeof DATA_TABLES)[number];

interface ConflictRow {
  id: string;
  user_id: string;
  table_name: DataTable;
  row_id: string;
  field_name: string;
  kept_value: string | null;
  kept_hlc: string;
  lost_value: string | null;
  lost_hlc: string;
  detected_at: string;
  resolved_at: string | null;
  resolution: 'restored' | 'dismissed' | null;
}

const parseValue = (json: string | null): FieldValue =>
  json === null ? null : (JSON.parse(json) as FieldValue);

/**
 * The `sync_conflict` table: every losing version, listed and restorable. A synced table like the others, so
 * every device of the user sees each conflict, and restoring or dismissing it on one settles it on all.
 */
export class ConflictRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * Keep losing values. The id derives from (row, field, lost clock, lost value), so the same loss found twice
   * (a batch retried after a crash, or found by two devices) is kept once. A lost `resolution` of a conflict
   * itself (settled differently on two devices) is not a conflict anyone needs to see.
   */
  record(userId: string, table: SyncedTable, conflicts: readonly FieldConflict[]): number {
    if (table === 'sync_conflict' || conflicts.length === 0) return 0;
    const fields = TABLES.sync_conflict.fields.map((f) => f.name);
    const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced'];
    const stmt = this.store.sql(
      `INSERT OR IGNORE INTO sync_conflict (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    let added = 0;
    for (const c of conflicts) {
      const hlc = this.store.nextHlc();
      const now = this.store.now().toISOString();
      const values: Record<string, FieldValue> = {
        user_id: userId,
        table_name: table,
        row_id: c.rowId,
        field_name: c.field,
        kept_value: JSON.stringify(c.keptValue),
        kept_hlc: c.keptHlc,
        lost_value: JSON.stringify(c.lostValue),
        lost_hlc: c.lostHlc,
        detected_at: now,
        resolution: null,
        resolved_at: null,
        deleted: 0,
      };
      added += stmt.run(
        naturalId('sync_conflict', table, c.rowId, c.field, c.lostHlc, JSON.stringify(c.lostValue)),
        ...fields.map((f) => values[f] ?? null),
        hlc,
        JSON.stringify(Object.fromEntries(fields.map((f) => [f, hlc]))),
        now,
        0,
      ).changes;
    }
    return added;
  }

  /** Unresolved conflicts of a user (all with `includeResolved`), newest first. */
  list(userId: string, includeResolved = false): SyncConflict[] {
    const rows = this.store
      .sql(
        `SELECT * FROM sync_conflict WHERE user_id = ? AND deleted = 0 AND (? = 1 OR resolution IS NULL)
         ORDER BY detected_at DESC, id`,
      )
      .all(userId, includeResolved ? 1 : 0) as ConflictRow[];
    return rows.map((r) => this.toConflict(r));
  }

  get(id: string): SyncConflict {
    const row = this.store.sql('SELECT * FROM sync_conflict WHERE id = ? AND deleted = 0').get(id) as
      ConflictRow | undefined;
    if (!row) throw new NotFoundError(`no conflict with id ${id}`);
    return this.toConflict(row);
  }

  /**
   * Bring the losing value back: a new local write (new clock, so it wins the next merge everywhere) of the
   * lost value. For a delete that won over edits, restoring undeletes the row, edits included.
   */
  restore(id: string): SyncConflict {
    return this.store.transaction(() => {
      const c = this.get(id);
      if (c.resolvedAt) throw new ValidationError('id', `conflict ${id} was already ${c.resolution}`);
      if (!DATA_TABLES.includes(c.table) || !TABLES[c.table].fields.some((f) => f.name === c.field)) {
        throw new ValidationError('id', `conflict ${id} names an unknown field`);
      }
      if (c.table === 'app_user' && c.field === 'currency') {
        throw new ValidationError(
          'id',
          "a user's currency is fixed when the user is created: every amount is counted in it",
        );
      }
      if (!this.store.sql(`SELECT 1 FROM ${c.table} WHERE id = ?`).get(c.rowId)) {
        throw new NotFoundError(`the ${c.table} row of conflict ${id} is not on this device yet: sync first`);
      }
      // A split's amount, category and parts lost together (merge.ts): they come back together, or a restored
      // amount alone would no longer match its parts.
      const together = this.lostTogether(c);
      this.writer.update(c.table, c.rowId, Object.fromEntries(together.map((t) => [t.field, t.lostValue])));
      for (const t of together) this.resolve(t.id, 'restored');
      return this.get(id);
    });
  }

  dismiss(id: string): SyncConflict {
    return this.store.transaction(() => {
      const c = this.get(id);
      if (c.resolvedAt) throw new ValidationError('id', `conflict ${id} was already ${c.resolution}`);
      this.resolve(id, 'dismissed');
      return this.get(id);
    });
  }

  /** The conflict, and the open conflicts that lost in the same merge as one value with it. */
  private lostTogether(c: SyncConflict): SyncConflict[] {
    const grouped = (field: string) => (SPLIT_FIELDS as readonly string[]).includes(field);
    if ((c.table !== 'expense' && c.table !== 'income') || !grouped(c.field)) return [c];
    const rows = this.store
      .sql(
        `SELECT * FROM sync_conflict WHERE table_name = ? AND row_id = ? AND lost_hlc = ? AND deleted = 0
           AND resolution IS NULL`,
      )
      .all(c.table, c.rowId, c.lostHlc) as ConflictRow[];
    return [c, ...rows.map((r) => this.toConflict(r)).filter((o) => o.id !== c.id && grouped(o.field))];
  }

  private resolve(id: string, resolution: 'restored' | 'dismissed'): void {
    this.writer.update('sync_conflict', id, { resolution, resolved_at: this.store.now().toISOString() });
  }

  private toConflict(r: ConflictRow): SyncConflict {
    const lostDevice = r.lost_hlc.slice(r.lost_hlc.lastIndexOf('-') + 1);
    return {
      id: r.id,
      userId: r.user_id,
      table: r.table_name,
      rowId: r.row_id,
      field: r.field_name,
      keptValue: parseValue(r.kept_value),
      keptHlc: r.kept_hlc,
      lostValue: parseValue(r.lost_value),
      lostHlc: r.lost_hlc,
      lostSide: lostDevice === this.store.deviceId ? 'local' : 'central',
      lostDevice,
      detectedAt: r.detected_at,
      resolvedAt: r.resolved_at,
      resolution: r.resolution,
      subject: conflictSubject(this.store, r.table_name, r.row_id),
    };
  }
}
