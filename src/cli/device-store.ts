import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalStore } from '../local/local-store.js';

/** The device database could not be opened: exit 1 with the path and the reason. */
export class DeviceStoreError extends Error {
  override name = 'DeviceStoreError';
}

/**
 * Open this device's database. When its folder cannot be written (a read-only mount, another user's folder)
 * but the file can be read, it is opened read-only so that lists and reports still work; a write then fails
 * with the reason. Any other failure to open names the path and the reason, not just SQLite's
 * "unable to open database file".
 */
export function openDeviceStore(path: string, now: () => Date): LocalStore {
  try {
    return LocalStore.open({ path, now });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code !== 'string' ||
      !/^(SQLITE_(CANTOPEN|READONLY|IOERR|PERM|AUTH)|EACCES|EROFS|EPERM)/.test(code)
    )
      throw e;
    const reason = whyNotWritable(path) ?? (e as Error).message;
    if (existsSync(path) && canAccess(path, constants.R_OK)) {
      try {
        return LocalStore.open({ path, now, readOnly: true });
      } catch {
        // Not readable as it is either (an old schema to migrate, a WAL to recover): say why it is not writable.
      }
    }
    throw new DeviceStoreError(`cannot open the device database ${path}: ${reason}`);
  }
}

/** Why the database's folder (or the nearest existing parent) or file cannot be written, or undefined. */
export function whyNotWritable(path: string): string | undefined {
  let folder = dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const folderProblem = accessProblem(folder);
  if (folderProblem)
    return `the folder ${folder === dirname(path) ? '' : `${folder} `}is read-only (${folderProblem})`;
  const fileProblem = existsSync(path) ? accessProblem(path) : undefined;
  return fileProblem ? `the file is read-only (${fileProblem})` : undefined;
}

function accessProblem(path: string): string | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EROFS'
      ? 'read-only file system'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code;
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
