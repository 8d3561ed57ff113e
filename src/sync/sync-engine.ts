import { newId } from '../domain/ids.js';
import { digestRows } from '../domain/digest.js';
import { mergeRow, type MergeResult } from '../domain/merge.js';
import { validateSyncRow } from '../domain/row-validation.js';
import { SYNCED_TABLES, TABLES, type FieldValue, type SyncRow, type SyncedTable } from '../domain/tables.js';
import { recoverClockAhead } from '../local/clock-recovery.js';
import { ConflictRepository } from '../local/conflict-repository.js';
import type { LocalStore } from '../local/local-store.js';
import { ScheduleRepository } from '../local/schedule-repository.js';
import { SyncLogRepository, type SyncLogEntry, type SyncType } from '../local/sync-log-repository.js';
import { LocalSyncRows, type LocalSyncRow, type MergedLocalRow } from '../local/sync-rows.js';
import type { FeedSpan, PulledRow, PushResult, Remote } from './remote.js';
import { DEFAULT_RETRY, withRetry, type RetryHooks, type RetryPolicy } from './retry.js';
import { silentLogger, type SyncLogger } from './sync-logger.js';
import { settleUserIdentity, UserIdentityError } from './user-identity.js';
import type { SyncProgress, TableCounts, VerifyResult } from './sync-progress.js';

export interface SyncOptions {
  /**
   * Rows per push or pull batch. Default: 1000, doubled after each full batch up to the remote's
   * `batchLimits` (when it has them), so that a large sync runs in fewer transactions.
   */
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

/**
 * One sync run for one user (docs/architecture.md, "The sync protocol"): push changed rows parent-first in
 * batches, pull the user's changes after each table's cursor, keep every losing value, log the run.
 * Crash-safe: a pushed batch is applied once centrally and only rows still as pushed are marked synced; a
 * pulled batch and its cursor commit together.
 */
export class SyncEngine {
  private readonly rows: LocalSyncRows;
  private readonly conflicts: ConflictRepository;
  private readonly logs: SyncLogRepository;
  private readonly batchSize: number;
  private readonly growBatches: boolean;
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
    this.growBatches = options.batchSize === undefined;
    this.logger = options.logger ?? silentLogger;
  }

