import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CentralLockedError } from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import { DirectoryLock, Mutex, PGLITE_LOCK_FILE } from '../../../src/central/postgres/pglite-pool.js';

const root = mkdtempSync(join(tmpdir(), 'pfm-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';

describe('PGlite directory lock and queue', () => {
  it('takes the directory exclusively, refuses a second holder, and frees it on release', () => {
    const lock = DirectoryLock.acquire(root);
    expect(() => DirectoryLock.acquire(root)).toThrow(CentralLockedError);
    expect(() => DirectoryLock.acquire(root)).toThrow(/already open by this process/);
    lock.release();
    DirectoryLock.acquire(root).release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = mkdtempSync(join(root, 'stale-'));
    writeFileSync(
      join(dir, PGLITE_LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: 'x', since: 'then' }),
    );
    // Another host's lock cannot be checked: it holds.
    expect(() => DirectoryLock.acquire(dir)).toThrow(/process 4206649 on x/);
    // On this host, a pid that does not run: the lock is stale and taken over.
    writeFileSync(
      join(dir, PGLITE_LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'then' }),
    );
    const lock = DirectoryLock.acquire(dir);
    expect(JSON.parse(readFileSync(join(dir, PGLITE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('hands the single connection out in FIFO order', async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async (i) => {
        const release = await mutex.acquire();
        await new Promise((r) => setTimeout(r, 5 - i));
        order.push(i);
        release();
      }),
    );
    expect(order).toEqual([0, 1, 2]);
  });
});

describe('PGlite in a directory (the zero-setup default)', () => {
  it('persists across reopen and refuses a second open of the same directory', async () => {
    const dir = join(root, 'central');
    const url = `pglite:${dir}`;
    const store = await openCentral(url);
    try {
      await expect(openCentral(url)).rejects.toThrow(CentralLockedError);
      await store.withUserWrite('u1', (w) =>
        w.writeRows(
          'app_user',
          [
            {
              id: 'u1',
              values: {
                name: 'Ann',
                currency: 'EUR',
                locale: 'en',
                password_hash: null,
                created_at: 'c',
                deleted: 0,
              },
              hlc: HLC,
              clock: { name: HLC },
              modifiedAt: 'm',
            },
          ],
          '0123456789abcdef',
        ),
      );
    } finally {
      await store.close();
    }
    const again = await openCentral(url);
    try {
      expect((await again.readRowsById('u1', 'app_user', ['u1']))[0]?.values.name).toBe('Ann');
    } finally {
      await again.close();
    }
  });
});
