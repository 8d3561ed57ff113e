import type { SyncedTable } from '../../../src/domain/tables.js';

/** What passes between the fleet's conductor (fleet.ts) and its device processes (fleet-child.ts). */

/** One simulated device: its name, its user, and whether it is the one that creates that user. */
export interface FleetDeviceSpec {
  readonly name: string;
  readonly user: string;
  readonly createsUser: boolean;
  /** Seed of the device's own random choices (edits, pauses). */
  readonly seed: number;
}

/** A person's pace: a sync every `minIntervalMs`–`maxIntervalMs`, a few edits in between, now and then many. */
export interface FleetPace {
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  /** Most edits between two ordinary syncs (0 to this many). */
  readonly maxEdits: number;
  /** Chance that a sync follows a burst of edits (a statement imported, a month's receipts typed in). */
  readonly burstChance: number;
  readonly burstEdits: readonly [number, number];
}

export interface FleetChildSetup {
  /** Where the devices sync: a hub, or a load balancer in front of hubs. */
  readonly hubUrl: string;
  /** Every fleet user's password (the devices log in with it, as `pfm login` does). */
  readonly password: string;
  /** A folder of the child's own for the devices' SQLite files and token files. */
  readonly dir: string;
  readonly devices: readonly FleetDeviceSpec[];
  readonly pace: FleetPace;
}

export type FleetCommand =
  | { readonly type: 'setup'; readonly setup: FleetChildSetup }
  /** Log in and sync once: the devices that create their user first (`creators`), then the others. */
  | { readonly type: 'enroll'; readonly creators: boolean }
  /** The first device alone: a small edit and a sync, `syncs` times in a row, the others idle. */
  | { readonly type: 'solo'; readonly syncs: number }
  | { readonly type: 'pace'; readonly durationMs: number }
  /** Every device edits a little and syncs, all at the same moment. */
  | { readonly type: 'burst' }
  /** Every device syncs once, one after another. */
  | { readonly type: 'settle' }
  | { readonly type: 'digest' }
  | { readonly type: 'close' };

/** One device's digest of its user's data: per table, row count and sha256. */
export interface DeviceDigest {
  readonly device: string;
  readonly user: string;
  readonly tables: Readonly<Record<SyncedTable, string>>;
}

/** What one step did: the latency of each sync, what failed, what moved, and digests when asked. */
export interface FleetStepReport {
  readonly type: 'done';
  readonly latenciesMs: readonly number[];
  readonly failures: readonly string[];
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly digests: readonly DeviceDigest[];
}

export type FleetReply = FleetStepReport | { readonly type: 'error'; readonly message: string };
