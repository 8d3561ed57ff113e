import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { SYNCED_TABLES } from '../../src/domain/tables.js';
import { HttpRemote } from '../../src/sync/http-remote.js';
import { sqliteHarness } from '../support/central-stores.js';
import { createOneOfEach } from '../scenario/core-scenarios.js';
import { centralSnapshot, Device, TestClock } from '../support/devices.js';
import { startHub, TestTokens, type RunningHub } from '../support/hub.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

// The network between a device and its hub fails in the worst places: a push applied by the hub whose answer
// never arrives, and a hub that goes away mid-sync and comes back. The engine retries; nothing is applied twice.
const ANN = userIdFor('ann');
let central: CentralStore;
let hub: RunningHub;
const tokens = new TestTokens(() => central);

beforeAll(async () => {
  central = await embedded.setup(() => undefined);
  hub = await startHub(central);
});
afterAll(async () => {
  await hub.close();
  await embedded.teardown(central);
});

/** Every central seq of Ann's rows: one write per row leaves no gap in one user's sequence of a single sync. */
async function seqs(): Promise<number[]> {
  const all: number[] = [];
  for (const table of SYNCED_TABLES)
    all.push(...(await central.readChanges(ANN, table, 0, 1000)).map((r) => r.seq));
  return all.sort((a, b) => a - b);
}

describe('faults between a device and the hub', () => {
  it('a push whose answer is lost is sent again by the retried sync and written once (the merge finds it there)', async () => {
    await embedded.reset(central);
    tokens.reset();
    let pushes = 0;
    let dropped = 0;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/push') && ++pushes % 2 === 1) {
        // The hub has applied it; the device never hears back.
        await response.arrayBuffer();
        dropped++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return response;
    };
    const clock = new TestClock();
    const laptop: Device = new Device(
      'laptop',
      () => new HttpRemote({ url: hub.url, tokens: tokens.source(laptop.store.deviceId), fetch: losing }),
      clock,
    );
    try {
      laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
      createOneOfEach(laptop);
      const report = await laptop.sync('ann', { retry: { retries: 20, baseDelayMs: 1, jitter: 0 } });
      expect(report.log.status, report.log.errorMessage ?? '').toBe('Success');
      expect(dropped).toBeGreaterThan(0);
      expect(laptop.dirtyCount()).toBe(0);
      const written = await seqs();
      expect(written.length).toBe(
        laptop.snapshot('ann') && Object.values(laptop.snapshot('ann')).flat().length,
      );
      expect((written.at(-1) ?? 0) - (written[0] ?? 0) + 1).toBe(written.length); // no row written twice
      expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
    } finally {
      laptop.close();
    }
  });

  it('a hub that goes away mid-sync and comes back on its address: the retried sync finishes the job', async () => {
    await embedded.reset(central);
    tokens.reset();
    const port = Number(new URL(hub.url).port);
    let restarted: Promise<void> | null = null;
    const clock = new TestClock();
    const breaking: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/push') && restarted === null) {
        // After the first push is answered, the hub stops (a deploy) and is back a moment later.
        restarted = (async () => {
          await hub.close();
          hub = await startHub(central, {}, port);
        })();
      }
      return response;
    };
    const laptop: Device = new Device(
      'laptop',
      () => new HttpRemote({ url: hub.url, tokens: tokens.source(laptop.store.deviceId), fetch: breaking }),
      clock,
    );
    try {
      laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
      createOneOfEach(laptop);
      const report = await laptop.sync('ann', { retry: { retries: 10, baseDelayMs: 100, jitter: 0 } });
      await restarted;
      expect(report.log.status, report.log.errorMessage ?? '').toBe('Success');
      expect(report.attempts).toBeGreaterThan(1);
      expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
      const phone: Device = new Device(
        'phone',
        () => new HttpRemote({ url: hub.url, tokens: tokens.source(phone.store.deviceId) }),
        clock,
      );
      try {
        expect((await phone.sync('ann')).log.status).toBe('Success');
        expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
      } finally {
        phone.close();
      }
    } finally {
      laptop.close();
    }
  });
  it('--verify through the hub finds a table that differs and repairs it from the central store', async () => {
    await embedded.reset(central);
    tokens.reset();
    const clock = new TestClock();
    const device = (name: string): Device => {
      const d: Device = new Device(
        name,
        () => new HttpRemote({ url: hub.url, tokens: tokens.source(d.store.deviceId) }),
        clock,
      );
      return d;
    };
    const laptop = device('laptop');
    const phone = device('phone');
    try {
      laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
      const { contribution } = createOneOfEach(laptop);
      expect((await laptop.sync('ann')).log.status).toBe('Success');
      expect((await phone.sync('ann')).log.status).toBe('Success');
      // Damage the phone's copy behind the sync's back (a restored old file, a disk error).
      phone.store.db.prepare('DELETE FROM goal_contribution WHERE id = ?').run(contribution.id);
      const { verify, log } = await phone.sync('ann', { verify: true });
      expect(log.status).toBe('Success');
      expect(verify?.filter((v) => !v.match)).toEqual([
        expect.objectContaining({ table: 'goal_contribution', repaired: true }),
      ]);
      expect(phone.snapshot('ann')).toEqual(await centralSnapshot(central, 'ann'));
    } finally {
      laptop.close();
      phone.close();
    }
  });
});
