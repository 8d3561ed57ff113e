import Database from 'better-sqlite3';
import { CentralError } from '../central-store.js';

/**
 * One connection to a central SQLite file, and the order of its work. better-sqlite3 runs each statement to
 * the end on the calling thread, but a write unit spans awaits (the merge runs between its statements), so
 * every unit of work of this process waits its turn in one queue: a read never sees another unit's
 * uncommitted rows, and two write units never share a transaction. Other processes are kept in order by
 * SQLite itself: WAL lets them read while one writes, and a writer waits (busy timeout) for the write lock.
 */
export class SqliteSession {
  private readonly statements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    /** Already redacted (an embedded store's URL holds no password, but it goes through one door). */
    private readonly url: string,
    private readonly onStatement: ((sql: string) => void) | undefined,
  ) {}

  /** `path` is a file (made if missing) or `:memory:`. */
  static open(path: string, url: string, onStatement?: (sql: string) => void): SqliteSession {
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // Every commit reaches the disk before a device is told its rows are stored: a device marks what it
      // pushed as synced on that word, so a commit lost to a power cut would be lost everywhere.
      db.pragma('synchronous = FULL');
    } catch (e) {
      throw toCentralError(e, url);
    }
    return new SqliteSession(db, url, onStatement);
  }

  /** Run `fn` when every earlier unit of work of this process has finished. */
  serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(() => {
      if (this.closed) throw new CentralError(`the central store ${this.url} is closed`, 'PFM_CLOSED');
      return fn();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Run `fn` in one write transaction (begun at once, so the write lock is held before anything is read). */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        this.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.exec('ROLLBACK');
        throw e;
      }
    });
  }

  all<R>(sql: string, params: readonly unknown[] = []): R[] {
    return this.call(sql, (s) => s.all(...binds(sql, params)) as R[]);
  }

  get<R>(sql: string, params: readonly unknown[] = []): R | undefined {
    return this.call(sql, (s) => s.get(...binds(sql, params)) as R | undefined);
  }

  run(sql: string, params: readonly unknown[] = []): number {
    return this.call(sql, (s) => s.run(...binds(sql, params)).changes);
  }

  /**
   * One statement run once for each set of binds, as one unit (Oracle's executeMany): what it costs SQLite is
   * one execution per row, with nothing to parse or send again. Returns the rows each run changed.
   */
  many(sql: string, paramsList: readonly (readonly unknown[])[]): number[] {
    return this.call(sql, (s) => paramsList.map((params) => s.run(...binds(sql, params)).changes));
  }

  /** Several statements at once (migrations); never cached. */
  exec(sql: string): void {
    this.onStatement?.(sql);
    try {
      this.db.exec(sql);
    } catch (e) {
      throw toCentralError(e, this.url);
    }
  }

  /** Close once the queued work is done. */
  close(): Promise<void> {
    const done = this.tail.then(() => {
      if (this.closed) return;
      this.closed = true;
      this.db.close();
    });
    this.tail = done;
    return done;
  }

  private call<R>(sql: string, fn: (s: Database.Statement) => R): R {
    this.onStatement?.(sql);
    try {
      let statement = this.statements.get(sql);
      if (!statement) {
        statement = this.db.prepare(sql);
        this.statements.set(sql, statement);
      }
      return fn(statement);
    } catch (e) {
      throw toCentralError(e, this.url);
    }
  }
}

/**
 * The driver's binds for positional values: better-sqlite3 reads a numbered parameter (`?1`, used where one
 * value appears twice) as a named one, bound from an object keyed by its number.
 */
function binds(sql: string, params: readonly unknown[]): unknown[] {
  return NUMBERED.test(sql) ? [Object.fromEntries(params.map((v, i) => [i + 1, v]))] : [...params];
}

const NUMBERED = /\?\d/;

/** How long a writer waits for another process's write to finish before the sync retries. */
const BUSY_TIMEOUT_MS = 15_000;

/** SQLite result codes worth retrying: the database was locked by another process for too long. */
const TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

export function toCentralError(e: unknown, url: string): CentralError {
  if (e instanceof CentralError) return e;
  const code = (e as { code?: unknown }).code;
  const text = e instanceof Error ? e.message : String(e);
  const codeText = typeof code === 'string' ? code : undefined;
  if (codeText && TRANSIENT.has(codeText)) {
    return new CentralError(
      `the central store ${url} is busy (another process is writing to it): ${text}`,
      codeText,
      true,
    );
  }
  if (codeText === 'SQLITE_CANTOPEN')
    return new CentralError(`cannot open the central store ${url}: ${text}`, codeText);
  if (codeText === 'SQLITE_READONLY')
    return new CentralError(`the central store ${url} is read-only here: ${text}`, codeText);
  return new CentralError(`central store ${url}: ${text}`, codeText);
}
