import { SYNCED_TABLES, type SyncedTable } from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import { num, type Num } from '../domain/report-rows.js';
import type { DeviceActivity, SyncActivity, UserRecordCounts } from './central-store.js';

/** The report rows of the five finance reports, shared with the device (domain/report-rows.ts). */
export * from '../domain/report-rows.js';

export interface DeviceActivityRow {
  user_id: string;
  device_id: string;
  syncs: Num;
  succeeded: Num;
  partial: Num;
  failed: Num;
  pushed: Num;
  pulled: Num;
  conflicts: Num;
  first_sync_at: string;
  last_sync_at: string;
  last_status: string;
}

export function toDeviceActivity(r: DeviceActivityRow): DeviceActivity {
  return {
    userId: r.user_id,
    deviceId: r.device_id,
    syncs: num(r.syncs),
    succeeded: num(r.succeeded),
    partial: num(r.partial),
    failed: num(r.failed),
    pushed: num(r.pushed),
    pulled: num(r.pulled),
    conflicts: num(r.conflicts),
    firstSyncAt: r.first_sync_at,
    lastSyncAt: r.last_sync_at,
    lastStatus: r.last_status as SyncActivity['status'],
  };
}

export interface RecordCountRow {
  user_id: string;
  name: string | null;
  table_name: string;
  live: Num;
  deleted: Num;
}

/** Rows of (user, table) counts, ordered by user id; tables without rows count zero. */
export function toRecordCounts(rows: RecordCountRow[]): UserRecordCounts[] {
  const users = new Map<
    string,
    { name: string | null; tables: Record<string, { live: number; deleted: number }> }
  >();
  for (const r of rows) {
    let u = users.get(r.user_id);
    if (!u) {
      u = {
        name: null,
        tables: Object.fromEntries(SYNCED_TABLES.map((t) => [t, { live: 0, deleted: 0 }])),
      };
      users.set(r.user_id, u);
    }
    u.name ??= r.name;
    u.tables[r.table_name] = { live: num(r.live), deleted: num(r.deleted) };
  }
  return [...users.entries()].map(([userId, u]) => ({
    userId,
    name: u.name,
    tables: u.tables as Record<SyncedTable, { live: number; deleted: number }>,
    live: Object.values(u.tables).reduce((sum, t) => sum + t.live, 0),
  }));
}

/** Statuses a device may report; anything else is refused before it reaches the database. */
export function requireActivity(entry: SyncActivity): void {
  if (!['Success', 'Partial', 'Failed'].includes(entry.status)) {
    throw new ValidationError('status', `"${entry.status}" is not Success, Partial or Failed`);
  }
  if (!['Manual', 'Automatic'].includes(entry.syncType)) {
    throw new ValidationError('syncType', `"${entry.syncType}" is not Manual or Automatic`);
  }
  for (const k of ['pushed', 'pulled', 'conflicts'] as const) {
    if (!Number.isSafeInteger(entry[k]) || entry[k] < 0) throw new ValidationError(k, 'must be a count');
  }
}

/** A sync run's values in the order of every dialect's insert into the activity log. */
export function activityValues(entry: SyncActivity): (string | number | null)[] {
  return [
    entry.userId,
    entry.deviceId,
    entry.syncType,
    entry.status,
    entry.startedAt,
    entry.finishedAt,
    entry.pushed,
    entry.pulled,
    entry.conflicts,
    entry.errorMessage,
  ];
}
