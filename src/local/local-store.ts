import type { Statement } from 'better-sqlite3';
import { formatHlc, hlcZero, parseHlc, receive, tick, type Hlc } from '../domain/hlc.js';
import { newDeviceId } from '../domain/ids.js';
import { openSqlite, openSqliteReadOnly, type SqliteDatabase } from './sqlite-database.js';

export interface LocalStoreOptions {
  /** Path of the SQLite file, or ':memory:'. */
  readonly path: string;
  /** Wall clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Open an existing, current database without writing anything (its folder cannot be written). */
  readonly readOnly?: boolean;
}

/** SQLite's default automatic checkpoint threshold, in WAL pages, and the one used while a sync runs (256 MiB). */
const DEFAULT_CHECKPOINT_PAGES = 1000;
const DEFERRED_CHECKPOINT_PAGES = 65_536;

/**
 * One device's database and its clock: the context every repository and report takes.
 * The HLC state is persisted with each write so that it never runs backwards across restarts.
 */
export class LocalStore {
  readonly db: SqliteDatabase;
  readonly deviceId: string;
  private clock: Hlc;
  private readonly wallClock: () => Date;
  private readonly saveClock: Statement<[string]>;
  private readonly statements = new Map<string, Statement>();
  /** Open withDeferredCheckpoints calls. */
  private deferrals = 0;

  private constructor(db: SqliteDatabase, now: () => Date) {
    this.db = db;
    this.wallClock = now;
    const device = db.prepare('SELECT device_id, last_hlc FROM device WHERE singleton = 1').get() as
      { device_id: string; last_hlc: string } | undefined;
    if (device) {
      this.deviceId = device.device_id;
      this.clock = parseHlc(device.last_hlc);
    } else {
      this.deviceId = newDeviceId();
      this.clock = hlcZero(this.deviceId);
      db.prepare('INSERT INTO device (singleton, device_id, last_hlc, created_at) VALUES (1, ?, ?, ?)').run(
        this.deviceId,
        formatHlc(this.clock),
        now().toISOString(),
      );
    }
    this.saveClock = db.prepare('UPDATE device SET last_hlc = ? WHERE singleton = 1');
  }

  static open(options: LocalStoreOptions): LocalStore {
    const db = options.readOnly ? openSqliteReadOnly(options.path) : openSqlite(options.path);
    // A page cache of 32 MiB instead of SQLite's 2 MiB: a sync writes thousands of rows per transaction, and
    // every row touches several indexes at scattered places (dates, categories); with the small cache most of
    // those pages are read and written again within one batch. Memory only, the file is the same.
    db.pragma('cache_size = -32768');
    // A sync defers checkpoints (withDeferredCheckpoints), so the WAL may grow large; once checkpointed, it is
    // cut back to this size when it next restarts instead of keeping its largest size on disk.
    db.pragma('journal_size_limit = 67108864');
    return new LocalStore(db, options.now ?? (() => new Date()));
  }

  now(): Date {
    return this.wallClock();
  }

  /** The clock of a new local change. */
  nextHlc(): string {
    this.clock = tick(this.clock, this.wallClock().getTime());
    const text = formatHlc(this.clock);
    this.saveClock.run(text);
    return text;
  }

  /** The latest clock this device has made or seen. */
  lastHlc(): string {
    return formatHlc(this.clock);
  }

  /**
   * Set this device's clock, even backwards: only for recovering from a system clock that ran ahead, once
   * every clock this device made in that future has been re-stamped (local/clock-recovery.ts).
   */
  resetClock(hlc: string): void {
    const next = parseHlc(hlc);
    if (next.node !== this.deviceId) throw new Error(`clock ${hlc} is not this device's`);
    this.clock = next;
    this.saveClock.run(formatHlc(this.clock));
  }

  /** Move this device's clock past one received from another store. */
  observeHlc(remote: string): void {
    this.clock = receive(this.clock, parseHlc(remote), this.wallClock().getTime());
    this.saveClock.run(formatHlc(this.clock));
  }

  /**
   * A stamp that changes whenever the database may have changed since it was taken: rows written through this
   * connection (SQLite's total_changes) or a commit by any other connection (PRAGMA data_version). Two equal
   * stamps mean that nothing in the file changed in between, so rows read at the first are still current.
   */
  writeStamp(): string {
    const changes = this.sql('SELECT total_changes() AS n').get() as { n: number };
    const version = this.sql('PRAGMA data_version').pluck().get() as number;
    return `${changes.n}:${version}`;
  }

  /** A prepared statement, compiled once per store: repositories call this instead of `db.prepare`. */
  sql(text: string): Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  /**
   * Run `fn` (a sync: many write transactions in a row) with SQLite's automatic WAL checkpoints deferred. By
   * default SQLite copies the WAL back into the database (with an fsync) at the first commit after the WAL
   * passes 1,000 pages, which during a large sync is nearly every batch: a third of a first pull's time here.
   * Afterwards the default threshold is back, so the next commit (the sync log's) checkpoints once if the WAL
   * grew past it; a small sync leaves the WAL small and pays nothing. Deferring changes no transaction's
   * atomicity (each batch still commits with its cursor); with synchronous=NORMAL it only widens the window
   * of commits that a power cut (not a crash of pfm) can undo, and a sync repeats such work harmlessly.
   * Calls may nest; the outermost restores the setting.
   */
  async withDeferredCheckpoints<T>(fn: () => Promise<T>): Promise<T> {
    if (this.deferrals++ === 0) this.db.pragma(`wal_autocheckpoint = ${DEFERRED_CHECKPOINT_PAGES}`);
    try {
      return await fn();
    } finally {
      if (--this.deferrals === 0) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
    }
  }

  /** Run `fn` in one SQLite transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
