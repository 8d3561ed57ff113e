import type { SyncedTable } from '../domain/tables.js';

/**
 * Progress of a running sync: the CLI draws a bar, the web UI streams it. Emitted when an attempt starts
 * (`connect`: opening the central store and the handshake), when a table's push or pull starts (batch 0),
 * and after every batch, so that a long first sync shows what it does from its first second.
 */
export interface SyncProgress {
  readonly phase: 'connect' | 'push' | 'pull' | 'verify';
  /** The table worked on (for `connect`, the first one). */
  readonly table: SyncedTable;
  /** Batches done in this table and phase (0: the phase just started). */
  readonly batch: number;
  /** Rows in the batch just done. */
  readonly rows: number;
  /** Totals so far in this run. */
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  /** Rows this table's push has in total (it counts them first); absent elsewhere. */
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
