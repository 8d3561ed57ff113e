import { describe, expect, it } from 'vitest';
import { embeddedScenario } from './embedded-scenario.js';
import { categoryIdFor, userIdFor } from '../../src/domain/ids.js';
import { restoreBackup, takeBackup } from '../../src/local/backup.js';
import type { FieldValue } from '../../src/domain/tables.js';
import type { Device } from '../support/devices.js';
import { localRows } from '../support/sample-rows.js';

const USER = 'ann';
const uid = userIdFor(USER);
const scenario = embeddedScenario();
const device = scenario.device;
const food = categoryIdFor(uid, 'expense', 'Food');
const housing = categoryIdFor(uid, 'expense', 'Housing');

/** Two synced devices of one user holding three expenses made on the laptop. */
async function twoDevices() {
  const laptop = device('laptop');
  const phone = device('phone');
  laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const ids = [1200, 3400, 5600].map((amount, i) => {
    scenario.clock().advance(1000);
    return laptop.expenses.create(uid, {
      categoryId: food,
      amount,
      date: `2026-11-0${i + 1}`,
      note: `row ${i + 1}`,
      tags: i === 0 ? ['market'] : [],
    }).id;
  });
  await laptop.sync(USER);
  await phone.sync(USER);
  return { laptop, phone, ids };
}

/** The stored values of these expenses on a device, by id. */
function expenseValues(d: Device, ids: readonly string[]): Record<string, Record<string, FieldValue>> {
  const rows = localRows(d.store).get('expense') ?? [];
  return Object.fromEntries(rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, r.values]));
}

async function syncBoth(a: Device, b: Device) {
  await a.sync(USER);
  await b.sync(USER);
  await a.sync(USER);
}

describe('bulk edits and undo across devices', () => {
  it('a bulk edit reaches the other device, and its undo brings both back to exactly the values before it', async () => {
    const { laptop, phone, ids } = await twoDevices();
    const before = expenseValues(laptop, ids);
    scenario.clock().advance(1000);
    const op = laptop.bulkEdits.apply(uid, {
      kind: 'expense',
      ids,
      action: { categoryId: housing, addTags: ['trip'] },
    });
    await syncBoth(laptop, phone);
    for (const id of ids) expect(phone.expenses.get(uid, id).categoryId).toBe(housing);
    expect(phone.expenses.get(uid, ids[0] ?? '').tags).toEqual(['market', 'trip']);

    scenario.clock().advance(1000);
    laptop.undo.undo(uid, op.id);
    await syncBoth(laptop, phone);
    expect(expenseValues(laptop, ids)).toEqual(before);
    expect(expenseValues(phone, ids)).toEqual(before);
    expect(laptop.snapshot(USER)).toEqual(phone.snapshot(USER));
    expect(laptop.conflicts.list(uid)).toEqual([]);
  });

  it('undo restores only what the bulk edit changed: fields the other device changed meanwhile stay as it set them', async () => {
    const { laptop, phone, ids } = await twoDevices();
    const before = expenseValues(laptop, ids);
    scenario.clock().advance(1000);
    const op = laptop.bulkEdits.apply(uid, { kind: 'expense', ids, action: { categoryId: housing } });
    await syncBoth(laptop, phone);

    // The phone changes fields the bulk edit did not touch.
    scenario.clock().advance(1000);
    const [first = '', second = ''] = ids;
    phone.expenses.edit(uid, first, { note: 'renamed on the phone' });
    phone.expenses.edit(uid, second, { amount: 9900, tags: ['phone'] });
    await syncBoth(phone, laptop);

    scenario.clock().advance(1000);
    laptop.undo.undo(uid, op.id);
    await syncBoth(laptop, phone);

    const expected = structuredClone(before);
    Object.assign(expected[first] ?? {}, { description: 'renamed on the phone' });
    Object.assign(expected[second] ?? {}, { amount: 9900, tags: '["phone"]' });
    expect(expenseValues(laptop, ids)).toEqual(expected);
    expect(expenseValues(phone, ids)).toEqual(expected);
    expect(laptop.snapshot(USER)).toEqual(phone.snapshot(USER));
  });

  it('undo refuses when the other device changed a field the bulk edit set, and both devices keep that change', async () => {
    const { laptop, phone, ids } = await twoDevices();
    scenario.clock().advance(1000);
    const op = laptop.bulkEdits.apply(uid, { kind: 'expense', ids, action: { categoryId: housing } });
    await syncBoth(laptop, phone);
    scenario.clock().advance(1000);
    const third = ids[2] ?? '';
    phone.expenses.edit(uid, third, { categoryId: categoryIdFor(uid, 'expense', 'Transport') });
    await syncBoth(phone, laptop);

    expect(() => laptop.undo.undo(uid, op.id)).toThrow(new RegExp(`expense ${third} \\(category_id\\)`));
    await syncBoth(laptop, phone);
    for (const d of [laptop, phone]) {
      expect(d.expenses.get(uid, third).categoryId).toBe(categoryIdFor(uid, 'expense', 'Transport'));
      expect(d.expenses.get(uid, ids[0] ?? '').categoryId).toBe(housing);
    }
  });

  it('a deleted row brought back by undo comes back on the other device too', async () => {
    const { laptop, phone, ids } = await twoDevices();
    const before = expenseValues(laptop, ids);
    const op = laptop.bulkEdits.apply(uid, { kind: 'expense', ids, action: { delete: true } });
    await syncBoth(laptop, phone);
    expect(phone.expenses.list(uid).total).toBe(0);
    scenario.clock().advance(1000);
    laptop.undo.undo(uid, op.id);
    await syncBoth(laptop, phone);
    expect(expenseValues(phone, ids)).toEqual(before);
    expect(phone.expenses.list(uid).total).toBe(3);
  });

  it('a backup taken after a bulk edit and an undo restores the rows as they are, without the journal', async () => {
    const { laptop, ids } = await twoDevices();
    const first = laptop.bulkEdits.apply(uid, { kind: 'expense', ids, action: { categoryId: housing } });
    scenario.clock().advance(1000);
    laptop.undo.undo(uid, first.id);
    laptop.bulkEdits.apply(uid, { kind: 'expense', ids: ids.slice(0, 1), action: { delete: true } });
    await laptop.sync(USER);
    const backup = JSON.parse(JSON.stringify(takeBackup(laptop.store, uid))) as unknown;
    const fresh = device('restored');
    restoreBackup(fresh.store, backup);
    expect(expenseValues(fresh, ids)).toEqual(expenseValues(laptop, ids));
    // The journal is this device's own: a restored device starts with nothing to undo.
    expect(fresh.undo.list(uid)).toEqual([]);
    await fresh.sync(USER);
    expect(fresh.snapshot(USER)).toEqual(laptop.snapshot(USER));
  });
});
