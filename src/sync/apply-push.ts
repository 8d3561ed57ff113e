import type { CentralStore } from '../central/central-store.js';
import { ClockError, MAX_CLOCK_DRIFT_MS, parseHlc } from '../domain/hlc.js';
import { mergeRow, type FieldConflict } from '../domain/merge.js';
import { validateSyncRow } from '../domain/row-validation.js';
import type { SyncRow } from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import type { PushBatch, PushResult } from './remote.js';

/** Most rows one push batch may carry. */
export const MAX_PUSH_ROWS = 5000;

/**
 * The central side of a push, run by the direct remote and by the hub alike: check every row, then in one
 * transaction holding the user's lock: record the batch id (a replay writes nothing), read the current
 * versions in one statement, merge each row with the pure merge rule, and write back only the rows that
 * changed in one statement. Returns the merged rows and every losing value.
 */
export async function applyPush(
  central: CentralStore,
  batch: PushBatch,
  nowMillis: number,
): Promise<PushResult> {
  if (batch.rows.length > MAX_PUSH_ROWS) {
    throw new ValidationError('rows', `a push batch may hold at most ${MAX_PUSH_ROWS} rows`);
  }
  const seen = new Set<string>();
  for (const row of batch.rows) {
    validateSyncRow(batch.table, batch.userId, row);
    if (seen.has(row.id))
      throw new ValidationError('id', `${batch.table} ${row.id} appears twice in one batch`);
    seen.add(row.id);
    if (parseHlc(row.hlc).millis - nowMillis > MAX_CLOCK_DRIFT_MS) {
      throw new ClockError(
        `${batch.table} ${row.id} carries a clock (${row.hlc}) more than 5 minutes ahead of the central ` +
          `store's time; check the system clock of device ${batch.deviceId}`,
      );
    }
  }
  const ids = batch.rows.map((r) => r.id);
  return central.withUserWrite(batch.userId, async (write) => {
    const fresh = await write.recordBatch(batch.batchId);
    const current = new Map((await write.readVersions(batch.table, ids)).map((r) => [r.id, r]));
    if (!fresh) {
      return { rows: ids.flatMap((id) => current.get(id) ?? []), conflicts: [], replayed: true };
    }
    const merged: SyncRow[] = [];
    const changed: SyncRow[] = [];
    const conflicts: FieldConflict[] = [];
    for (const pushed of batch.rows) {
      const existing = current.get(pushed.id);
      const result = mergeRow(batch.table, existing, pushed, pushed.base);
      const modifiedAt =
        existing && result.row.hlc === existing.hlc ? existing.modifiedAt : pushed.modifiedAt;
      const { id, values, clock, hlc } = result.row;
      const row: SyncRow = { id, values, clock, hlc, modifiedAt };
      merged.push(row);
      if (result.receiverChanged) changed.push(row);
      conflicts.push(...result.conflicts);
    }
    if (changed.length > 0) await write.writeRows(batch.table, changed, batch.deviceId);
    return { rows: merged, conflicts, replayed: false };
  });
}
