import type { AccountBalanceReport, NetWorthReport } from '../domain/accounts.js';
import type { TableDigest } from '../domain/digest.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  TagReport,
  TrendReport,
} from '../domain/reports.js';
import type { SyncRow, SyncedTable } from '../domain/tables.js';

/**
 * The central store contract: what sync and the central reports need from a central database, and nothing
 * more. Every adapter (SQLite, PostgreSQL, Oracle) implements it with its own SQL; the contract test suite
 * (`test/contract/central-store.contract.test.ts`) runs against each one.
 *
 * Storage primitives only: no merge logic lives here (merge is pure and lives in domain/, the protocol in
 * sync/). Every row is scoped by user: `user_id`, or for `app_user` its own id. Money is integer minor units.
 */

/** The central schema this build reads and writes; every dialect's migrations end at this version. */
export const CENTRAL_SCHEMA_VERSION = 9;

/**
 * The clock node (16 hex digits, like a device id) of changes made in the central store itself by plain SQL,
 * stamped by the central edit triggers of every dialect. Clocks compare by time first; the node only breaks
 * exact ties, and no device id is this one in practice (devices draw theirs at random).
 */
export const CENTRAL_EDIT_NODE = 'ce00000000000000';

export type CentralKind = 'sqlite' | 'postgres' | 'oracle';

export interface CentralStoreOptions {
  /**
   * Called with the text of every statement before it is sent (tests and benchmarks count statements and
   * round trips with it). `pipelined` is true when the statement travels in the round trip of the one before
   * it (sent before that one's answer came back), so round trips are the calls without it.
   */
  readonly onStatement?: (sql: string, pipelined?: boolean) => void;
  /**
   * The password when the URL has none. Never logged or shown. Library code reads no environment: the edges
   * (the CLI, `pfm serve`, `pfm hub`) read PFM_CENTRAL_PASSWORD and pass it here.
   */
  readonly password?: string;
  /** Create or migrate the schema on open (default true); false only checks the schema is not too new. */
  readonly migrate?: boolean;
  /** Most connections a server store opens at once (default 10; an embedded store has one). */
  readonly maxConnections?: number;
}

/** A central row as read back: the synced row plus its place in the user's change feed. */
export interface CentralRow extends SyncRow {
  /** `server_seq`: set from one global sequence on every write, so a user's changes are totally ordered. */
  readonly seq: number;
  /** Device id of the last writer. */
  readonly origin: string | null;
}

/** What a sync reads from the central store before it starts. */
export interface CentralHandshake {
  readonly instanceId: string;
  readonly now: Date;
  /** Present when the handshake was for one user. */
  readonly feedHeads?: Readonly<Record<SyncedTable, number>>;
}

export interface WrittenRow {
  readonly id: string;
  readonly seq: number;
}

/** One sync run of one device, as the device reports it when the run ends (the cross-device report). */
export interface SyncActivity {
  readonly userId: string;
  readonly deviceId: string;
  readonly syncType: 'Manual' | 'Automatic';
  readonly status: 'Success' | 'Partial' | 'Failed';
  /** UTC ISO-8601. */
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly errorMessage: string | null;
}

/** Sync activity of one device of one user, summed over its runs. */
export interface DeviceActivity {
  readonly userId: string;
  readonly deviceId: string;
  readonly syncs: number;
  readonly succeeded: number;
  readonly partial: number;
  readonly failed: number;
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
  readonly firstSyncAt: string;
  readonly lastSyncAt: string;
  readonly lastStatus: SyncActivity['status'];
}

/** How many rows one user has centrally, per synced table: live ones and tombstones. */
export interface UserRecordCounts {
  readonly userId: string;
  /** null when the user row itself has not reached the central store (yet). */
  readonly name: string | null;
  readonly tables: Readonly<Record<SyncedTable, { readonly live: number; readonly deleted: number }>>;
  /** Live rows over every table. */
  readonly live: number;
}

/**
 * The central reports: the five of `domain/reports.ts` and the balances of `domain/accounts.ts` (same results as
 * the local ones), plus cross-device ones.
 */
