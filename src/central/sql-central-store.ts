import { TableDigestBuilder, type TableDigest } from '../domain/digest.js';
import type { SyncRow, SyncedTable } from '../domain/tables.js';
import {
  checkedRows,
  foreignRowsError,
  requireFeedRead,
  requireSyncedTable,
  requireText,
  toCentralRow,
  type CheckedRow,
} from './central-rows.js';
import {
  CentralError,
  type BatchReads,
  type ParentRead,
  type CentralKind,
  type CentralReports,
  type CentralRow,
  type CentralStore,
  type CentralUserWrite,
  type DeviceTokenStore,
  type SyncActivity,
  type WrittenRow,
} from './central-store.js';
import { requireActivity } from './report-rows.js';
import { latestVersion, requireKnownVersion } from './schema-policy.js';
import { requireOpenWrite, runWriteUnit } from './write-unit.js';

/** A row as a driver returns it: lower-case column names, values in the driver's types. */
export type DriverRow = Readonly<Record<string, unknown>>;

/** One read of a user's change feed (CentralStore.readChanges), checked. */
export interface FeedRead {
  readonly userId: string;
  readonly afterSeq: number;
  readonly limit: number;
  readonly upToSeq: number | undefined;
}

/** The checked rows of one write, and whether the write also reads the table's head before it. */
export interface RowsToWrite {
  readonly rows: readonly CheckedRow[];
  readonly origin: string;
  readonly withHead: boolean;
}

/** What a write wrote, and the table's head before it (0 when not asked for). */
export interface WrittenWithHead {
  readonly written: WrittenRow[];
  readonly head: number;
}

/**
 * The central store once for every database: argument checks, row mapping, the schema-version policy and
 * the write unit's life. Each database's store extends it and supplies its statements (the protected
 * abstract members), each one round trip, with nothing to check: so every store refuses the same calls with
 * the same messages, and a new database is only its SQL.
 */
export abstract class SqlCentralStore<M extends { readonly version: number }> implements CentralStore {
  abstract readonly kind: CentralKind;
  abstract readonly reports: CentralReports;
  abstract readonly deviceTokens: DeviceTokenStore;

  constructor(
    /** Already redacted. */
    readonly url: string,
    /** This database's migrations, oldest first: the last one's version is the schema this build knows. */
    protected readonly migrations: readonly M[],
  ) {}

  abstract migrate(): Promise<number>;
  abstract schemaVersion(): Promise<number>;
  abstract now(): Promise<Date>;
  abstract close(): Promise<void>;

  /** The user's rows of a table with `afterSeq < seq <= upToSeq` (no upper bound when omitted), by seq. */
  protected abstract feedRows(table: SyncedTable, read: FeedRead): Promise<DriverRow[]>;
  /** The user's rows of a table with these ids (never called with none). */
  protected abstract rowsById(
    table: SyncedTable,
    userId: string,
    ids: readonly string[],
  ): Promise<DriverRow[]>;
  /** Every row of the user's table, tombstones included, in increasing id order, handed over in chunks. */
  protected abstract eachRow(
    table: SyncedTable,
    userId: string,
    take: (rows: readonly DriverRow[]) => void,
  ): Promise<void>;
  /** The id made with the schema, or undefined when the store has none. */
  protected abstract readInstanceId(): Promise<string | undefined>;
  /** The user's highest server_seq of any table, 0 when none. */
  protected abstract readMaxSeq(userId: string): Promise<number>;
  /** Append one checked sync run to the activity log. */
  protected abstract insertActivity(entry: SyncActivity): Promise<void>;
  /** Run `fn` in one transaction holding the user's lock (CentralStore.withUserWrite), with its write unit. */
  protected abstract userWriteUnit<T>(userId: string, fn: (write: SqlUserWrite) => Promise<T>): Promise<T>;

  get knownVersion(): number {
    return latestVersion(this.migrations);
  }

  async checkSchema(): Promise<void> {
    this.requireKnownVersion(await this.schemaVersion());
  }

  protected requireKnownVersion(version: number): void {
    requireKnownVersion(version, this.knownVersion, this.url);
  }

  /** The instance id the store must have, from what a statement read. */
  protected requireInstanceId(id: unknown): string {
    if (typeof id !== 'string' || !id)
      throw new CentralError(`the central store at ${this.url} has no instance id`, 'PFM_NO_INSTANCE');
    return id;
  }

  async withUserWrite<T>(userId: string, fn: (write: CentralUserWrite) => Promise<T>): Promise<T> {
    requireText('userId', userId);
    return this.userWriteUnit(userId, (write) => runWriteUnit(write, fn));
  }

  async readChanges(
    userId: string,
    table: SyncedTable,
    afterSeq: number,
    limit: number,
    upToSeq?: number,
  ): Promise<CentralRow[]> {
    requireFeedRead(userId, afterSeq, limit, upToSeq);
    requireSyncedTable(table);
    const rows = await this.feedRows(table, { userId, afterSeq, limit, upToSeq });
    return rows.map((r) => toCentralRow(table, r));
  }

  async readRowsById(userId: string, table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    requireText('userId', userId);
    requireSyncedTable(table);
    if (ids.length === 0) return [];
    for (const id of ids) requireText('ids', id);
    const rows = await this.rowsById(table, userId, ids);
    return rows.map((r) => toCentralRow(table, r));
  }

