import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { CentralLockedError } from '../central-store.js';
import type { PooledSession, QueryOptions, SqlPool } from './sql-pool.js';

/**
 * PGlite (PostgreSQL in WebAssembly, in this process) behind the same pool shape as `pg`, so the embedded
 * default runs exactly the SQL and code of the server store.
 *
 * PGlite has a single connection: a session here is the whole database, handed out one at a time by an
 * in-process queue, so one transaction runs at a time and no statement of another caller slips into it.
 * Its directory must not be opened by two processes (nor twice in one): an exclusive lock file guards it.
 */
export const PGLITE_LOCK_FILE = 'pfm-central.lock';

/** A FIFO mutex: `acquire` resolves with the function that releases it. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

export class PgliteSqlPool implements SqlPool {
  private readonly mutex = new Mutex();
  private closed = false;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DirectoryLock | null,
  ) {}

  /** Open (creating if needed) the database in `dir`, or in memory when `dir` is null. */
  static async open(dir: string | null): Promise<PgliteSqlPool> {
    const path = dir === null ? null : resolve(dir);
    if (path !== null) mkdirSync(path, { recursive: true });
    const lock = path === null ? null : DirectoryLock.acquire(path);
    try {
      // Loaded on first use: commands that never touch the central store do not pay for the WebAssembly.
      const { PGlite } = await import('@electric-sql/pglite');
      const db = path === null ? await PGlite.create() : await PGlite.create(path);
      return new PgliteSqlPool(db, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  async connect(): Promise<PooledSession> {
    const release = await this.mutex.acquire();
    if (this.closed) {
      release();
      throw new Error('the central store is closed');
    }
    let released = false;
    const db = this.db;
    return {
      // QueryOptions.prepare is left out: in process, a statement costs no round trip to plan; and BEGIN
      // (QueryOptions.begin) simply runs first, there being no round trip to save.
      query: async <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
        if (options?.begin) await db.query('BEGIN');
        const result = await db.query<R>(sql, params as unknown[] | undefined);
        return { rows: result.rows };
      },
      exec: async (sql: string) => {
        await db.exec(sql);
      },
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async end(): Promise<void> {
    if (this.closed) return;
    const release = await this.mutex.acquire();
    try {
      if (this.closed) return;
      this.closed = true;
      await this.db.close();
    } finally {
      this.lock?.release();
      release();
    }
  }
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * An exclusive lock file in the data directory, created with O_EXCL. A lock left by a process that no
 * longer runs on this host is taken over; a live owner (including this very process) is refused with a
 * clear error. Released on close, and on process exit if close never came.
 */
export class DirectoryLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly file: string,
    private readonly owner: LockOwner,
  ) {
    process.once('exit', this.onExit);
  }

  static acquire(dir: string): DirectoryLock {
    const file = join(dir, PGLITE_LOCK_FILE);
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        try {
          writeSync(fd, JSON.stringify(owner));
        } finally {
          closeSync(fd);
        }
        return new DirectoryLock(file, owner);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readOwner(file);
      if (!holder && isFresh(file)) {
        // Just created by another process that has not written its name yet.
        throw new CentralLockedError(`the embedded central store in ${dir} is being opened by another pfm`);
      }
      if (holder && isAlive(holder)) {
        const who =
          holder.pid === process.pid && holder.host === owner.host
            ? 'this process'
            : `process ${holder.pid} on ${holder.host}`;
        throw new CentralLockedError(
          `the embedded central store in ${dir} is already open by ${who} (since ${holder.since}); ` +
            `close that pfm first (an embedded store takes one process at a time, use a PostgreSQL server to share one)`,
        );
      }
      // Stale (its process is gone) or unreadable: take it over.
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    throw new CentralLockedError(
      `could not lock the embedded central store in ${dir}: another pfm is opening it`,
    );
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    try {
      const holder = readOwner(this.file);
      if (holder && holder.pid === this.owner.pid && holder.since === this.owner.since) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since) };
  } catch {
    return null;
  }
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host (a shared folder) cannot be checked: it is taken as held.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