export interface CentralReports {
  /** Income, expenses, net and savings rate of one month (`YYYY-MM`). */
  monthly(userId: string, month: string): Promise<MonthlySummary>;
  /** Spending by category between two dates inclusive. */
  categories(userId: string, from: string, to: string): Promise<CategoryReport>;
  /** Expenses and income per tag between two dates inclusive. */
  tags(userId: string, from: string, to: string): Promise<TagReport>;
  /** Budget vs actual for one month. */
  budgets(userId: string, month: string): Promise<BudgetReport>;
  /** Savings goal progress and projection as of a date. */
  goals(userId: string, asOf: string): Promise<GoalReport>;
  /** The `months` (default 12) months ending with `endMonth`, oldest first. */
  trend(userId: string, endMonth: string, months?: number): Promise<TrendReport>;
  /** Each account's balance at the end of `asOf` (`YYYY-MM-DD`), and the net worth (domain/accounts.ts). */
  balances(userId: string, asOf: string): Promise<AccountBalanceReport>;
  /** Net worth at the end of each month from `from` to `to` (`YYYY-MM`), per account and in total. */
  netWorth(userId: string, from: string, to: string): Promise<NetWorthReport>;
  /** Sync activity per device, from every device's `recordSyncActivity`; one user, or all when omitted. */
  syncActivity(userId?: string): Promise<DeviceActivity[]>;
  /** Row counts per user and table; one user, or all when omitted (ordered by user id). */
  recordCounts(userId?: string): Promise<UserRecordCounts[]>;
}

/** Ids a push's rows name in one parent table (their category, account, goal): which does the user have? */
export interface ParentRead {
  readonly table: SyncedTable;
  readonly ids: readonly string[];
}

/** What a push reads before it merges (CentralUserWrite.recordBatchAndRead). */
export interface BatchReads {
  /** recordBatch's answer: false when the batch was applied before, and nothing may be written. */
  readonly fresh: boolean;
  /** readVersions of the batch's ids. */
  readonly current: CentralRow[];
  /** For each parent read, in order: the ids of it this user has centrally. */
  readonly parents: ReadonlySet<string>[];
}

/** The operations of one per-user write unit (one transaction holding that user's lock). */
export interface CentralUserWrite {
  /** The user whose lock is held; every row written must belong to this user. */
  readonly userId: string;
  /** The current central versions of these ids (this user's rows only; absent ids are left out): one statement. */
  readVersions(table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]>;
  /** Insert or replace these rows in ONE statement; each gets a new `server_seq` and `origin`. */
  writeRows(table: SyncedTable, rows: readonly SyncRow[], origin: string): Promise<WrittenRow[]>;
  /** Record a batch id as applied; false when it already was, and the caller must then write nothing. */
  recordBatch(batchId: string): Promise<boolean>;
  /**
   * Optional fast path: writeRows, also telling the user's highest seq of the table before the write (0 when
   * none), read in the same round trip. With the user's lock held, every row above it is one of these.
   */
  writeRowsWithHead?(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
  ): Promise<{ written: WrittenRow[]; head: number }>;
  /**
   * Optional fast path: recordBatch, then readVersions of `ids` in `table` and of each parent read's ids, as
   * one round trip where the database can pipeline them (the lock is held before anything is read). The same
   * answers as those calls made one after the other.
   */
  recordBatchAndRead?(
    batchId: string,
    table: SyncedTable,
    ids: readonly string[],
    parents: readonly ParentRead[],
  ): Promise<BatchReads>;
  /** Keep the losing values of a recorded batch (opaque JSON text), for a replay of it. */
  saveBatchConflicts(batchId: string, conflicts: string): Promise<void>;
  /** The losing values kept for a recorded batch, or null. */
  batchConflicts(batchId: string): Promise<string | null>;
}

/**
 * A device token as the central store keeps it: the hub issues a random token to one device of one user and
 * stores only its SHA-256 hash, so a leaked copy of the central database holds nothing a device can present.
 */
export interface DeviceToken {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  /** What the device called itself at login (host name), for `pfm hub tokens list`. */
  readonly label: string;
  /** UTC ISO-8601. */
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** Which tokens a revoke applies to: one by id, or every live one of a user (optionally of one device). */
export type DeviceTokenTarget =
  { readonly id: string } | { readonly userId: string; readonly deviceId?: string };

/** The device tokens of the hub (`src/server/hub/`); every method is one statement. */
export interface DeviceTokenStore {
  /** Store a new token by the hash of its secret (hex SHA-256). */
  create(token: DeviceToken & { readonly tokenHash: string }): Promise<void>;
  /** The token with this hash, revoked or not; null when there is none. */
  findByHash(tokenHash: string): Promise<DeviceToken | null>;
  /** Tokens of one user, or of every user when omitted; ordered by user, then creation. */
  list(userId?: string): Promise<DeviceToken[]>;
  /** Mark the target's live tokens revoked at `at`; returns how many were. */
  revoke(target: DeviceTokenTarget, at: string): Promise<number>;
  /** Record that a token was used at `at` (once per sync run, not per request). */
  touch(id: string, at: string): Promise<void>;
}

export interface CentralStore {
  /** Which database this is. */
  readonly kind: CentralKind;
  /** The store's URL with any password replaced by `***`: the only form that may be logged or shown. */
  readonly url: string;
  /** The central reports. */
  readonly reports: CentralReports;
  /** The hub's device tokens (hashes only). */
  readonly deviceTokens: DeviceTokenStore;

