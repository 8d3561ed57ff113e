import { describe, expect, it } from 'vitest';
import { embeddedScenario } from './embedded-scenario.js';
import { userIdFor } from '../../src/domain/ids.js';
import { parseSplits, type SplitPart } from '../../src/domain/splits.js';
import { centralSnapshot, type Device } from '../support/devices.js';

const USER = 'ann';
const uid = userIdFor(USER);
const scenario = embeddedScenario();
const device = scenario.device;

/** Two synced devices of one user with one split expense: 60.00 as Food 40.00 and Transport 20.00. */
async function twoDevices() {
  const laptop = device('laptop');
  const phone = device('phone');
  laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const part = (name: string, amount: number, note = ''): SplitPart => ({
    categoryId: laptop.categoryId(USER, name),
    amount,
    note,
  });
  const shop = laptop.expenses.create(uid, {
    categoryId: laptop.categoryId(USER, 'Food'),
    amount: 6_000,
    date: '2026-11-10',
    note: 'weekly shop',
    splits: [part('Food', 4_000), part('Transport', 2_000)],
  });
  await laptop.sync(USER);
  await phone.sync(USER);
  return { laptop, phone, shop, part };
}

/** The split expense's stored row on the central store: amount, category and parts. */
async function centralSplit(id: string) {
  const row = (await centralSnapshot(scenario.central(), USER)).expense.find((r) => r.id === id);
  return { amount: row?.amount, categoryId: row?.category_id, parts: parseSplits(String(row?.splits)) };
}

/** One whole split: parts adding up to the amount, the first in the row's category. */
function expectWhole(s: { amount: unknown; categoryId: unknown; parts: readonly SplitPart[] | null }) {
  expect(s.parts).not.toBeNull();
  expect(s.parts?.reduce((a, p) => a + p.amount, 0)).toBe(s.amount);
  expect(s.parts?.[0]?.categoryId).toBe(s.categoryId);
}

const onDevice = (d: Device, id: string) => {
  const e = d.expenses.get(uid, id);
  return {
    amount: e.amount,
    categoryId: e.categoryId,
    parts: e.splits?.map(({ categoryId, amount, note }) => ({ categoryId, amount, note })) ?? null,
  };
};

const byCategory = (report: { categories: readonly { name: string; total: number }[] }) =>
  Object.fromEntries(report.categories.map((c) => [c.name, c.total]));

describe('split transactions across devices', () => {
  it('two devices change one split differently offline: one whole split everywhere, the other kept and restorable whole', async () => {
    const { laptop, phone, shop, part } = await twoDevices();
    scenario.clock().advance(1000);
    // The laptop re-divides the same total; the phone (later) changes the total and the categories.
    laptop.expenses.edit(uid, shop.id, { splits: [part('Food', 3_000), part('Transport', 3_000, 'taxi')] });
    scenario.clock().advance(1000);
    const phoneParts = [part('Entertainment', 2_500), part('Food', 5_000)];
    phone.expenses.edit(uid, shop.id, { amount: 7_500, splits: phoneParts });

    for (const d of [laptop, phone, laptop]) expect((await d.sync(USER)).log.status).toBe('Success');

    // The later change wins whole on every device and on the central store.
    for (const d of [laptop, phone]) {
      const s = onDevice(d, shop.id);
      expectWhole(s);
      expect(s, d.name).toEqual({
        amount: 7_500,
        categoryId: part('Entertainment', 0).categoryId,
        parts: phoneParts,
      });
    }
    const central = await centralSplit(shop.id);
    expectWhole(central);
    expect(central.parts).toEqual(phoneParts);
    expect(phone.snapshot(USER)).toEqual(laptop.snapshot(USER));

    // The laptop's split is kept: one conflict per differing field, with one lost clock, on both devices.
    const conflicts = laptop.conflicts.list(uid);
    expect(conflicts.map((c) => c.field).sort()).toEqual(['amount', 'category_id', 'splits']);
    expect(new Set(conflicts.map((c) => c.lostHlc)).size).toBe(1);
    expect(
      phone.conflicts
        .list(uid)
        .map((c) => c.id)
        .sort(),
    ).toEqual(conflicts.map((c) => c.id).sort());

    // Restoring one of them on the phone brings back the laptop's whole split, everywhere.
    scenario.clock().advance(1000);
    const splitConflict = phone.conflicts.list(uid).find((c) => c.field === 'splits');
    phone.conflicts.restore(splitConflict?.id as string);
    expect(phone.conflicts.list(uid)).toEqual([]);
    for (const d of [phone, laptop, phone]) expect((await d.sync(USER)).log.status).toBe('Success');
    const laptopParts = [part('Food', 3_000), part('Transport', 3_000, 'taxi')];
    for (const d of [laptop, phone]) {
      const s = onDevice(d, shop.id);
      expectWhole(s);
      expect(s.parts, d.name).toEqual(laptopParts);
      expect(s.amount).toBe(6_000);
      expect(d.conflicts.list(uid), d.name).toEqual([]);
    }
    expect((await centralSplit(shop.id)).parts).toEqual(laptopParts);
    expect(phone.snapshot(USER)).toEqual(laptop.snapshot(USER));
  });

  it('reports by category count each part, on the device and on the central store', async () => {
    const { laptop, phone, part } = await twoDevices();
    phone.expenses.create(uid, {
      categoryId: phone.categoryId(USER, 'Transport'),
      amount: 500,
      date: '2026-11-11',
    });
    phone.expenses.create(uid, {
      categoryId: phone.categoryId(USER, 'Food'),
      amount: 1_000,
      date: '2026-11-12',
      splits: [part('Entertainment', 400), part('Transport', 600)],
    });
    await phone.sync(USER);
    await laptop.sync(USER);

    const expected = { Food: 4_000, Transport: 2_000 + 500 + 600, Entertainment: 400 };
    for (const d of [laptop, phone]) {
      const report = d.reports.categories(uid, '2026-11-01', '2026-11-30');
      expect(byCategory(report), d.name).toEqual(expected);
      expect(report.total).toBe(7_500);
    }
    const central = await scenario.central().reports.categories(uid, '2026-11-01', '2026-11-30');
    expect(byCategory(central)).toEqual(expected);
    expect(central).toEqual(laptop.reports.categories(uid, '2026-11-01', '2026-11-30'));
  });
});
