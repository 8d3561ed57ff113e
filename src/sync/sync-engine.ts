import { newId } from '../domain/ids.js';
import { digestRows } from '../domain/digest.js';
import { mergeRow, type FieldConflict } from '../domain/merge.js';
import { validateSyncRow } from '../domain/row-validation.js';
import { SYNCED_TABLES, TABLES, type SyncRow, type SyncedTable } from '../domain/tables.js';
import { ConflictRepository } from '../local/conflict-repository.js';
import type { LocalStore } from '../local/local-store.js';
import { SyncLogRepository, type SyncLogEntry, type SyncType } from '../local/sync-log-repository.js';
import { LocalSyncRows, type LocalSyncRow, type MergedLocalRow } from '../local/sync-rows.js';
import type { PulledRow, Remote } from './remote.js';
import { DEFAULT_RETRY, withRetry, type RetryHooks, type RetryPolicy } from './retry.js';
import { silentLogger, type SyncLogger } from './sync-logger.js';
import type { SyncProgress, TableCounts, VerifyResult } from './sync-progress.js';

export interface SyncOptions {
  /** Rows per push or pull batch (default 1000). */
  readonly batchSize?: number;
  readonly syncType?: SyncType;
  /** Compare table digests after the sync, repairing any mismatch. */
  readonly verify?: boolean;
  readonly retry?: RetryPolicy;
  readonly retryHooks?: RetryHooks;
  readonly logger?: SyncLogger;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** A name for the remote in the sync log (a redacted URL). */
  readonly remoteLabel?: string;
}

export interface SyncReport {
  readonly log: SyncLogEntry;
  readonly tables: Readonly<Record<SyncedTable, TableCounts>>;
  readonly verify: readonly VerifyResult[];
  readonly attempts: number;
}

/** Which side a losing value was on, from the point of view of the store that merged. */
const lostSide = (merger: 'local' | 'central') => (c: FieldConflict) =>
  c.loser === 'receiver' ? merger : merger === 'local' ? 'central' : 'local';

/**
 * One sync run for one user (DESIGN.md): push changed rows parent-first in batches, pull the user's changes
 * after each table's cursor, keep every losing value, log the run. Crash-safe: a pushed batch is applied once
 * centrally and only rows still as pushed are marked synced; a pulled batch and its cursor commit together.
 */
export class SyncEngine {
  private readonly rows: LocalSyncRows;
  private readonly conflicts: ConflictRepository;
  private readonly logs: SyncLogRepository;
  private readonly batchSize: number;
  private readonly logger: SyncLogger;

  constructor(
    private readonly local: LocalStore,
    private readonly remote: Remote,
    private readonly options: SyncOptions = {},
  ) {
    this.rows = new LocalSyncRows(local);
    this.conflicts = new ConflictRepository(local);
    this.logs = new SyncLogRepository(local);
    this.batchSize = options.batchSize ?? 1000;
    this.logger = options.logger ?? silentLogger;
  }

  async syncUser(userId: string): Promise<SyncReport> {
    const started = Date.now();
    this.logs.closeAbandoned(userId);
    const logId = this.logs.open(
      userId,
      this.options.syncType ?? 'Manual',
      this.options.remoteLabel ?? 'central',
    );
    const run = new SyncRun(userId, logId);
    let attempts = 0;
    let error: unknown = null;
    try {
      await withRetry(
        this.options.retry ?? DEFAULT_RETRY,
        async (attempt) => {
          attempts = attempt;
          await this.runOnce(run);
        },
        {
          ...this.options.retryHooks,
          onRetry: (attempt, delay, e) => {
            this.logger.log('WARNING', `Retry ${attempt} after ${(delay / 1000).toFixed(1)}s: ${message(e)}`);
            this.options.retryHooks?.onRetry?.(attempt, delay, e);
          },
        },
      );
    } catch (e) {
      error = e;
    }
    const progressed = run.pushed + run.pulled > 0;
    const status = error === null ? 'Success' : progressed ? 'Partial' : 'Failed';
    const errorMessage =
      error === null
        ? null
        : attempts > 1
          ? `${message(error)} (after ${attempts} attempts)`
          : message(error);
    const log = this.logs.close(logId, {
      status,
      pushed: run.pushed,
      pulled: run.pulled,
      conflicts: run.conflicts,
      errorMessage,
    });
    if (error === null)
      this.logger.log('INFO', `Sync completed: ${status} (${((Date.now() - started) / 1000).toFixed(2)}s)`);
    else this.logger.log('ERROR', `Sync completed: ${status}: ${errorMessage}`);
    await this.remote
      .recordActivity({
        userId,
        deviceId: this.local.deviceId,
        syncType: log.syncType,
        status,
        startedAt: log.startTime,
        finishedAt: log.endTime,
        pushed: run.pushed,
        pulled: run.pulled,
        conflicts: run.conflicts,
        errorMessage,
      })
      .catch(() => undefined); // the central activity log is a report; an unreachable store must not hide the result
    return { log, tables: run.tables, verify: run.verify, attempts };
  }

