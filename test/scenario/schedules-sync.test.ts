import { describe, expect, it } from 'vitest';
import { embeddedScenario } from './embedded-scenario.js';
import { mainAccountId } from '../../src/domain/accounts.js';
import { categoryIdFor, userIdFor } from '../../src/domain/ids.js';
import { occurrenceId } from '../../src/domain/schedules.js';
import { centralSnapshot, type Device } from '../support/devices.js';
import { localRows } from '../support/sample-rows.js';

const USER = 'ann';
const uid = userIdFor(USER);
const DAY = 86_400_000;
const scenario = embeddedScenario();
const device = scenario.device;

/** Two synced devices of one user with a monthly rent schedule from 2026-11-25 (the clock says 2026-11-20). */
async function twoDevices(autoPost: boolean) {
  const laptop = device('laptop');
  const phone = device('phone');
  laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const rent = laptop.schedules.create(uid, {
    kind: 'expense',
    categoryId: categoryIdFor(uid, 'expense', 'Housing'),
    accountId: mainAccountId(uid),
    amount: 90_000,
    note: 'rent',
    every: 1,
    unit: 'month',
    startDate: '2026-11-25',
    autoPost,
  });
  await laptop.sync(USER);
  await phone.sync(USER);
  return { laptop, phone, rent };
}

const expenseIds = (d: Device) => (localRows(d.store).get('expense') ?? []).map((r) => r.id);

describe('scheduled transactions across devices', () => {
  it('two devices offline post the same due occurrence and sync to one row', async () => {
    const { laptop, phone, rent } = await twoDevices(false);
    scenario.clock().advance(6 * DAY);
    expect(laptop.schedules.due(uid).map((o) => o.date)).toEqual(['2026-11-25']);
    expect(laptop.schedules.post(uid).posted).toHaveLength(1);
    scenario.clock().advance(1000);
    expect(phone.schedules.post(uid).posted).toHaveLength(1);
    await laptop.sync(USER);
    await phone.sync(USER);
    await laptop.sync(USER);

    const id = occurrenceId(rent.id, '2026-11-25');
    for (const d of [laptop, phone]) {
      expect(expenseIds(d)).toEqual([id]);
      expect(d.schedules.due(uid)).toEqual([]);
    }
    expect(localRows(laptop.store)).toEqual(localRows(phone.store));
    const snapshot = await centralSnapshot(scenario.central(), USER);
    expect(snapshot.expense.map((r) => r.id)).toEqual([id]);
  });

  it('automatic schedules post before each sync, once, on whichever device syncs', async () => {
    const { laptop, phone, rent } = await twoDevices(true);
    scenario.clock().advance(40 * DAY);
    await phone.sync(USER);
    await laptop.sync(USER);
    await phone.sync(USER);
    const ids = ['2026-11-25', '2026-12-25'].map((d) => occurrenceId(rent.id, d)).sort();
    expect(expenseIds(laptop)).toEqual(ids);
    expect(localRows(laptop.store)).toEqual(localRows(phone.store));
  });

  it('an occurrence posted and then deleted on one device is not posted again by another', async () => {
    const { laptop, phone, rent } = await twoDevices(false);
    scenario.clock().advance(6 * DAY);
    laptop.schedules.post(uid);
    const id = occurrenceId(rent.id, '2026-11-25');
    laptop.expenses.delete(uid, id);
    await laptop.sync(USER);
    await phone.sync(USER);
    expect(phone.schedules.due(uid)).toEqual([]);
    expect(phone.schedules.post(uid).posted).toEqual([]);
    expect(phone.expenses.list(uid).items).toEqual([]);
  });

  it('an edit of the amount changes only occurrences not yet posted, on both devices, one row each', async () => {
    const { laptop, phone, rent } = await twoDevices(true);
    scenario.clock().advance(40 * DAY); // 2026-12-30: two occurrences past
    await laptop.sync(USER); // posts 2026-11-25 and 2026-12-25 first
    await phone.sync(USER);
    const posted = ['2026-11-25', '2026-12-25'].map((d) => occurrenceId(rent.id, d));
    expect(expenseIds(phone).sort()).toEqual([...posted].sort());
    laptop.schedules.edit(uid, rent.id, { amount: 95_000 });
    await laptop.sync(USER);
    await phone.sync(USER);
    scenario.clock().advance(30 * DAY); // 2027-01-29: January's is due
    await phone.sync(USER);
    await laptop.sync(USER);
    await phone.sync(USER);
    const next = occurrenceId(rent.id, '2027-01-25');
    for (const d of [laptop, phone]) {
      expect(expenseIds(d).sort()).toEqual([...posted, next].sort());
      const amounts = Object.fromEntries(d.expenses.list(uid).items.map((e) => [e.date, e.amount]));
      expect(amounts).toEqual({ '2026-11-25': 90_000, '2026-12-25': 90_000, '2027-01-25': 95_000 });
    }
    expect(localRows(laptop.store)).toEqual(localRows(phone.store));
  });

  it('one occurrence posted by hand on both devices offline, changed on one, syncs to one row', async () => {
    const { laptop, phone, rent } = await twoDevices(false);
    // Before it is due: the manual schedule's next occurrence, posted now.
    expect(laptop.schedules.postOccurrence(uid, rent.id).date).toBe('2026-11-25');
    scenario.clock().advance(1000);
    phone.schedules.postOccurrence(uid, rent.id, { amount: 45_000, note: 'half' });
    await laptop.sync(USER);
    await phone.sync(USER);
    await laptop.sync(USER);
    const id = occurrenceId(rent.id, '2026-11-25');
    for (const d of [laptop, phone]) {
      expect(expenseIds(d)).toEqual([id]);
      expect(d.expenses.get(uid, id)).toMatchObject({ amount: 45_000, note: 'half' });
      expect(d.schedules.get(uid, rent.id).amount).toBe(90_000);
    }
    expect(localRows(laptop.store)).toEqual(localRows(phone.store));
  });

  it('a skip on one device keeps the other from posting that occurrence', async () => {
    const { laptop, phone, rent } = await twoDevices(false);
    laptop.schedules.skip(uid, rent.id, '2026-11-25');
    await laptop.sync(USER);
    await phone.sync(USER);
    scenario.clock().advance(6 * DAY);
    expect(phone.schedules.post(uid).posted).toEqual([]);
    expect(phone.schedules.get(uid, rent.id).skipped).toEqual(['2026-11-25']);
  });
});
