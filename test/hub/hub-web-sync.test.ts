import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { CategoryRepository } from '../../src/local/category-repository.js';
import { ExpenseRepository } from '../../src/local/expense-repository.js';
import { LocalStore } from '../../src/local/local-store.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { SyncManager } from '../../src/server/sync-manager.js';
import { HubTokenFile } from '../../src/sync/hub-token-file.js';
import { pgliteHarness } from '../contract/central-harness.js';
import { issueToken, startHub, type RunningHub } from './hub-kit.js';

// The web UI's "Sync now" (SyncManager) with an https:// central URL goes through the hub with this device's
// token file, as `pfm sync` does; without a token it fails with the way out, and nothing reaches the hub.
let central: CentralStore;
let hub: RunningHub;
let dir: string;
beforeAll(async () => {
  central = await pgliteHarness.setup(() => undefined);
  hub = await startHub(central);
  dir = mkdtempSync(join(tmpdir(), 'pfm-hub-web-'));
});
afterAll(async () => {
  await hub.close();
  await pgliteHarness.teardown(central);
  rmSync(dir, { recursive: true, force: true });
});

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
      const manager = new SyncManager({
        store,
        centralUrl: hub.url,
        hubTokenFile,
        retry: { retries: 0, baseDelayMs: 1, jitter: 0 },
      });
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
});
