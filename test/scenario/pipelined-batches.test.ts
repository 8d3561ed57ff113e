import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import type { PushBatch, PushResult, Remote } from '../../src/sync/remote.js';
import { sqliteHarness } from '../support/central-stores.js';
import { centralSnapshot, Device, TestClock } from '../support/devices.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

/**
 * The sync pipelines its batches (sync-engine.ts): a table's next push batch is read and sent before the
 * current one's answer is applied, and the next pull batch is asked for while the current one is applied.
 * These scenarios hold the results to those of one batch at a time: whatever order the central store applies
 * the batches in, an edit made meanwhile, or a batch that fails.
 */

let central: CentralStore;
beforeAll(async () => {
  central = await embedded.setup(() => undefined);
});
afterAll(async () => embedded.teardown(central));

let clock: TestClock;
let devices: Device[];
beforeEach(async () => {
  await embedded.reset(central);
  clock = new TestClock();
  devices = [];
});
afterEach(() => devices.forEach((d) => d.close()));

const BATCH = 4;
const ANN = userIdFor('ann');

/**
 * Every push goes through `hook` before reaching the central store, with its number among the batches of its
 * table in this sync (from 1).
 */
function device(name: string, hook?: (n: number, batch: PushBatch) => Promise<void>): Device {
  const d: Device = new Device(
    name,
    () => {
      const inner = new DirectRemote(central, clock.now);
      if (!hook) return inner;
      const calls = new Map<string, number>();
      const remote: Remote = Object.create(inner) as Remote;
      remote.push = async (batch: PushBatch): Promise<PushResult> => {
        const n = (calls.get(batch.table) ?? 0) + 1;
        calls.set(batch.table, n);
        await hook(n, batch);
        return inner.push(batch);
      };
      return remote;
    },
    clock,
  );
  devices.push(d);
  return d;
}

/** Ann with `n` expenses, made on `d`; returns their ids in the order made. */
function annWithExpenses(d: Device, n: number): string[] {
  d.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const food = d.categoryId('ann', 'Food');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    clock.advance(1);
    ids.push(d.expenses.create(ANN, { categoryId: food, amount: 100 + i, date: '2026-11-03' }).id);
  }
  return ids;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('pipelined push batches', () => {
  it('reach the same state when the central store applies them out of order, and nothing comes back', async () => {
    // Odd batches wait, so each even batch (sent while the odd one travels) is written first.
    const laptop = device('laptop', (n, batch) => pause(n % 2 === 1 && batch.table === 'expense' ? 40 : 0));
    annWithExpenses(laptop, 23);
    const first = await laptop.sync('ann', { batchSize: BATCH });
    expect(first.log.status).toBe('Success');
    expect(first.tables.expense.pushed).toBe(23);
    // The device's cursor moved past every one of its own writes, even in the crossed order.
    expect(first.log.pulled).toBe(0);
    expect(laptop.dirtyCount()).toBe(0);
    expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));

    const again = await laptop.sync('ann', { batchSize: BATCH });
    expect([again.log.pushed, again.log.pulled]).toEqual([0, 0]);

    const phone = device('phone');
    const pulled = await phone.sync('ann', { batchSize: 3 });
    expect(pulled.log.status).toBe('Success');
    expect(pulled.tables.expense.pulled).toBe(23);
    expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
  });

  it('keeps a row dirty when it is edited after its batch was read, and pushes the edit next time', async () => {
    let edited: string | null = null;
    const laptop = device('laptop', async (n, batch) => {
      if (n === 2 && batch.table === 'expense' && batch.rows[0]) {
        // Batch 2 of the expenses has been read (and batch 1 is still travelling): edit one of its rows.
        edited = batch.rows[0].id;
        clock.advance(5);
        laptop.expenses.edit(ANN, edited, { amount: 4242 });
      }
      await pause(0);
    });
    annWithExpenses(laptop, 10);
    const first = await laptop.sync('ann', { batchSize: BATCH });
    expect(first.log.status).toBe('Success');
    expect(edited).not.toBeNull();
    expect(laptop.dirtyCount()).toBe(1);
    const id = edited as unknown as string;
    const stale = (await central.readRowsById(ANN, 'expense', [id]))[0];
    expect(stale?.values.amount).not.toBe(4242);

    const second = await laptop.sync('ann', { batchSize: BATCH });
    expect(second.log.pushed).toBe(1);
    expect(laptop.dirtyCount()).toBe(0);
    expect((await central.readRowsById(ANN, 'expense', [id]))[0]?.values.amount).toBe(4242);
    expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
  });

  it('fails with nothing left running when a batch fails while the next one travels, and a retry completes', async () => {
    let fail = true;
    let inFlight = 0;
    let overlapped = false;
    const laptop = device('laptop', async (n, batch) => {
      inFlight++;
      try {
        if (inFlight > 1) overlapped = true;
        if (fail && n === 3 && batch.table === 'expense') {
          await pause(30);
          throw Object.assign(new Error('connection reset by the test'), { code: 'EPIPE' });
        }
        await pause(5);
      } finally {
        inFlight--;
      }
    });
    annWithExpenses(laptop, 20);
    const failed = await laptop.sync('ann', { batchSize: BATCH });
    expect(failed.log.status).toBe('Partial');
    expect(overlapped).toBe(true);
    expect(inFlight).toBe(0); // the batch sent after the failed one has finished before the sync returned
    expect(laptop.dirtyCount()).toBeGreaterThan(0);

    fail = false;
    const retried = await laptop.sync('ann', { batchSize: BATCH });
    expect(retried.log.status).toBe('Success');
    expect(laptop.dirtyCount()).toBe(0);
    expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
    expect(laptop.conflicts.list(ANN)).toEqual([]);
  });
});