  async instanceId(): Promise<string> {
    return this.requireInstanceId(await this.readInstanceId());
  }

  async maxSeq(userId: string): Promise<number> {
    requireText('userId', userId);
    return this.readMaxSeq(userId);
  }

  async digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    requireText('userId', userId);
    requireSyncedTable(table);
    const builder = new TableDigestBuilder(table);
    await this.eachRow(table, userId, (rows) => {
      for (const r of rows) builder.add(toCentralRow(table, r));
    });
    return builder.finish();
  }

  async recordSyncActivity(entry: SyncActivity): Promise<void> {
    requireText('userId', entry.userId);
    requireText('deviceId', entry.deviceId);
    requireActivity(entry);
    await this.insertActivity(entry);
  }
}

/**
 * The operations of one open write unit, once for every database; unusable once its transaction has ended.
 * Each database supplies the statements.
 */
export abstract class SqlUserWrite implements CentralUserWrite {
  open = true;

  constructor(readonly userId: string) {}

  /** The current central versions of these rows of the user (never called with none). */
  protected abstract versionRows(table: SyncedTable, ids: readonly string[]): Promise<DriverRow[]>;
  /**
   * Write checked rows (never none), each with the next server_seq. An id of another user's row is not
   * written: it is missing from `written`, and the whole unit is then rolled back. `head`, when asked for,
   * is the user's highest seq of the table before this write (0 when none).
   */
  protected abstract insertRows(table: SyncedTable, write: RowsToWrite): Promise<WrittenWithHead>;
  /** Record the batch id; false when it was recorded before (the batch is a retry). */
  protected abstract insertBatch(batchId: string): Promise<boolean>;
  protected abstract updateBatchConflicts(batchId: string, conflicts: string): Promise<void>;
  protected abstract readBatchConflicts(batchId: string): Promise<string | null>;

  async readVersions(table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    requireOpenWrite(this);
    requireSyncedTable(table);
    if (ids.length === 0) return [];
    const rows = await this.versionRows(table, ids);
    return rows.map((r) => toCentralRow(table, r));
  }

  async writeRows(table: SyncedTable, rows: readonly SyncRow[], origin: string): Promise<WrittenRow[]> {
    return (await this.checkedWrite(table, rows, origin, false)).written;
  }

  protected async checkedWrite(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
    withHead: boolean,
  ): Promise<WrittenWithHead> {
    requireOpenWrite(this);
    requireSyncedTable(table);
    requireText('origin', origin);
    if (rows.length === 0) return { written: [], head: 0 };
    const checked = checkedRows(table, rows, this.userId);
    const result = await this.insertRows(table, { rows: checked, origin, withHead });
    if (result.written.length !== checked.length) {
      // Thrown inside the transaction: it rolls back whole.
      throw foreignRowsError(
        table,
        checked.map((r) => r.id),
        result.written.map((w) => w.id),
      );
    }
    return result;
  }

  async recordBatch(batchId: string): Promise<boolean> {
    requireOpenWrite(this);
    requireText('batchId', batchId);
    return this.insertBatch(batchId);
  }

  async saveBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    requireOpenWrite(this);
    requireText('batchId', batchId);
    await this.updateBatchConflicts(batchId, conflicts);
  }

  async batchConflicts(batchId: string): Promise<string | null> {
    requireOpenWrite(this);
    requireText('batchId', batchId);
    return this.readBatchConflicts(batchId);
  }
}

/**
 * A write unit that can also read the table's head in the statement that writes (CentralUserWrite's
 * optional writeRowsWithHead): where a database can, it saves the sync a round trip per push.
 */
export abstract class SqlUserWriteWithHead extends SqlUserWrite {
  async writeRowsWithHead(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
  ): Promise<WrittenWithHead> {
    return this.checkedWrite(table, rows, origin, true);
  }
}

/** The driver rows of a push's reads (SqlUserWritePipelined.batchReads): the batch's versions, each parent's ids. */
export interface DriverBatchReads {
  readonly fresh: boolean;
  readonly current: DriverRow[];
  /** Per parent read, in order: the ids found (column `id`). */
  readonly parents: DriverRow[][];
}

/**
 * A write unit that can send a push's first reads at once (CentralUserWrite's optional recordBatchAndRead):
 * where a database pipelines statements, the lock, the batch record, the versions and the parent checks cost
 * one round trip.
 */
export abstract class SqlUserWritePipelined extends SqlUserWriteWithHead {
  /** recordBatch, versionRows and each parent's ids of this user, sent together. */
  protected abstract batchReads(
    batchId: string,
    table: SyncedTable,
    ids: readonly string[],
    parents: readonly ParentRead[],
  ): Promise<DriverBatchReads>;

  async recordBatchAndRead(
    batchId: string,
    table: SyncedTable,
    ids: readonly string[],
    parents: readonly ParentRead[],
  ): Promise<BatchReads> {
    requireOpenWrite(this);
    requireText('batchId', batchId);
    requireSyncedTable(table);
    for (const p of parents) requireSyncedTable(p.table);
    const read = await this.batchReads(batchId, table, ids, parents);
    return {
      fresh: read.fresh,
      current: read.current.map((r) => toCentralRow(table, r)),
      parents: parents.map((_, i) => new Set((read.parents[i] ?? []).map((r) => String(r.id)))),
    };
  }
}
