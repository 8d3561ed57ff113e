import type { TableDigest } from '../domain/digest.js';
import type { FieldConflict } from '../domain/merge.js';
import type { SyncRow, SyncedTable } from '../domain/tables.js';

/** A changed local row on its way to the central store, with the version this device last agreed with. */
export interface PushedRow extends SyncRow {
  /** The row's hlc when this device last agreed with the central store; null when it never did. */
  readonly base: string | null;
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
}

/** A central row with its place in the user's change feed. */
export interface PulledRow extends SyncRow {
  readonly seq: number;
  readonly origin: string | null;
}

export interface Handshake {
  /** Identifies the central store, so cursors of one store are never used against another. */
  readonly remoteId: string;
  readonly schemaVersion: number;
}

/**
 * Where a device syncs to: the central database directly, or a hub over HTTP. Both run the same protocol;
 * every call is for one user, and the central side trusts nothing the device sends.
 */
export interface Remote {
  /** Check the central schema is one this build can sync with (else a clear "upgrade pfm" error). */
  handshake(): Promise<Handshake>;
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

export interface SyncActivityEntry {
  readonly userId: string;
  readonly deviceId: string;
  readonly syncType: 'Manual' | 'Automatic';
  readonly status: 'Success' | 'Partial' | 'Failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly errorMessage: string | null;
}