  async syncUser(userId: string): Promise<SyncReport> {
    const started = Date.now();
    const recovered = recoverClockAhead(this.local);
    if (recovered) {
      this.logger.log(
        'WARNING',
        `This device's clock had run ${Math.round(recovered.aheadMs / 60_000)} min ahead; ` +
          `${recovered.rows} unsynced changes were re-stamped at the present time, in their order`,
      );
    }
    // Automatic schedules due by now are posted first, so their rows travel with this sync.
    const { posted, refused } = new ScheduleRepository(this.local).post(userId, { autoOnly: true });
    if (posted.length > 0)
      this.logger.log('INFO', `Posted ${posted.length} scheduled occurrences that fell due`);
    for (const r of refused)
      this.logger.log(
        'WARNING',
        `Schedule ${r.occurrence.scheduleId}: ${r.occurrence.date} not posted: ${r.reason}`,
      );
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
          await this.local.withDeferredCheckpoints(() => this.runOnce(run));
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
    if (error instanceof UserIdentityError) {
      // Refused before anything moved: no run to report, nothing written.
      this.logs.discard(logId);
      this.logger.log('ERROR', `Sync refused: ${error.message}`);
      throw error;
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
    // Said before the handshake: opening a central store (connecting, checking its schema) can take a while.
    this.emit(run, 'connect', 'app_user', 0, 0);
    const { remoteId, feedHeads } = await this.remote.handshake(run.userId);
    const firstContact = this.rows.beginRemote(run.userId, remoteId, SYNCED_TABLES);
    if (firstContact) this.logger.log('INFO', `First sync of this user with central store ${remoteId}`);
    const user = this.rows.readVersions('app_user', [run.userId]).get(run.userId);
    if (user && (firstContact || user.base === null)) {
      const outcome = await settleUserIdentity(this.local, this.remote, user);
      if (outcome === 'adopted') {
        this.logger.log(
          'WARNING',
          `The central store already had user "${String(user.values.name)}", created on another device; ` +
            `this device's new user of that name held only its defaults and now uses the central one`,
        );
      }
    }
    for (const table of SYNCED_TABLES) await this.pushTable(run, remoteId, table);
    // Every change up to a table's feed head is readable now: a table whose cursor is there has nothing to pull.
    // (Heads from the handshake, read before the pushes, serve as well: see Handshake.feedHeads.)
    const heads = feedHeads ?? (this.remote.feedHeads ? await this.remote.feedHeads(run.userId) : undefined);
    for (const table of SYNCED_TABLES) await this.pullTable(run, remoteId, table, heads?.[table]);
    // Conflicts found while pulling travel in this run too, so the other devices see them at their next sync.
    if (this.rows.hasDirty('sync_conflict', run.userId)) await this.pushTable(run, remoteId, 'sync_conflict');
    if (this.options.verify) {
      run.verify = [];
      for (const table of SYNCED_TABLES) run.verify.push(await this.verifyTable(run, remoteId, table));
    }
  }

  /**
   * Push one table's changed rows in batches. Pipelined: batch k+1 is read and sent before batch k's answer
   * is applied, so that this device reads and prepares the next batch (and a direct remote validates and
   * merges it) while the central store writes the current one. The central store applies each batch on its
   * own under the user's lock, in any order (the batches hold different rows), and the answers are applied
   * here in order. At most one batch is in flight besides the one being applied, and never across tables, so
   * parents still reach the central store before their children. On a failure, the other batch is waited
   * for (its outcome ignored: its rows stay dirty and a later push re-sends them, which merges to no change).
   */
  private async pushTable(run: SyncRun, remoteId: string, table: SyncedTable): Promise<void> {
    let after = 0;
    let batchNo = 0;
    let sent = 0;
    let size = this.batchSize;
    const send = (limit: number): PushInFlight | null => {
      const { rows: batch, last } = this.rows.readDirtyBatch(table, run.userId, after, limit);
      if (batch.length === 0) return null;
      after = last;
      // If nothing at all is written locally while the batch travels (but the answers this loop applies, see
      // below), the rows just read are still the local versions, and applying the answer need not read them.
      const stamp = this.local.writeStamp();
      const result = this.remote.push({
        batchId: newId(),
        userId: run.userId,
        deviceId: this.local.deviceId,
        table,
        rows: batch.map(({ id, values, clock, hlc, modifiedAt, base, baseClock }) => ({
          id,
          values,
          clock,
          hlc,
          modifiedAt,
          base,
          ...(baseClock ? { baseClock } : {}),
        })),
      });
      result.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      return { batch, stamp, full: batch.length === limit, result };
    };
    const spans: FeedSpan[] = [];
    let current = send(size);
    // A table with changes says so before its first answer, with how many rows it sends.
    const expected = current ? this.rows.countDirty(table, run.userId) : 0;
    if (current) this.emit(run, 'push', table, 0, 0, expected);
    while (current) {
      let next: PushInFlight | null = null;
      try {
        if (current.full) {
          size = this.nextBatchSize(size, 'push');
          next = send(size);
        }
        const result = await current.result;
        // The merged rows may name a parent this device has not pulled yet (another device moved an expense
        // to a category it created): fetched first, or the answer could never be applied here.
        const parents = await this.missingParents(run.userId, table, result.rows);
        this.applyPushAnswer(run, remoteId, table, current, next, result, spans, parents);
      } catch (e) {
        await Promise.allSettled([current.result, next?.result]);
        throw e;
      }
      sent += current.batch.length;
      this.emit(run, 'push', table, ++batchNo, current.batch.length, expected);
      current = next;
    }
    if (sent > 0) this.logger.log('INFO', `Pushed ${sent} ${table} rows`);
  }

  /** Apply the central store's answer to a pushed batch locally, in one transaction. */
  private applyPushAnswer(
    run: SyncRun,
    remoteId: string,
    table: SyncedTable,
    batch: PushInFlight,
    next: PushInFlight | null,
    result: PushResult,
    /** Feed spans of this table's batches applied so far in this push (see below). */
    spans: FeedSpan[],
    parents: readonly [SyncedTable, readonly SyncRow[]][],
  ): void {
    const pushed = new Map(batch.batch.map((r) => [r.id, r]));
    this.local.transaction(() => {
      // The first statement of the transaction: its snapshot. If this write succeeds, no other connection
      // committed after it, so the only change between `before` and the end is this transaction's own.
      const before = this.local.writeStamp();
      const current = before === batch.stamp ? pushed : undefined;
      for (const [parentTable, rows] of parents) {
        const applied = this.applyRows(run.userId, parentTable, rows, undefined, () => 'all');
        run.add(parentTable, 'pulled', applied.changed, applied.conflicts);
      }
      const central = this.conflicts.record(run.userId, table, result.conflicts);
      const applied = this.applyRows(run.userId, table, result.rows, current, (local) => {
        // Rows edited while this batch travelled keep their new edits; only those can lose a value here.
        const editedSince = local !== undefined && local.hlc !== pushed.get(local.id)?.hlc;
        return editedSince ? 'local-losers' : 'none';
      });
      run.add(table, 'pushed', batch.batch.length, central + applied.conflicts);
      // A pushed row the central store answered with another device's values brought those values here:
      // they were received, and a person who saw them arrive expects "received" to count them.
      run.add(table, 'pulled', applied.changed, 0);
      // The central store wrote nothing of this user's table but these rows in (after, upTo]: the device now
      // holds them all, so the pull need not read them back. Pipelined batches may reach the central store in
      // either order, so a span that starts past the cursor waits in `spans` until an earlier one meets it.
      if (result.feed) {
        spans.push(result.feed);
        const start = this.rows.cursor(run.userId, remoteId, table);
        let cursor = start;
        for (let moved = true; moved;) {
          moved = false;
          for (const span of spans) {
            if (span.after <= cursor && span.upTo > cursor) {
              cursor = span.upTo;
              moved = true;
            }
          }
        }
        if (cursor > start) this.rows.setCursor(run.userId, remoteId, table, cursor);
      }
      this.logs.progress(run.logId, run.pushed, run.pulled, run.conflicts);
      // This transaction wrote only the rows of this batch (and conflicts, cursor, log): the next batch's rows,
      // read before it, are as current after it as before it, if they were then.
      if (next && next.stamp === before) next.stamp = this.local.writeStamp();
    });
  }

  /**
   * Pull one table from its cursor to the end of the feed. With `head` (the feed's head, read after the
   * pushes), a table already past it is skipped; a pull that finds nothing after the cursor moves the cursor
   * up to the head (every change up to the head was readable before this pull began, and none is left), so
   * that the next sync skips the table. A short batch alone proves nothing (a remote may return fewer rows
   * than asked), so only an empty answer moves the cursor past rows it did not see.
   */
  private async pullTable(run: SyncRun, remoteId: string, table: SyncedTable, head?: number): Promise<void> {
    let cursor = this.rows.cursor(run.userId, remoteId, table);
    if (head !== undefined && cursor >= head) return;
    let batchNo = 0;
    let changed = 0;
    let size = this.batchSize;
    let pending = this.remote.pull(run.userId, table, cursor, size);
    // A table that holds no row at all when its pull starts (a new device's first pull): a row a batch brings
    // is new here unless an earlier batch of this pull brought it, as long as nothing but this pull wrote to
    // the file between batches (the write stamp). Such batches are inserted without reading their ids first.
    let empty = cursor === 0 && this.rows.isEmpty(table);
    let stamp = empty ? this.local.writeStamp() : '';
    const brought = new Set<string>();
    this.emit(run, 'pull', table, 0, 0);
    for (;;) {
      const batch = await pending;
      if (batch.length === 0) {
        if (head !== undefined && head > cursor) this.rows.setCursor(run.userId, remoteId, table, head);
        break;
      }
      const next = batch[batch.length - 1]?.seq ?? cursor;
      // After a full batch, the next one is asked for at once and read by the central store while this one is
      // checked and applied here (its cursor is this batch's last seq, whatever applying this one does).
      const more = batch.length >= size;
      const nextSize = more ? this.nextBatchSize(size, 'pull') : size;
      const prefetch = more ? this.remote.pull(run.userId, table, next, nextSize) : null;
      prefetch?.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      try {
        const valid = this.usableRows(run.userId, table, batch);
        const parents = await this.missingParents(run.userId, table, valid);
        const usable = this.withParents(table, valid, parents);
        const before = run.pulled;
        this.local.transaction(() => {
          empty &&= this.local.writeStamp() === stamp && usable.every((r) => !brought.has(r.id));
          for (const [parentTable, rows] of parents) {
            const applied = this.applyRows(run.userId, parentTable, rows, undefined, () => 'all');
            run.add(parentTable, 'pulled', applied.changed, applied.conflicts);
          }
          const known = empty ? new Map<string, LocalSyncRow>() : undefined;
          const applied = this.applyRows(run.userId, table, usable, known, () => 'all');
          run.add(table, 'pulled', applied.changed, applied.conflicts);
          this.rows.setCursor(run.userId, remoteId, table, next);
          this.logs.progress(run.logId, run.pushed, run.pulled, run.conflicts);
          if (empty) {
            for (const r of usable) brought.add(r.id);
            stamp = this.local.writeStamp();
          }
        });
        changed += run.pulled - before;
      } catch (e) {
        // Nothing is left running behind a failed pull.
        if (prefetch) await prefetch.catch(() => undefined);
        throw e;
      }
      cursor = next;
      this.emit(run, 'pull', table, ++batchNo, batch.length);
      if (!prefetch) break;
      pending = prefetch;
      size = nextSize;
    }
    if (changed > 0) this.logger.log('INFO', `Pulled ${changed} ${table} rows`);
  }

  /** The next batch after a full one: twice as large, up to the remote's limit, unless the size was given. */
  private nextBatchSize(size: number, direction: 'push' | 'pull'): number {
    const limit = this.growBatches ? this.remote.batchLimits?.[direction] : undefined;
    return limit !== undefined && size < limit ? Math.min(size * 2, limit) : size;
  }

  /**
   * The rows of a pulled batch that can be applied here. A row that fails the checks every arriving row passes
   * (a bad value written straight into the central database, a row of another user from a misbehaving hub) is
   * reported and left out: applying it could break this device's data, and refusing the whole batch would
   * stop every later sync at the same row. The cursor moves past it like any other row.
   */
  private usableRows<R extends SyncRow>(userId: string, table: SyncedTable, rows: readonly R[]): R[] {
    return rows.filter((row) => {
      try {
        validateSyncRow(table, userId, row);
        return true;
      } catch (e) {
        this.logger.log(
          'WARNING',
          `Skipped ${table} ${String(row.id)} from the central store: ${message(e)}`,
        );
        return false;
      }
    });
  }

  /** Rows whose parents are here or arriving with them; the others are reported and left out (see usableRows). */
  private withParents<R extends SyncRow>(
    table: SyncedTable,
    rows: readonly R[],
    fetched: readonly [SyncedTable, readonly SyncRow[]][],
  ): R[] {
    const refs = Object.entries(TABLES[table].references).filter(([, parent]) => parent !== table);
    if (refs.length === 0) return [...rows];
    const arriving = new Set(fetched.flatMap(([t, r]) => r.map((row) => `${t}:${row.id}`)));
    const present = new Map<SyncedTable, Set<string>>();
    for (const [field, parent] of refs) {
      const ids = [
        ...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string')),
      ];
      present.set(parent, new Set([...(present.get(parent) ?? []), ...this.rows.existingIds(parent, ids)]));
    }
    return rows.filter((row) => {
      for (const [field, parent] of refs) {
        const id = row.values[field];
        if (typeof id !== 'string' || present.get(parent)?.has(id) || arriving.has(`${parent}:${id}`))
          continue;
        this.logger.log(
          'WARNING',
          `Skipped ${table} ${row.id} from the central store: its ${field} names a ${parent} the central store ` +
            `does not have for this user`,
        );
        return false;
      }
      return true;
    });
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
      const fetched = this.usableRows(userId, parent, await this.remote.fetch(userId, parent, missing));
      const grandparents = await this.missingParents(userId, parent, fetched);
      result.push(...grandparents, [parent, this.withParents(parent, fetched, grandparents)]);
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
    /** The local versions when the caller knows them to be current (else they are read). */
    known: ReadonlyMap<string, LocalSyncRow> | undefined,
    conflictMode: (local: LocalSyncRow | undefined) => 'all' | 'local-losers' | 'none',
  ): { changed: number; conflicts: number } {
    let changed = 0;
    let conflicts = 0;
    if (incoming.length === 0) return { changed, conflicts };
    const locals =
      known ??
      this.rows.readVersions(
        table,
        incoming.map((r) => r.id),
      );
    const latest = incoming.reduce((a, r) => (r.hlc > a ? r.hlc : a), '');
    this.local.observeHlc(latest); // refuses a clock too far ahead before anything is written
    const writes: MergedLocalRow[] = [];
    for (const remote of incoming) {
      const local = locals.get(remote.id);
      // The usual answer to a push: the central version is the very one this device holds. mergeRow would
      // find every field equal (no change either way, no conflict); this says so without comparing values.
      const merged =
        local && local.hlc === remote.hlc && sameVersion(table, local, remote)
          ? sameMerged(table, local)
          : mergeRow(table, local, remote, local?.base ?? null, local?.baseClock ?? null);
      const mode = conflictMode(local);
      const kept =
        mode === 'all'
          ? merged.conflicts
          : mode === 'local-losers'
            ? merged.conflicts.filter((c) => c.loser === 'receiver')
            : [];
      conflicts += this.conflicts.record(userId, table, kept);
      if (!merged.receiverChanged && local?.base === remote.hlc && local.isSynced === !merged.incomingChanged)
        continue;
      const modifiedAt = local && merged.row.hlc === local.hlc ? local.modifiedAt : remote.modifiedAt;
      const unchanged =
        local !== undefined &&
        !merged.receiverChanged &&
        merged.row.hlc === local.hlc &&
        modifiedAt === local.modifiedAt &&
        sameClock(table, local.clock, merged.row.clock);
      writes.push({
        row: { ...merged.row, modifiedAt },
        base: remote.hlc,
        baseClock: remote.clock,
        synced: !merged.incomingChanged,
        unchanged,
        absent: local === undefined,
      });
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
    // Repair: first pull the whole table from the start, merging by clocks (each field keeps its newer value,
    // so an edit made centrally, say by an admin's SQL, is taken), then send every local row again: each now
    // holds the central values where those were newer, so the push can add only what the central store lacks
    // or holds older, never put a device's older value back over a newer central one. Merges are idempotent.
    this.rows.setCursor(run.userId, remoteId, table, 0);
    await this.pullTable(run, remoteId, table);
    this.rows.markAllDirty(table, run.userId);
    for (const t of SYNCED_TABLES)
      if (t === table || this.rows.hasDirty(t, run.userId)) await this.pushTable(run, remoteId, t);
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
    expected?: number,
  ): void {
    this.options.onProgress?.({
      phase,
      table,
      batch,
      rows,
      pushed: run.pushed,
      pulled: run.pulled,
      conflicts: run.conflicts,
      ...(expected === undefined ? {} : { expected }),
    });
  }
}

/** A pushed batch whose answer has not been applied yet. */
interface PushInFlight {
  readonly batch: readonly LocalSyncRow[];
  /** LocalStore.writeStamp() when the rows were read (moved on past this loop's own transactions). */
  stamp: string;
  /** Whether the batch was as large as asked (more rows may follow). */
  readonly full: boolean;
  readonly result: Promise<PushResult>;
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
    // Conflict rows are the record of a merge, not the user's data: the run's totals count data rows.
    if (table !== 'sync_conflict') this[direction] += rows;
    this.tables[table].conflicts += conflicts;
    this.conflicts += conflicts;
  }
}

/** Whether two versions of a row hold the same value and the same clock in every field. */
function sameVersion(table: SyncedTable, a: SyncRow, b: SyncRow): boolean {
  for (const { name } of TABLES[table].fields) {
    if ((a.values[name] ?? null) !== (b.values[name] ?? null)) return false;
    if ((a.clock[name] ?? '') !== (b.clock[name] ?? '')) return false;
  }
  return true;
}

/** What mergeRow returns for two equal versions: the same row (fields in TABLES order), no change, no conflict. */
function sameMerged(table: SyncedTable, row: SyncRow): MergeResult {
  const values: Record<string, FieldValue> = {};
  const clock: Record<string, string> = {};
  let hlc = '';
  for (const { name } of TABLES[table].fields) {
    values[name] = row.values[name] ?? null;
    const c = row.clock[name] ?? '';
    clock[name] = c;
    if (c > hlc) hlc = c;
  }
  return {
    row: { id: row.id, values, clock, hlc },
    conflicts: [],
    receiverChanged: false,
    incomingChanged: false,
  };
}

/** Whether a stored clock holds exactly the merged one: the same clock for every field, and nothing else. */
function sameClock(
  table: SyncedTable,
  stored: Readonly<Record<string, string>>,
  merged: Readonly<Record<string, string>>,
): boolean {
  const fields = TABLES[table].fields;
  if (Object.keys(stored).length !== fields.length) return false;
  for (const { name } of fields) if (stored[name] !== merged[name]) return false;
  return true;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
