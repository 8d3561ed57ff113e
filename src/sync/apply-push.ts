import type { BatchReads, CentralStore, CentralUserWrite, ParentRead } from '../central/central-store.js';
import { ClockError, MAX_CLOCK_DRIFT_MS } from '../domain/hlc.js';
import { mergeRow, type FieldConflict } from '../domain/merge.js';
import { validateSyncRow } from '../domain/row-validation.js';
import { TABLES, type SyncRow, type SyncedTable } from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import type { FeedSpan, PushBatch, PushResult } from './remote.js';
import { UserIdentityError } from './user-identity.js';

/** Most rows one push batch may carry. */
export const MAX_PUSH_ROWS = 5000;

/**
 * The central side of a push, run by the direct remote and by the hub alike: check every row, then in one
 * transaction holding the user's lock: record the batch id (a replay writes nothing), read the current
 * versions and check that every parent the rows name is the user's (readForPush: one round trip where the
 * store pipelines), merge each row with the pure merge rule, and write back only the rows that changed in one
 * statement. Returns the merged rows and every losing value.
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
    // validateSyncRow has checked that row.hlc is a valid clock: its first 24 characters are its wall time.
    if (Date.parse(row.hlc.slice(0, 24)) - nowMillis > MAX_CLOCK_DRIFT_MS) {
      throw new ClockError(
        `${batch.table} ${row.id} carries a clock (${row.hlc}) more than 5 minutes ahead of the central ` +
          `store's time; check the system clock of device ${batch.deviceId}`,
      );
    }
  }
  const ids = batch.rows.map((r) => r.id);
  const parents = parentReads(batch);
  return central.withUserWrite(batch.userId, async (write) => {
    const read = await readForPush(write, batch.batchId, batch.table, ids, parents);
    const fresh = read.fresh;
    const current = new Map(read.current.map((r) => [r.id, r]));
    refuseOrphans(batch, parents, read.parents);
    if (!fresh) {
      // A retry of a batch whose reply was lost: nothing is written again, but the losing values found the
      // first time are returned again, so the device still records them.
      const kept = await write.batchConflicts(batch.batchId);
      const conflicts = kept === null ? [] : (JSON.parse(kept) as FieldConflict[]);
      return { rows: ids.flatMap((id) => current.get(id) ?? []), conflicts, replayed: true };
    }
    if (batch.table === 'app_user') refuseOtherCreation(batch, current);
    const merged: SyncRow[] = [];
    const changed: SyncRow[] = [];
    const conflicts: FieldConflict[] = [];
    for (const pushed of batch.rows) {
      const existing = current.get(pushed.id);
      const result = mergeRow(batch.table, existing, pushed, pushed.base, pushed.baseClock ?? null);
      const modifiedAt =
        existing && result.row.hlc === existing.hlc ? existing.modifiedAt : pushed.modifiedAt;
      const { id, values, clock, hlc } = result.row;
      const row: SyncRow = { id, values, clock, hlc, modifiedAt };
      merged.push(row);
      if (result.receiverChanged) changed.push(row);
      conflicts.push(...result.conflicts);
    }
    let feed: FeedSpan | undefined;
    if (changed.length > 0) {
      if (write.writeRowsWithHead) {
        const { written, head } = await write.writeRowsWithHead(batch.table, changed, batch.deviceId);
        feed = { after: head, upTo: written.reduce((m, w) => (w.seq > m ? w.seq : m), head) };
      } else {
        await write.writeRows(batch.table, changed, batch.deviceId);
      }
    }
    if (conflicts.length > 0) await write.saveBatchConflicts(batch.batchId, JSON.stringify(conflicts));
    return feed
      ? { rows: merged, conflicts, replayed: false, feed }
      : { rows: merged, conflicts, replayed: false };
  });
}

/**
 * The parents a batch's rows name (their category, account, goal), by parent table, each id once. Every one
 * must be a row of the same user in the central store already: a device pushes parents first, so a row whose
 * parent is missing or another user's comes from a broken or hostile sender, and accepting it would make every
 * device of the user fail its foreign keys at each later pull.
 */
function parentReads(batch: PushBatch): ParentRead[] {
  const byTable = new Map<SyncedTable, Set<string>>();
  for (const [field, parent] of Object.entries(TABLES[batch.table].references)) {
    if (field === 'user_id' || parent === batch.table) continue; // the owner is checked row by row above
    const wanted = byTable.get(parent) ?? new Set<string>();
    for (const r of batch.rows) {
      const value = r.values[field];
      if (typeof value === 'string') wanted.add(value);
    }
    if (wanted.size > 0) byTable.set(parent, wanted);
  }
  return [...byTable].map(([table, ids]) => ({ table, ids: [...ids] }));
}

/**
 * What a push reads under the user's lock before it merges: the batch record, the current versions and the
 * parents' ids; in one round trip where the store can (recordBatchAndRead), else one call after the other.
 * The parents are read inside the write unit, so a parent found is there when the batch is written.
 */
export async function readForPush(
  write: CentralUserWrite,
  batchId: string,
  table: SyncedTable,
  ids: readonly string[],
  parents: readonly ParentRead[],
): Promise<BatchReads> {
  if (write.recordBatchAndRead) return write.recordBatchAndRead(batchId, table, ids, parents);
  const fresh = await write.recordBatch(batchId);
  const current = await write.readVersions(table, ids);
  const found: Set<string>[] = [];
  for (const p of parents) found.push(new Set((await write.readVersions(p.table, p.ids)).map((r) => r.id)));
  return { fresh, current, parents: found };
}

/** Refuses the batch when a row names a parent the user does not have centrally (see parentReads). */
function refuseOrphans(
  batch: PushBatch,
  parents: readonly ParentRead[],
  found: readonly ReadonlySet<string>[],
): void {
  const present = new Map(parents.map((p, i) => [p.table, found[i] ?? new Set<string>()]));
  for (const [field, parent] of Object.entries(TABLES[batch.table].references)) {
    const have = present.get(parent);
    if (!have) continue;
    // A nullable reference left empty (a goal kept in no account) names no parent.
    const orphan = batch.rows.find((r) => {
      const value = r.values[field];
      return typeof value === 'string' && !have.has(value);
    });
    if (orphan) {
      throw new ValidationError(
        field,
        `${batch.table} ${orphan.id}: ${field} names ${/^[aeiou]/.test(parent) ? 'an' : 'a'} ${parent} that ` +
          `this user does not have in the central store (parents are pushed before their rows)`,
      );
    }
  }
}

/**
 * A user row is only ever merged with its own descendants: the creation clock (`created_at` is written once)
 * must match. Another creation of the same name is another person; the device checks this before it pushes
 * (sync/user-identity.ts), and this check keeps an older or hostile device from merging them anyway.
 */
function refuseOtherCreation(batch: PushBatch, current: ReadonlyMap<string, SyncRow>): void {
  for (const row of batch.rows) {
    const existing = current.get(row.id);
    if (existing && existing.clock.created_at !== row.clock.created_at) {
      throw new UserIdentityError(
        'id',
        `the central store already has a different user named "${String(existing.values.name)}", created on ` +
          `another device; this one was not merged into it`,
      );
    }
  }
}
