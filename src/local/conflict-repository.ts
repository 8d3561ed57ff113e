import type { FieldConflict } from '../domain/merge.js';
import { naturalId } from '../domain/ids.js';
import { SYNCED_TABLES, TABLES, type FieldValue, type SyncedTable } from '../domain/tables.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';

/** A value that lost a merge, kept so that the user can see it and bring it back. */
export interface SyncConflict {
  readonly id: string;
  readonly userId: string;
  readonly table: SyncedTable;
  readonly rowId: string;
  readonly field: string;
  readonly keptValue: FieldValue;
  readonly keptHlc: string;
  readonly lostValue: FieldValue;
  readonly lostHlc: string;
  /** Whose value lost: this device's, or the central store's. */
  readonly lostSide: 'local' | 'central';
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: 'restored' | 'dismissed' | null;
}

interface ConflictRow {
  id: string;
  user_id: string;
  table_name: SyncedTable;
  row_id: string;
  field: string;
  kept_value: string | null;
  kept_hlc: string;
  lost_value: string | null;
  lost_hlc: string;
  lost_side: 'local' | 'central';
  detected_at: string;
  resolved_at: string | null;
  resolution: 'restored' | 'dismissed' | null;
}

const toConflict = (r: ConflictRow): SyncConflict => ({
  id: r.id,
  userId: r.user_id,
  table: r.table_name,
  rowId: r.row_id,
  field: r.field,
  keptValue: r.kept_value === null ? null : (JSON.parse(r.kept_value) as FieldValue),
  keptHlc: r.kept_hlc,
  lostValue: r.lost_value === null ? null : (JSON.parse(r.lost_value) as FieldValue),
  lostHlc: r.lost_hlc,
  lostSide: r.lost_side,
  detectedAt: r.detected_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

/** The `sync_conflict` table: every losing version, listed and restorable. */
export class ConflictRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * Keep losing values. The id derives from (row, field, lost clock), so the same loss found twice (a batch
   * retried after a crash) is kept once.
   */
  record(
    userId: string,
    table: SyncedTable,
    conflicts: readonly FieldConflict[],
    lostSideOf: (c: FieldConflict) => 'local' | 'central',
  ): number {
    const stmt = this.store.sql(
      `INSERT OR IGNORE INTO sync_conflict (id, user_id, table_name, row_id, field, kept_value, kept_hlc, lost_value,
         lost_hlc, lost_side, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const c of conflicts) {
      added += stmt.run(
        naturalId('sync_conflict', table, c.rowId, c.field, c.lostHlc, JSON.stringify(c.lostValue)),
        userId,
        table,
        c.rowId,
        c.field,
        JSON.stringify(c.keptValue),
        c.keptHlc,
        JSON.stringify(c.lostValue),
        c.lostHlc,
        lostSideOf(c),
        this.store.now().toISOString(),
      ).changes;
    }
    return added;
  }

  /** Unresolved conflicts of a user (all with `includeResolved`), newest first. */
  list(userId: string, includeResolved = false): SyncConflict[] {
    const rows = this.store
      .sql(
        `SELECT * FROM sync_conflict WHERE user_id = ? AND (? = 1 OR resolved_at IS NULL)
         ORDER BY detected_at DESC, id`,
      )
      .all(userId, includeResolved ? 1 : 0) as ConflictRow[];
    return rows.map(toConflict);
  }

  get(id: string): SyncConflict {
    const row = this.store.sql('SELECT * FROM sync_conflict WHERE id = ?').get(id) as ConflictRow | undefined;
    if (!row) throw new NotFoundError(`no conflict with id ${id}`);
    return toConflict(row);
  }

  /**
   * Bring the losing value back: a new local write (new clock, so it wins the next merge everywhere) of the
   * lost value. For a delete that won over edits, restoring undeletes the row, edits included.
   */
  restore(id: string): SyncConflict {
    return this.store.transaction(() => {
      const c = this.get(id);
      if (c.resolvedAt) throw new ValidationError('id', `conflict ${id} was already ${c.resolution}`);
      if (!SYNCED_TABLES.includes(c.table) || !TABLES[c.table].fields.some((f) => f.name === c.field)) {
        throw new ValidationError('id', `conflict ${id} names an unknown field`);
      }
      this.writer.update(c.table, c.rowId, { [c.field]: c.lostValue });
      this.resolve(id, 'restored');
      return this.get(id);
    });
  }

  dismiss(id: string): SyncConflict {
    this.get(id);
    this.resolve(id, 'dismissed');
    return this.get(id);
  }

  private resolve(id: string, resolution: 'restored' | 'dismissed'): void {
    this.store
      .sql('UPDATE sync_conflict SET resolved_at = ?, resolution = ? WHERE id = ?')
      .run(this.store.now().toISOString(), resolution, id);
  }
}