  private async runOnce(run: SyncRun): Promise<void> {
    const { remoteId } = await this.remote.handshake();
    if (this.rows.beginRemote(run.userId, remoteId, SYNCED_TABLES)) {
      this.logger.log('INFO', `First sync of this user with central store ${remoteId}`);
    }
    for (const table of SYNCED_TABLES) await this.pushTable(run, table);
    for (const table of SYNCED_TABLES) await this.pullTable(run, remoteId, table);
    if (this.options.verify) {
      run.verify = [];
      for (const table of SYNCED_TABLES) run.verify.push(await this.verifyTable(run, remoteId, table));
    }
  }

  private async pushTable(run: SyncRun, table: SyncedTable): Promise<void> {
    let afterId = '';
    let batchNo = 0;
    let sent = 0;
    for (;;) {
      const batch = this.rows.readDirty(table, run.userId, afterId, this.batchSize);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]?.id ?? afterId;
      const result = await this.remote.push({
        batchId: newId(),
        userId: run.userId,
        deviceId: this.local.deviceId,
        table,
        rows: batch.map(({ id, values, clock, hlc, modifiedAt, base }) => ({
          id,
          values,
          clock,
          hlc,
          modifiedAt,
          base,
        })),
      });
      const pushed = new Map(batch.map((r) => [r.id, r]));
      this.local.transaction(() => {
        const central = this.conflicts.record(run.userId, table, result.conflicts, lostSide('central'));
        const applied = this.applyRows(run.userId, table, result.rows, (local) => {
          // Rows edited while this batch travelled keep their new edits; only those can lose a value here.
          const editedSince = local !== undefined && local.hlc !== pushed.get(local.id)?.hlc;
          return editedSince ? 'local-losers' : 'none';
        });
        run.add(table, 'pushed', batch.length, central + applied.conflicts);
        this.logs.progress(run.logId, run.pushed, run.pulled, run.conflicts);
      });
      sent += batch.length;
      this.emit(run, 'push', table, ++batchNo, batch.length);
      if (batch.length < this.batchSize) break;
    }
    if (sent > 0) this.logger.log('INFO', `Pushed ${sent} ${table} rows`);
  }

  private async pullTable(run: SyncRun, remoteId: string, table: SyncedTable): Promise<void> {
    let cursor = this.rows.cursor(run.userId, remoteId, table);
    let batchNo = 0;
    let changed = 0;
    for (;;) {
      const batch = await this.remote.pull(run.userId, table, cursor, this.batchSize);
      if (batch.length === 0) break;
      for (const row of batch) validateSyncRow(table, run.userId, row);
      const parents = await this.missingParents(run.userId, table, batch);
      const next = batch[batch.length - 1]?.seq ?? cursor;
      const before = run.pulled;
      this.local.transaction(() => {
        for (const [parentTable, rows] of parents) {
          const applied = this.applyRows(run.userId, parentTable, rows, () => 'all');
          run.add(parentTable, 'pulled', applied.changed, applied.conflicts);
        }
        const applied = this.applyRows(run.userId, table, batch, () => 'all');
        run.add(table, 'pulled', applied.changed, applied.conflicts);
        this.rows.setCursor(run.userId, remoteId, table, next);
        this.logs.progress(run.logId, run.pushed, run.pulled, run.conflicts);
      });
      changed += run.pulled - before;
      cursor = next;
      this.emit(run, 'pull', table, ++batchNo, batch.length);
      if (batch.length < this.batchSize) break;
    }
    if (changed > 0) this.logger.log('INFO', `Pulled ${changed} ${table} rows`);
  }

  /**
   * Parents (a category, a goal, the user) that pulled rows point to but this device lacks: they changed after
   * their own table was pulled. Fetched by id, grandparents first, so foreign keys hold.
   */
  private async missingParents(
    userId: string,
    table: SyncedTable,
    rows: readonly SyncRow[],
  ): Promise<[SyncedTable, PulledRow[]][]> {
    const result: [SyncedTable, PulledRow[]][] = [];
    for (const [field, parent] of Object.entries(TABLES[table].references)) {
      const wanted = [
        ...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string')),
      ];
      if (parent === table || wanted.length === 0) continue;
      const present = this.rows.existingIds(parent, wanted);
      const missing = wanted.filter((id) => !present.has(id));
      if (missing.length === 0) continue;
      const fetched = await this.remote.fetch(userId, parent, missing);
      for (const row of fetched) validateSyncRow(parent, userId, row);
      result.push(...(await this.missingParents(userId, parent, fetched)), [parent, fetched]);
    }
    return result;
  }

  /**
   * Merge central versions into the local rows (the caller holds the transaction). A row is synced when the
   * merge equals the central version; rows holding newer local edits stay dirty for the next push.
   */
  private applyRows(
    userId: string,
    table: SyncedTable,
    incoming: readonly SyncRow[],
    conflictMode: (local: LocalSyncRow | undefined) => 'all' | 'local-losers' | 'none',
  ): { changed: number; conflicts: number } {
    let changed = 0;
    let conflicts = 0;
    if (incoming.length === 0) return { changed, conflicts };
    const locals = this.rows.readVersions(
      table,
      incoming.map((r) => r.id),
    );
    const latest = incoming.reduce((a, r) => (r.hlc > a ? r.hlc : a), '');
    this.local.observeHlc(latest); // refuses a clock too far ahead before anything is written
    const writes: MergedLocalRow[] = [];
    for (const remote of incoming) {
      const local = locals.get(remote.id);
      const merged = mergeRow(table, local, remote, local?.base ?? null);
      const mode = conflictMode(local);
      const kept =
        mode === 'all'
          ? merged.conflicts
          : mode === 'local-losers'
            ? merged.conflicts.filter((c) => c.loser === 'receiver')
            : [];
      conflicts += this.conflicts.record(userId, table, kept, lostSide('local'));
      if (!merged.receiverChanged && local?.base === remote.hlc && local.isSynced === !merged.incomingChanged)
        continue;
      const modifiedAt = local && merged.row.hlc === local.hlc ? local.modifiedAt : remote.modifiedAt;
      writes.push({ row: { ...merged.row, modifiedAt }, base: remote.hlc, synced: !merged.incomingChanged });
      if (merged.receiverChanged) changed++;
    }
    this.rows.writeMerged(table, writes, this.local.now().toISOString());
    return { changed, conflicts };
  }

  private async verifyTable(run: SyncRun, remoteId: string, table: SyncedTable): Promise<VerifyResult> {
    const compare = async () => {
      const mine = digestRows(table, this.rows.iterateAll(table, run.userId));
      const theirs = await this.remote.digest(run.userId, table);
      return { mine, match: mine.sha256 === theirs.sha256 && mine.rows === theirs.rows };
    };
    const first = await compare();
    this.emit(run, 'verify', table, 1, first.mine.rows);
    if (first.match) return { table, rows: first.mine.rows, match: true, repaired: false };
    this.logger.log(
      'WARNING',
      `Verify: ${table} differs from the central store; repairing by a full re-sync`,
    );
    // Repair: send every local row again and pull the whole table from the start. Merges are idempotent.
    this.local.transaction(() => {
      this.rows.markAllDirty(table, run.userId);
      this.rows.setCursor(run.userId, remoteId, table, 0);
    });
    for (const t of SYNCED_TABLES)
      if (t === table || this.rows.hasDirty(t, run.userId)) await this.pushTable(run, t);
    await this.pullTable(run, remoteId, table);
    const second = await compare();
    if (!second.match) this.logger.log('ERROR', `Verify: ${table} still differs after repair`);
    return { table, rows: second.mine.rows, match: false, repaired: second.match };
  }

  private emit(
    run: SyncRun,
    phase: SyncProgress['phase'],
    table: SyncedTable,
    batch: number,
    rows: number,
  ): void {
    this.options.onProgress?.({
      phase,
      table,
      batch,
      rows,
      pushed: run.pushed,
      pulled: run.pulled,
      conflicts: run.conflicts,
    });
  }
}

/** Counters of one run, kept across retries so the log shows everything that was committed. */
class SyncRun {
  pushed = 0;
  pulled = 0;
  conflicts = 0;
  verify: VerifyResult[] = [];
  readonly tables = Object.fromEntries(
    SYNCED_TABLES.map((t) => [t, { pushed: 0, pulled: 0, conflicts: 0 }]),
  ) as Record<SyncedTable, TableCounts>;

  constructor(
    readonly userId: string,
    readonly logId: number,
  ) {}

  add(table: SyncedTable, direction: 'pushed' | 'pulled', rows: number, conflicts: number): void {
    this.tables[table][direction] += rows;
    this[direction] += rows;
    this.tables[table].conflicts += conflicts;
    this.conflicts += conflicts;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
