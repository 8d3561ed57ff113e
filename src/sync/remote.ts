import type { CentralRow, SyncActivity } from '../central/central-store.js';
import type { TableDigest } from '../domain/digest.js';
import type { FieldConflict } from '../domain/merge.js';
import type { SyncRow, SyncedTable } from '../domain/tables.js';

/** A changed local row on its way to the central store, with the version this device last agreed with. */
export interface PushedRow extends SyncRow {
  /** The row's hlc when this device last agreed with the central store; null when it never did. */
  readonly base: string | null;
  /** Each field's clock in that version (null when it is not known: agreed on before it was kept). */
  readonly baseClock?: Readonly<Record<string, string>> | null;
}

export interface PushBatch {
  /** Unique per batch: a batch retried after a lost reply is applied once. */
  readonly batchId: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly table: SyncedTable;
  readonly rows: readonly PushedRow[];
}

export interface PushResult {
  /** The central versions after the merge, one per pushed row. */
  readonly rows: readonly SyncRow[];
  /** Values that lost the merge, on either side. */
  readonly conflicts: readonly FieldConflict[];
  /** True when this batch id had been applied before and nothing was written now. */
  readonly replayed: boolean;
  /**
   * Where this write sits in the user's change feed of the table, when the central side can tell: every row of
   * the table with a seq in (after, upTo] is one of `rows` as returned here (the writes of one user are
   * serialized). A device whose cursor is at least `after` may move it to `upTo` as it applies `rows`, instead
   * of pulling its own writes back. Absent when nothing was written, on a replay, or from a remote that does
   * not report it; the pull then reads them, as before.
   */
  readonly feed?: FeedSpan;
}

export interface FeedSpan {
  readonly after: number;
  readonly upTo: number;
}

/** A central row with its place in the user's change feed: the central store's row, as it reads it. */
export type PulledRow = CentralRow;

export interface Handshake {
  /** Identifies the central store, so cursors of one store are never used against another. */
  readonly remoteId: string;
  readonly schemaVersion: number;
  /**
   * Optional: feedHeads(userId) read at the handshake, when it was given a user (one round trip fewer per
   * sync). Heads read before the pushes serve the pulls as well as heads read after them: the pushes move
   * the cursor past their own writes, and a change another device makes meanwhile is pulled by the next sync.
   */
  readonly feedHeads?: Readonly<Record<SyncedTable, number>>;
}

/**
 * Where a device syncs to: the central database directly, or a hub over HTTP. Both run the same protocol;
 * every call is for one user, and the central side trusts nothing the device sends.
 */
export interface Remote {
  /**
   * Check the central schema is one this build can sync with (else a clear "upgrade pfm" error). With the
   * user about to sync, a remote may also answer that user's feed heads (Handshake.feedHeads).
   */
  handshake(userId?: string): Promise<Handshake>;
  /**
   * Optional: per table, the highest seq of the user's rows (0 when none). Every change of a table with a seq
   * up to its head is already readable, so a table whose cursor is at or past it has nothing to pull; a remote
   * without it has every table pulled.
   */
  feedHeads?(userId: string): Promise<Readonly<Record<SyncedTable, number>>>;
  /**
   * Optional: the most rows this remote takes in one push batch and returns from one pull. When a sync is not
   * given a batch size, it starts at 1000 rows and doubles the batch after each full one, up to these: a large
   * first sync then runs in fewer, larger transactions on both sides, and small syncs are unchanged.
   */
  readonly batchLimits?: { readonly push: number; readonly pull: number };
  /** Merge a batch of changed rows into the central store, atomically, once per batch id. */
  push(batch: PushBatch): Promise<PushResult>;
  /** The user's rows of a table changed after a cursor, in seq order, at most `limit`. */
  pull(userId: string, table: SyncedTable, afterSeq: number, limit: number): Promise<PulledRow[]>;
  /** The user's rows of a table with these ids (parents a pulled child needs). */
  fetch(userId: string, table: SyncedTable, ids: readonly string[]): Promise<PulledRow[]>;
  /** The digest of the user's rows of a table, for --verify. */
  digest(userId: string, table: SyncedTable): Promise<TableDigest>;
  /** Report a finished run to the central sync activity log. */
  recordActivity(entry: SyncActivityEntry): Promise<void>;
  close(): Promise<void>;
}

/** One finished sync run, as a device reports it: the central store's activity entry. */
export type SyncActivityEntry = SyncActivity;
