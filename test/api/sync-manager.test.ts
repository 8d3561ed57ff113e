import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/local/local-store.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { SyncManager } from '../../src/server/sync-manager.js';
import { openServer } from './api-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'pfm-central-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SyncManager', () => {
  const store = LocalStore.open({ path: ':memory:' });
  const manager = (centralUrl: string) => new SyncManager({ store, centralUrl });

  it('knows when the central store cannot hold a user yet, so log-in and registration do not create it', () => {
    expect(manager(`pglite:${join(dir, 'never')}`).centralMayHaveUsers()).toBe(false);
    mkdirSync(join(dir, 'made'));
    writeFileSync(join(dir, 'made', 'PG_VERSION'), '17');
    expect(manager(`pglite:${join(dir, 'made')}`).centralMayHaveUsers()).toBe(true);
    expect(manager('pglite:memory:').centralMayHaveUsers()).toBe(false);
    expect(manager('postgres://pfm@127.0.0.1:1/pfm').centralMayHaveUsers()).toBe(true);
  });

  it('registers and refuses unknown log-ins without creating an embedded central store', async () => {
    const central = join(dir, 'fresh');
    const s = await openServer({ centralUrl: `pglite:${central}` });
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
});
