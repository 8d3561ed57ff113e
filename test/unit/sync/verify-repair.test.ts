import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { CentralStore } from '../../../src/central/central-store.js';
import { userIdFor } from '../../../src/domain/ids.js';
import type { SyncedTable } from '../../../src/domain/tables.js';
import { DirectRemote } from '../../../src/sync/direct-remote.js';
import type { PulledRow, PushBatch, PushResult } from '../../../src/sync/remote.js';
import { sqliteHarness } from '../../support/central-stores.js';
import { centralSnapshot, Device, TestClock } from '../../support/devices.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

/**
 * `sync --verify` repairs a table that differs from the central store without putting a device's older value
 * back over a newer central one: it pulls the whole table first (merging by clocks), then pushes.
 */
let central: CentralStore;
beforeAll(async () => {
  central = await embedded.setup(() => undefined);
});
afterAll(async () => embedded.teardown(central));
let device: Device | undefined;
afterEach(() => device?.close());

/** A direct remote that can be made blind to the change feed (a lost change), and records its calls. */
class BlindRemote extends DirectRemote {
  blind = false;
  readonly calls: string[] = [];
  override pull(userId: string, table: SyncedTable, afterSeq: number, limit: number): Promise<PulledRow[]> {
    this.calls.push(`pull ${table} ${afterSeq}`);
    return this.blind ? Promise.resolve([]) : super.pull(userId, table, afterSeq, limit);
  }
  override push(batch: PushBatch): Promise<PushResult> {
    this.calls.push(`push ${batch.table}`);
    return super.push(batch);
  }
  override close(): Promise<void> {
    return Promise.resolve(); // the store outlives each sync
  }
}

it('verify repair keeps the newer central value of a change the device missed, and pulls before pushing', async () => {
  // Central clocks are the real time: the device's clock must be near it, as on a real machine.
  const clock = new TestClock(Date.now());
  const remote = new BlindRemote(central, clock.now);
  device = new Device('laptop', () => remote, clock);
  device.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const user = userIdFor('ann');
  const e = device.expenses.create(user, {
    categoryId: device.categoryId('ann', 'Food'),
    amount: 1250,
    date: '2026-11-01',
    note: 'Lunch',
  });
  expect((await device.sync('ann')).log.status).toBe('Success');

  // An admin's edit, which the device then misses (its pulls come back empty): a difference only verify sees.
  if (!embedded.plainSql) throw new Error(`${embedded.name} has no plain SQL access`);
  await embedded.plainSql(central, 'UPDATE finance_expense SET amount = $1 WHERE id = $2', [9900, e.id]);
  remote.blind = true;
  await device.sync('ann');
  expect(device.expenses.get(user, e.id).amount).toBe(1250);

  remote.blind = false;
  remote.calls.length = 0;
  const report = await device.sync('ann', { verify: true });
  expect(report.verify.find((v) => v.table === 'expense')).toMatchObject({ match: false, repaired: true });
  expect(report.verify.filter((v) => v.table !== 'expense' && !v.match)).toEqual([]);
  expect(device.expenses.get(user, e.id).amount).toBe(9900);
  expect(await centralSnapshot(central, 'ann')).toEqual(device.snapshot('ann'));
  // The repair's first call for the table is the pull from the start, before any push.
  const repair = remote.calls.slice(remote.calls.indexOf('pull expense 0'));
  expect(repair[0]).toBe('pull expense 0');
  expect(repair).toContain('push expense');
});
