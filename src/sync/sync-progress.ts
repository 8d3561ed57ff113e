import type { SyncedTable } from '../domain/tables.js';

/** Progress of a running sync, emitted after every batch: the CLI draws a bar, the web UI streams it. */
export interface SyncProgress {
  readonly phase: 'push' | 'pull' | 'verify';
  readonly table: SyncedTable;
  /** Batches done in this table and phase. */
  readonly batch: number;
  /** Rows in the batch just done. */
  readonly rows: number;
  /** Totals so far in this run. */
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  /** Rows this phase is known to have in total, when known (the push counts them first). */
  readonly expected?: number;
}

export interface TableCounts {
  pushed: number;
  pulled: number;
  conflicts: number;
}

export interface VerifyResult {
  readonly table: SyncedTable;
  readonly rows: number;
  readonly match: boolean;
  /** A mismatch was repaired by re-sending and re-pulling the table, and the digests then matched. */
  readonly repaired: boolean;
}