  /** Create or upgrade the schema to CENTRAL_SCHEMA_VERSION (safe to run concurrently); returns migrations applied. */
  migrate(): Promise<number>;
  /** The schema version the central database is at (0 when it has no schema yet). */
  schemaVersion(): Promise<number>;
  /** Throw CentralSchemaTooNewError when the central schema is newer than this build knows ("upgrade pfm"). */
  checkSchema(): Promise<void>;

  /**
   * Run `fn` in one transaction that first takes the user's row lock, so that one user's writes are serialized
   * and a reader never sees a later `server_seq` committed while an earlier one is still in flight. Commits
   * when `fn` resolves, rolls back when it throws.
   */
  withUserWrite<T>(userId: string, fn: (write: CentralUserWrite) => Promise<T>): Promise<T>;

  /** The user's rows of one table with `afterSeq < seq <= upToSeq` (no upper bound when omitted), in seq order. */
  readChanges(
    userId: string,
    table: SyncedTable,
    afterSeq: number,
    limit: number,
    upToSeq?: number,
  ): Promise<CentralRow[]>;
  /** The user's rows of one table with these ids (absent ids are left out). */
  readRowsById(userId: string, table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]>;
  /** The central database's clock: what device clocks are checked against (too far ahead is refused). */
  now(): Promise<Date>;
  /** A random id made when the schema was created: a rebuilt store at the same URL gets a new one. */
  instanceId(): Promise<string>;
  /** The highest `server_seq` of any of the user's rows, 0 when there is none. */
  maxSeq(userId: string): Promise<number>;
  /**
   * Optional fast path: the user's highest seq in each table (0 where none) in one round trip. Without it a
   * sync uses maxSeq, a head for every table (merely a higher one).
   */
  feedHeads?(userId: string): Promise<Readonly<Record<SyncedTable, number>>>;
  /**
   * Optional fast path: what a sync reads before it starts (checkSchema, instanceId, now, and the user's
   * feedHeads when a user is given) in one round trip. Throws as checkSchema does.
   */
  handshake?(userId?: string): Promise<CentralHandshake>;
  /** The digest (`domain/digest.ts`) of the user's rows of one table, tombstones included. */
  digest(userId: string, table: SyncedTable): Promise<TableDigest>;
  /** Append one device's sync run to the central sync activity log. */
  recordSyncActivity(entry: SyncActivity): Promise<void>;
  /** Release connections (an embedded store's file). */
  close(): Promise<void>;
}

/**
 * A failure of the central store. The message never contains a password or an unredacted URL.
 * `transient` failures (connection refused or reset, timeouts, server restarts, serialization failures) are
 * worth retrying; the others are not.
 */
export class CentralError extends Error {
  override name = 'CentralError';
  constructor(
    message: string,
    /** SQLSTATE, Oracle error code, Node error code, or a `PFM_...` code of ours. */
    readonly code: string | undefined = undefined,
    readonly transient = false,
  ) {
    super(message);
  }
}

/** The central schema is newer than this build of pfm: the device must upgrade before it syncs. */
export class CentralSchemaTooNewError extends CentralError {
  override name = 'CentralSchemaTooNewError';
  constructor(
    readonly centralVersion: number,
    readonly knownVersion: number,
    url: string,
  ) {
    super(
      `the central store at ${url} has schema version ${centralVersion}, newer than this pfm knows ` +
        `(${knownVersion}): upgrade pfm on this device before syncing`,
      'PFM_SCHEMA_TOO_NEW',
    );
  }
}

/** An embedded central store is already open, and locked, in another process. */
export class CentralLockedError extends CentralError {
  override name = 'CentralLockedError';
  constructor(message: string) {
    super(message, 'PFM_LOCKED');
  }
}
