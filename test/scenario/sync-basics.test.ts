import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { sqliteHarness } from '../support/central-stores.js';
import { centralSnapshot, Device, direct, TestClock } from '../support/devices.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

let central: CentralStore;
beforeAll(async () => {
  central = await embedded.setup(() => undefined);
});
afterAll(async () => embedded.teardown(central));

let clock: TestClock;
let devices: Device[];
const device = (name: string) => {
  const d = new Device(
    name,
    direct(() => central, clock.now),
    clock,
  );
  devices.push(d);
  return d;
};
beforeEach(async () => {
  await embedded.reset(central);
  clock = new TestClock();
  devices = [];
});
afterEach(() => devices.forEach((d) => d.close()));

describe('two devices, one user', () => {
  it('a new record on one device reaches the other; a new empty device gets everything, user included', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
    const e = laptop.expenses.create(userIdFor('ann'), {
      categoryId: laptop.categoryId('ann', 'Food'),
      amount: 1250,
      date: '2026-11-01',
      extra: 'card',
      note: 'Lunch',
    });
    const first = await laptop.sync('ann');
    expect(first.log.status).toBe('Success');
    expect(first.log.pushed).toBeGreaterThan(0);
    expect(laptop.dirtyCount()).toBe(0);

    const phone = device('phone');
    const pulled = await phone.sync('ann');
    expect(pulled.log.status).toBe('Success');
    expect(phone.expenses.get(userIdFor('ann'), e.id)).toMatchObject({
      amount: 1250,
      note: 'Lunch',
      categoryName: 'Food',
    });
    expect(phone.users.resolve('ann').currency).toBe('EUR');
    expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
    expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
  });
});

describe('a central store rebuilt at the same address', () => {
  it('gets every row back from the devices, instead of missing what they think it has', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
    laptop.expenses.create(userIdFor('ann'), {
      categoryId: laptop.categoryId('ann', 'Food'),
      amount: 990,
      date: '2026-11-02',
    });
    expect((await laptop.sync('ann')).log.status).toBe('Success');
    // Rebuild: empty tables and a new instance id, as a restored-from-nothing server would have.
    await embedded.reset(central);
    if (!embedded.plainSql) throw new Error(`${embedded.name} has no plain SQL access`);
    await embedded.plainSql(central, 'UPDATE pfm_instance SET instance_id = $1', [`rebuilt-${Date.now()}`]);
    const again = await laptop.sync('ann');
    expect(again.log.status).toBe('Success');
    expect(again.log.pushed).toBeGreaterThan(0);
    expect(await centralSnapshot(central, 'ann')).toEqual(laptop.snapshot('ann'));
  });
});
