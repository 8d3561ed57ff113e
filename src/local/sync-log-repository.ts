import type { LocalStore } from './local-store.js';

export type SyncStatus = 'Running' | 'Success' | 'Failed' | 'Partial';
export type SyncType = 'Manual' | 'Automatic';

/** One row of the sync log the original specification asked for, with the counts of each direction. */
export interface SyncLogEntry {
  readonly id: number;
  readonly userId: string;
  readonly startTime: string;
  readonly endTime: string | null;
  readonly recordsSynced: number;
  readonly status: SyncStatus;
  readonly errorMessage: string | null;
  readonly syncType: SyncType;
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly remote: string | null;
  /** Seconds between start and end; null while running. */
  readonly durationSeconds: number | null;
}

export interface SyncLogResult {
  readonly status: Exclude<SyncStatus, 'Running'>;
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly errorMessage: string | null;
}

interface LogRow {
  sync_log_id: number;
  user_id: string;
  sync_start_time: string;
  sync_end_time: string | null;
  records_synced: number;
  sync_status: SyncStatus;
  error_message: string | null;
  sync_type: SyncType;
  pushed_count: number;
  pulled_count: number;
  conflict_count: number;
  remote: string | null;
}

const toEntry = (r: LogRow): SyncLogEntry => ({
  id: r.sync_log_id,
  userId: r.user_id,
  startTime: r.sync_start_time,
  endTime: r.sync_end_time,
  recordsSynced: r.records_synced,
  status: r.sync_status,
  errorMessage: r.error_message,
  syncType: r.sync_type,
  pushed: r.pushed_count,
  pulled: r.pulled_count,
  conflicts: r.conflict_count,
  remote: r.remote,
  durationSeconds:
    r.sync_end_time === null
      ? null
      : Math.round((Date.parse(r.sync_end_time) - Date.parse(r.sync_start_time)) / 10) / 100,
});

/**
 * The original specification's `sync_log` table: a row opened as Running when a sync starts, closed with its
 * result.
 */
export class SyncLogRepository {
  constructor(private readonly store: LocalStore) {}

  open(userId: string, syncType: SyncType, remote: string): number {
    const result = this.store
      .sql(
        `INSERT INTO sync_log (user_id, sync_start_time, sync_status, sync_type, remote)
         VALUES (?, ?, 'Running', ?, ?)`,
      )
      .run(userId, this.store.now().toISOString(), syncType, remote);
    return Number(result.lastInsertRowid);
  }

  /** Forget a run that was refused before it did anything (it is not part of the history). */
  discard(id: number): void {
    this.store.sql('DELETE FROM sync_log WHERE sync_log_id = ?').run(id);
  }

  /** Running counts, saved as batches commit, so a killed sync still shows how far it got. */
  progress(id: number, pushed: number, pulled: number, conflicts: number): void {
    this.store
      .sql(
        `UPDATE sync_log SET pushed_count = ?, pulled_count = ?, conflict_count = ?, records_synced = ?
         WHERE sync_log_id = ?`,
      )
      .run(pushed, pulled, conflicts, pushed + pulled, id);
  }

  close(id: number, result: SyncLogResult): SyncLogEntry {
    this.store
      .sql(
        `UPDATE sync_log SET sync_end_time = ?, sync_status = ?, error_message = ?, pushed_count = ?,
           pulled_count = ?, conflict_count = ?, records_synced = ? WHERE sync_log_id = ?`,
      )
      .run(
        this.store.now().toISOString(),
        result.status,
        result.errorMessage,
        result.pushed,
        result.pulled,
        result.conflicts,
        result.pushed + result.pulled,
        id,
      );
    return this.get(id);
  }

  /**
   * Runs left `Running` by a process that died (killed, power cut) are closed as Failed when the next sync
   * starts, so the log never claims a sync is still going.
   */
  closeAbandoned(userId: string): number {
    return this.store
      .sql(
        `UPDATE sync_log SET sync_status = 'Failed', sync_end_time = ?,
           error_message = 'interrupted: the sync process stopped before it finished'
         WHERE user_id = ? AND sync_status = 'Running'`,
      )
      .run(this.store.now().toISOString(), userId).changes;
  }

  get(id: number): SyncLogEntry {
    const row = this.store.sql('SELECT * FROM sync_log WHERE sync_log_id = ?').get(id) as LogRow | undefined;
    if (!row) throw new Error(`no sync log row ${id}`);
    return toEntry(row);
  }

  /** The user's latest runs, newest first (the original specification's "sync history for user"). */
  list(userId: string, limit = 10): SyncLogEntry[] {
    const rows = this.store
      .sql('SELECT * FROM sync_log WHERE user_id = ? ORDER BY sync_start_time DESC, sync_log_id DESC LIMIT ?')
      .all(userId, limit) as LogRow[];
    return rows.map(toEntry);
  }
}