describe('a first pull into a new device', () => {
  /** A phone whose pulls of expenses pass through `hook` first, with their number in this sync (from 1). */
  function phoneWithPullHook(hook: (n: number) => Promise<void>): Device {
    const d: Device = new Device(
      'phone',
      () => {
        const inner = new DirectRemote(central, clock.now);
        let n = 0;
        const remote: Remote = Object.create(inner) as Remote;
        remote.pull = async (userId, table, afterSeq, limit) => {
          if (table === 'expense') await hook(++n);
          return inner.pull(userId, table, afterSeq, limit);
        };
        return remote;
      },
      clock,
    );
    devices.push(d);
    return d;
  }

  /** A laptop that made Ann's 12 expenses and synced them; with their ids. */
  async function annSyncedFromLaptop(): Promise<{ laptop: Device; ids: string[] }> {
    const laptop = device('laptop');
    const ids = annWithExpenses(laptop, 12);
    await laptop.sync('ann', { batchSize: BATCH });
    return { laptop, ids };
  }

  it('takes the newest version of a row that arrives twice, edited centrally between two batches', async () => {
    const { laptop, ids } = await annSyncedFromLaptop();
    // After the phone's first batch of expenses, the laptop edits a row of it: the row moves to the feed's end.
    const first = ids[0] as string;
    const phone = phoneWithPullHook(async (n) => {
      if (n !== 2) return;
      clock.advance(5);
      laptop.expenses.edit(ANN, first, { amount: 777 });
      await laptop.sync('ann', { batchSize: BATCH });
    });
    const pulled = await phone.sync('ann', { batchSize: BATCH });
    expect(pulled.log.status).toBe('Success');
    expect(phone.expenses.get(ANN, first).amount).toBe(777);
    expect(phone.dirtyCount()).toBe(0);
    expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
    expect(phone.conflicts.list(ANN)).toEqual([]);
  });

  it('merges a batch with a row written on the device while the pull runs, losing neither', async () => {
    const { laptop, ids } = await annSyncedFromLaptop();
    const last = ids[11] as string;
    // Between two batches the phone's user enters an expense there with the id of a row still to come (as a
    // restored backup would): the later batch must merge with it, not insert a second copy.
    const phone = phoneWithPullHook(async (n) => {
      if (n !== 2) return;
      const row = laptop.store.db.prepare('SELECT * FROM expense WHERE id = ?').get(last) as Record<
        string,
        unknown
      >;
      const cols = Object.keys(row);
      phone.store.db
        .prepare(`INSERT INTO expense (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        .run(...cols.map((c) => row[c]));
    });
    const pulled = await phone.sync('ann', { batchSize: BATCH });
    expect(pulled.log.status).toBe('Success');
    expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
  });
});
