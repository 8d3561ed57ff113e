import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Another process (or this one) is syncing this device: exit 1, nothing written. */
export class SyncBusyError extends Error {
  override name = 'SyncBusyError';
}

interface LockOwner {
  readonly pid: number;
  readonly startedAt: string;
}

/**
 * One sync per device at a time, across processes (a scheduled `pfm sync`, a manual one, `pfm serve`'s "Sync
 * now"): a lock file in the data folder, created with O_EXCL so exactly one process gets it, holding the
 * owner's pid and start time. A lock whose pid is gone (a killed sync) is taken over. Returns the release.
 */
export function acquireSyncLock(path: string, now: Date): () => void {
  const mine: LockOwner = { pid: process.pid, startedAt: now.toISOString() };
  // A new device's folder may not exist yet: its database is created when the sync first writes.
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(mine));
      } finally {
        closeSync(fd);
      }
      return () => releaseIfMine(path, mine);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(path);
    if (owner && alive(owner.pid))
      throw new SyncBusyError(
        `a sync is already running on this device (pid ${owner.pid}, started ${clockTime(owner.startedAt)})`,
      );
    // Stale (its process died) or half-written: moved aside, not deleted, so that of two processes taking it
    // over at once only one succeeds and the other tries again and finds the new owner.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      rmSync(`${path}.stale-${process.pid}`, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new SyncBusyError('a sync is already running on this device');
}

function releaseIfMine(path: string, mine: LockOwner): void {
  const owner = readOwner(path);
  if (owner?.pid === mine.pid && owner.startedAt === mine.startedAt) rmSync(path, { force: true });
}

function readOwner(path: string): LockOwner | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.startedAt === 'string'
      ? { pid: value.pid, startedAt: value.startedAt }
      : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** HH:MM in this machine's time zone. */
function clockTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toTimeString().slice(0, 5);
}
