import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { CategoryRepository } from '../../src/local/category-repository.js';
import { ExpenseRepository } from '../../src/local/expense-repository.js';
import { LocalStore } from '../../src/local/local-store.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { buildServer } from '../../src/server/web/app.js';
import { SyncManager } from '../../src/server/web/sync-manager.js';
import { OUTDATED_DEVICE } from '../../src/sync/hub-protocol.js';
import { HubTokenFile } from '../../src/sync/hub-token-file.js';
import { sessionCookie } from '../support/api-server.js';
import { sqliteHarness } from '../support/central-stores.js';
import { issueToken, startHub, type RunningHub } from '../support/hub.js';
import { startRewritingProxy } from '../support/rewriting-proxy.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

// The web UI's "Sync now" (SyncManager) with an https:// central URL goes through the hub with this device's
// token file, as `pfm sync` does; without a token it fails with the way out, and nothing reaches the hub.
let central: CentralStore;
let hub: RunningHub;
let dir: string;
beforeAll(async () => {
  central = await embedded.setup(() => undefined);
  hub = await startHub(central);
  dir = mkdtempSync(join(tmpdir(), 'pfm-hub-web-'));
});
afterAll(async () => {
  await hub.close();
  await embedded.teardown(central);
  rmSync(dir, { recursive: true, force: true });
});

/** The web server's "Sync now" of a device, to a hub at `url`, with quick retries. */
function syncManager(store: LocalStore, url: string, hubTokenFile: string, retries: number): SyncManager {
  return new SyncManager({
    store,
    centralUrl: url,
    hubTokenFile,
    retry: { retries, baseDelayMs: 1, jitter: 0 },
  });
}

