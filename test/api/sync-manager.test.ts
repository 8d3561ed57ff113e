import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { LocalStore } from '../../src/local/local-store.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { SyncManager } from '../../src/server/web/sync-manager.js';
import { createTestDatabase } from '../support/postgres-test-database.js';
import { NO_RETRY, openServer } from '../support/api-server.js';

/** Every central store the code under test opens, and a switch to make the next opening fail. */
const opened = vi.hoisted(() => ({ stores: [] as unknown[], failNext: false }));
vi.mock('../../src/central/open-central.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/central/open-central.js')>();
  return {
    ...real,
    openCentral: async (...args: Parameters<typeof real.openCentral>) => {
      if (opened.failNext) {
        opened.failNext = false;
        throw new Error('the central store is down for maintenance');
      }
      const central = await real.openCentral(...args);
      opened.stores.push(central);
      return central;
    },
  };
});
beforeEach(() => {
  opened.stores.length = 0;
  opened.failNext = false;
});

const dir = mkdtempSync(join(tmpdir(), 'pfm-central-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SyncManager', () => {
  const store = LocalStore.open({ path: ':memory:' });
  const manager = (centralUrl: string) => new SyncManager({ store, centralUrl });

  it('knows when the central store cannot hold a user yet, so log-in and registration do not create it', () => {
    expect(manager(`sqlite:${join(dir, 'never.db')}`).centralMayHaveUsers()).toBe(false);
    writeFileSync(join(dir, 'made.db'), '');
    expect(manager(`sqlite:${join(dir, 'made.db')}`).centralMayHaveUsers()).toBe(true);
    expect(manager('sqlite::memory:').centralMayHaveUsers()).toBe(false);
    expect(manager('postgres://pfm@127.0.0.1:1/pfm').centralMayHaveUsers()).toBe(true);
  });

  it('registers and refuses unknown log-ins without creating an embedded central store', async () => {
    const central = join(dir, 'fresh.db');
    const s = await openServer({ centralUrl: `sqlite:${central}` });
    try {
      const reg = await s.app.inject({
        method: 'POST',
        url: '/api/users',
        payload: { name: 'gus', password: 'long enough pw' },
      });
      expect(reg.statusCode).toBe(201);
      const login = await s.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: 'nobody', password: 'long enough pw' },
      });
      expect(login.statusCode).toBe(401);
      expect(existsSync(central)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('closes with nothing running and no timers', async () => {
    const m = manager('postgres://pfm@127.0.0.1:1/pfm');
    const u = new UserRepository(store).create({ name: 'una', currency: 'EUR', locale: 'en-US' }).id;
    m.setAutoSync(u, 5);
    expect(m.autoSyncMinutes(u)).toBe(5);
    await m.close();
    expect(m.autoSyncMinutes(u)).toBe(0);
    expect(() => m.sync(u, 'Manual')).toThrow(/shutting down/);
  });

  it('opens the central store once for every sync and log-in check, and closes it with the server', async () => {
    const db = await createTestDatabase('sync_manager_keep');
    const local = LocalStore.open({ path: ':memory:' });
    const m = new SyncManager({ store: local, centralUrl: db.url, retry: NO_RETRY });
    try {
      const u = new UserRepository(local).create({ name: 'vic', currency: 'EUR', locale: 'en-US' }).id;
      expect((await m.sync(u, 'Manual')).status).toBe('Success');
      expect((await m.sync(u, 'Manual')).status).toBe('Success');
      expect(await m.withCentral((c) => c.readRowsById(u, 'app_user', [u]))).toHaveLength(1);
      expect(opened.stores).toHaveLength(1);
      const central = opened.stores[0] as CentralStore;
      await m.close();
      await expect(central.checkSchema()).rejects.toThrow();
    } finally {
      await m.close();
      local.close();
      await db.drop();
    }
  });

  it('logs a store that cannot be opened as a Failed sync, and opens it at the next sync', async () => {
    const db = await createTestDatabase('sync_manager_reopen');
    const local = LocalStore.open({ path: ':memory:' });
    const m = new SyncManager({ store: local, centralUrl: db.url, retry: NO_RETRY });
    try {
      const u = new UserRepository(local).create({ name: 'wyn', currency: 'EUR', locale: 'en-US' }).id;
      opened.failNext = true;
      const failed = await m.sync(u, 'Manual');
      expect(failed).toMatchObject({ status: 'Failed', pushed: 0 });
      expect(failed.errorMessage).toMatch(/down for maintenance/);
      expect(opened.stores).toHaveLength(0);
      expect((await m.sync(u, 'Manual')).status).toBe('Success');
      expect(opened.stores).toHaveLength(1);
    } finally {
      await m.close();
      local.close();
      await db.drop();
    }
  });
});