describe('the web server’s sync through a hub', () => {
  it('syncs with the device token from the token file, and says to log in without one', async () => {
    const store = LocalStore.open({ path: ':memory:' });
    try {
      const user = new UserRepository(store).create({ name: 'dora', currency: 'EUR', locale: 'en-IE' });
      const food = new CategoryRepository(store).resolve(user.id, 'Food', 'expense');
      new ExpenseRepository(store).create(user.id, {
        categoryId: food.id,
        amount: 4_200,
        date: '2026-11-02',
      });
      const hubTokenFile = join(dir, 'hub-tokens.json');
      const manager = syncManager(store, hub.url, hubTokenFile, 0);
      try {
        const refused = await manager.sync(user.id, 'Manual');
        expect(refused.status).toBe('Failed');
        expect(refused.errorMessage).toMatch(/pfm login/);
        expect(await central.maxSeq(user.id)).toBe(0);

        const token = await issueToken(central, user.id, store.deviceId);
        new HubTokenFile(hubTokenFile).set(hub.url, user.id, {
          token,
          tokenId: 'test',
          deviceId: store.deviceId,
          createdAt: new Date().toISOString(),
        });
        const done = await manager.sync(user.id, 'Manual');
        expect(done).toMatchObject({ status: 'Success', errorMessage: null });
        const [expense] = await central.readChanges(userIdFor('dora'), 'expense', 0, 10);
        expect(expense?.values).toMatchObject({ amount: 4_200, category_id: food.id });
      } finally {
        await manager.close();
      }
    } finally {
      store.close();
    }
  });

  it('a device a protocol behind its hub: the sync page gets the hub’s upgrade message as it is, not retried', async () => {
    const store = LocalStore.open({ path: ':memory:' });
    // Its requests reach the hub on protocol 1's paths, as an older pfm's would.
    const proxy = await startRewritingProxy(hub.url, (path) => path.replace('/sync/v2/', '/sync/v1/'));
    try {
      const user = new UserRepository(store).create({ name: 'olga', currency: 'EUR', locale: 'en-IE' });
      const hubTokenFile = join(dir, 'olga-tokens.json');
      new HubTokenFile(hubTokenFile).set(proxy.url, user.id, {
        token: await issueToken(central, user.id, store.deviceId),
        tokenId: 'test',
        deviceId: store.deviceId,
        createdAt: new Date().toISOString(),
      });
      const manager = syncManager(store, proxy.url, hubTokenFile, 3);
      try {
        const result = await manager.sync(user.id, 'Manual');
        expect(result).toMatchObject({ status: 'Failed', errorMessage: OUTDATED_DEVICE });
        expect(proxy.requests.filter((r) => r.includes('/handshake'))).toHaveLength(1);
        expect(await central.maxSeq(user.id)).toBe(0);
      } finally {
        await manager.close();
      }
    } finally {
      await proxy.close();
      store.close();
    }
  });

  it('gets the device token when the user logs in to the web UI, and a new device joins by logging in', async () => {
    const open = await startHub(central, { allowRegistration: true });
    const stores: LocalStore[] = [];
    const servers: FastifyInstance[] = [];
    const webServer = async (name: string) => {
      const store = LocalStore.open({ path: ':memory:' });
      stores.push(store);
      const app = await buildServer({
        store,
        centralUrl: open.url,
        hubTokenFile: join(dir, `${name}-tokens.json`),
        syncRetry: { retries: 0, baseDelayMs: 1, jitter: 0 },
        webRoot: null,
      });
      servers.push(app);
      return { app, store, tokens: new HubTokenFile(join(dir, `${name}-tokens.json`)) };
    };
    const call = async (
      app: FastifyInstance,
      method: 'GET' | 'POST',
      url: string,
      body?: object,
      auth?: Auth,
    ) => {
      const res = await app.inject({
        method,
        url,
        ...(body ? { payload: body } : {}),
        headers: auth ? { cookie: auth.cookie, 'x-csrf-token': auth.csrf } : {},
      });
      return res;
    };
    type Auth = { cookie: string; csrf: string };
    const logIn = async (app: FastifyInstance, password: string) => {
      const res = await call(app, 'POST', '/api/session', { name: 'hana', password });
      return res.statusCode === 200
        ? { cookie: sessionCookie(res), csrf: res.json<{ csrfToken: string }>().csrfToken }
        : res;
    };
    try {
      // The laptop: registered in the web UI; the hub takes the new user and gives this device its token.
      const laptop = await webServer('laptop');
      const reg = await call(laptop.app, 'POST', '/api/users', { name: 'hana', password: 'hana password 1' });
      expect(reg.statusCode, reg.body).toBe(201);
      const userId = userIdFor('hana');
      const auth = (await logIn(laptop.app, 'hana password 1')) as Auth;
      const food = new CategoryRepository(laptop.store).resolve(userId, 'Food', 'expense');
      const added = await call(
        laptop.app,
        'POST',
        '/api/expenses',
        { amount: '12.30', date: '2026-11-03', category: food.name },
        auth,
      );
      expect(added.statusCode, added.body).toBe(201);
      const sync = await call(laptop.app, 'POST', '/api/sync', undefined, auth);
      expect(sync.body).toMatch(/"status":"Success"/);
      expect(laptop.tokens.get(open.url, userId)?.deviceId).toBe(laptop.store.deviceId);
      expect(readFileSync(join(dir, 'laptop-tokens.json'), 'utf8')).not.toMatch(/hana password/);

      // The admin revokes the laptop: its sync says how to log in again, and logging in again renews the token.
      await central.deviceTokens.revoke(
        { userId, deviceId: laptop.store.deviceId },
        new Date().toISOString(),
      );
      const revoked = await call(laptop.app, 'POST', '/api/sync', undefined, auth);
      expect(revoked.body).toMatch(/"status":"Failed"/);
      expect(revoked.body).toMatch(/log out and log in again/);
      const again = (await logIn(laptop.app, 'hana password 1')) as Auth;
      const renewed = await call(laptop.app, 'POST', '/api/sync', undefined, again);
      expect(renewed.body).toMatch(/"status":"Success"/);
      // Logging in with a token that still works keeps it.
      const kept = laptop.tokens.get(open.url, userId)?.tokenId;
      await logIn(laptop.app, 'hana password 1');
      await call(laptop.app, 'POST', '/api/sync', undefined, again);
      expect(laptop.tokens.get(open.url, userId)?.tokenId).toBe(kept);

      // The phone: a wrong password is a wrong log-in; the right one brings the user and the expense here.
      const phone = await webServer('phone');
      const wrong = (await logIn(phone.app, 'not her password')) as { statusCode: number };
      expect(wrong.statusCode).toBe(401);
      expect(phone.tokens.get(open.url, userId)).toBeNull();
      const phoneAuth = (await logIn(phone.app, 'hana password 1')) as Auth;
      expect(phone.tokens.get(open.url, userId)?.deviceId).toBe(phone.store.deviceId);
      const list = await call(phone.app, 'GET', '/api/expenses', undefined, phoneAuth);
      expect(list.json<{ items: { amount: number }[] }>().items.map((e) => e.amount)).toEqual([1230]);
    } finally {
      for (const app of servers) await app.close();
      for (const store of stores) store.close();
      await open.close();
    }
  });
});
