import { describe, expect, it } from 'vitest';
import { mainAccountId } from '../../src/domain/accounts.js';
import { formatHlc } from '../../src/domain/hlc.js';
import { newId } from '../../src/domain/ids.js';
import { fieldNames } from '../../src/domain/tables.js';
import { LocalReports } from '../../src/local/local-reports.js';
import type { Device } from '../support/devices.js';
import { centralSnapshot } from '../support/devices.js';
import {
  centralRow,
  expectConverged,
  lastLog,
  logCounts,
  rawRow,
  startDevices,
  syncAll,
  uid,
  USER,
  type World,
} from '../support/scenario-world.js';

/**
 * One row of each of the original specification's entity types (expense, income, budget, goal,
 * contribution), and a schedule.
 */
export function createOneOfEach(d: Device) {
  const food = d.categoryId(USER, 'Food');
  const expense = d.expenses.create(uid, {
    categoryId: food,
    amount: 1250,
    date: '2026-11-03',
    extra: 'card',
    note: 'Lunch',
  });
  const income = d.income.create(uid, {
    categoryId: d.categoryId(USER, 'Salary', 'income'),
    amount: 250_000,
    date: '2026-11-01',
    extra: 'Acme',
    note: 'November pay',
  });
  const budget = d.budgets.set(uid, food, '2026-11', 30_000);
  const goal = d.goals.create(uid, { name: 'Bike', target: 80_000 });
  const contribution = d.goals.contribute(uid, goal.id, 5_000, '2026-11-05', 'first');
  // Posted by hand and not yet due: it stays one row of its own through every scenario.
  const schedule = d.schedules.create(uid, {
    kind: 'expense',
    categoryId: food,
    accountId: mainAccountId(uid),
    amount: 4_500,
    note: 'Gym',
    every: 1,
    unit: 'month',
    startDate: '2026-12-01',
    autoPost: false,
  });
  return { expense, income, budget, goal, contribution, schedule };
}

const ok = (pushed: number, pulled: number) => ({
  status: 'Success',
  pushed,
  pulled,
  recordsSynced: pushed + pulled,
  conflicts: 0,
  errorMessage: null,
});

/**
 * The original specification's six conflict scenarios (a record new or modified on either side, deleted on
 * a device, unchanged), and deletes in the other direction, with `count` devices of one user syncing through
 * `world`'s central store. The first device is "A", the last "B".
 */
export function defineSeedScenarios(world: World, count: number): void {
  const start = async () => {
    const devices = await startDevices(world, count);
    return { devices, a: devices[0] as Device, b: devices[count - 1] as Device, rest: devices.slice(1) };
  };
  /** Devices that start with one row of each kind, everywhere. */
  const startWithData = async () => {
    const s = await start();
    world.clock.advance(1000);
    const rows = createOneOfEach(s.a);
    await syncAll(s.devices);
    await expectConverged(world);
    world.clock.advance(60_000);
    return { ...s, rows };
  };

  it('1. new record in SQLite: inserted into the central store, nothing else moves', async () => {
    const { a, rest } = await start();
    world.clock.advance(1000);
    const rows = createOneOfEach(a);
    expect(a.dirtyCount()).toBe(6);
    await a.sync(USER);
    expect(logCounts(lastLog(a))).toEqual(ok(6, 0));
    expect(a.dirtyCount()).toBe(0);
    const central = await centralSnapshot(world.central, USER);
    expect(central).toEqual(a.snapshot(USER));
    expect((await centralRow(world.central, 'expense', rows.expense.id))?.values).toMatchObject({
      amount: 1250,
      description: 'Lunch',
      deleted: 0,
    });
    for (const d of rest) expect(d.snapshot(USER)).not.toEqual(central); // they have not synced yet
  });

  it('2. new record in the central store: inserted on every device (reverse sync)', async () => {
    const { a, b, devices } = await start();
    world.clock.advance(1000);
    // Made on device B and pushed...
    const rows = createOneOfEach(b);
    await b.sync(USER);
    expect(logCounts(lastLog(b))).toEqual(ok(6, 0));
    // ...and one written into the central store by something that is not a device at all.
    const hlc = formatHlc({ millis: world.clock.now().getTime(), counter: 0, node: 'c0ffee0000000001' });
    const centralOnly = {
      id: newId(),
      values: {
        user_id: uid,
        category_id: a.categoryId(USER, 'Transport'),
        amount: 4_200,
        expense_date: '2026-11-15',
        payment_method: null,
        description: 'entered centrally',
        deleted: 0,
        account_id: uid,
        status: 'uncleared',
      },
      clock: Object.fromEntries(fieldNames('expense').map((f) => [f, hlc])),
      hlc,
      modifiedAt: world.clock.now().toISOString(),
    };
    await world.central.withUserWrite(uid, (w) => w.writeRows('expense', [centralOnly], 'central-admin'));
    for (const d of devices.filter((x) => x !== b)) {
      await d.sync(USER);
      expect(logCounts(lastLog(d))).toEqual(ok(0, 7));
      expect(d.expenses.get(uid, rows.expense.id)).toMatchObject({ amount: 1250, note: 'Lunch' });
      expect(d.expenses.get(uid, centralOnly.id)).toMatchObject({ amount: 4200, categoryName: 'Transport' });
      expect(d.goals.get(uid, rows.goal.id).saved).toBe(5_000);
    }
    await b.sync(USER);
    expect(logCounts(lastLog(b))).toEqual(ok(0, 1));
    await expectConverged(world);
  });

  it('3. modified in SQLite, newer: the central store is updated', async () => {
    const { a, rest, rows } = await startWithData();
    const before = await centralRow(world.central, 'expense', rows.expense.id);
    a.expenses.edit(uid, rows.expense.id, { amount: 1999 });
    a.income.edit(uid, rows.income.id, { note: 'November pay, corrected' });
    a.budgets.set(uid, rows.budget.categoryId, '2026-11', 35_000);
    a.goals.edit(uid, rows.goal.id, { target: 90_000 });
    await a.sync(USER);
    expect(logCounts(lastLog(a))).toEqual(ok(4, 0));
    const after = await centralRow(world.central, 'expense', rows.expense.id);
    expect(after?.values.amount).toBe(1999);
    expect(after?.clock.amount && before?.clock.amount && after.clock.amount > before.clock.amount).toBe(
      true,
    );
    expect(after?.clock.description).toBe(before?.clock.description); // untouched fields keep their clocks
    expect((await centralRow(world.central, 'budget', rows.budget.id))?.values.limit_amount).toBe(35_000);
    expect(await centralSnapshot(world.central, USER)).toEqual(a.snapshot(USER));
    for (const d of rest) {
      await d.sync(USER);
      expect(logCounts(lastLog(d))).toEqual(ok(0, 4));
    }
    await expectConverged(world);
  });

  it('4. modified centrally by another device, newer: the device is updated, its older copy is not pushed', async () => {
    const { a, b, devices, rows } = await startWithData();
    b.expenses.edit(uid, rows.expense.id, { amount: 2222, note: 'Lunch for two' });
    b.goals.edit(uid, rows.goal.id, { name: 'Road bike' });
    b.budgets.set(uid, rows.budget.categoryId, '2026-11', 40_000);
    await b.sync(USER);
    expect(logCounts(lastLog(b))).toEqual(ok(3, 0));
    for (const d of devices.filter((x) => x !== b)) {
      expect(d.expenses.get(uid, rows.expense.id).amount).toBe(1250); // still the older copy
      await d.sync(USER);
      expect(logCounts(lastLog(d))).toEqual(ok(0, 3));
      expect(d.expenses.get(uid, rows.expense.id)).toMatchObject({ amount: 2222, note: 'Lunch for two' });
      expect(d.goals.get(uid, rows.goal.id).name).toBe('Road bike');
      expect(d.budgets.get(uid, rows.budget.id).limit).toBe(40_000);
      expect(d.conflicts.list(uid)).toEqual([]);
    }
    expect(a.dirtyCount()).toBe(0);
    await expectConverged(world);
  });

  for (const direction of ['A to the others', 'B to the others'] as const) {
    it(`5. deleted on one device (${direction}): a tombstone centrally and on every other device`, async () => {
      const s = await startWithData();
      const { rows } = s;
      const deleter = direction === 'A to the others' ? s.a : s.b;
      deleter.expenses.delete(uid, rows.expense.id);
      deleter.income.delete(uid, rows.income.id);
      deleter.budgets.delete(uid, rows.budget.id);
      deleter.goals.deleteContribution(uid, rows.contribution.id);
      await deleter.sync(USER);
      expect(logCounts(lastLog(deleter))).toEqual(ok(4, 0));
      for (const [table, id] of [
        ['expense', rows.expense.id],
        ['income', rows.income.id],
        ['budget', rows.budget.id],
        ['goal_contribution', rows.contribution.id],
      ] as const) {
        expect((await centralRow(world.central, table, id))?.values.deleted, `${table} centrally`).toBe(1);
      }
      for (const d of s.devices.filter((x) => x !== deleter)) {
        expect(d.expenses.get(uid, rows.expense.id).amount).toBe(1250);
        await d.sync(USER);
        expect(logCounts(lastLog(d))).toEqual(ok(0, 4));
        expect(() => d.expenses.get(uid, rows.expense.id)).toThrow(/no expense/);
        expect(() => d.income.get(uid, rows.income.id)).toThrow(/no income/);
        expect(d.budgets.list(uid)).toEqual([]);
        expect(d.goals.get(uid, rows.goal.id).saved).toBe(0);
        expect(rawRow(d, 'expense', rows.expense.id)).toMatchObject({ deleted: 1, is_synced: 1 }); // a tombstone
        expect(new LocalReports(d.store).monthly(uid, '2026-11')).toMatchObject({ expenses: 0, income: 0 });
      }
      await syncAll(s.devices);
      await expectConverged(world);
    });
  }

  it('6. no changes: nothing pushed or pulled, 0 records synced, nothing written centrally', async () => {
    const { devices } = await startWithData();
    const seq = await world.central.maxSeq(uid);
    const before = devices.map((d) => d.snapshot(USER));
    for (const d of devices) {
      const report = await d.sync(USER);
      expect(logCounts(report.log)).toEqual(ok(0, 0));
      expect(report.log.recordsSynced).toBe(0);
      expect(lastLog(d)).toEqual(report.log);
    }
    expect(devices.map((d) => d.snapshot(USER))).toEqual(before);
    expect(await world.central.maxSeq(uid)).toBe(seq);
    await expectConverged(world);
  });
}

/**
 * A category deleted on device A while device B files an expense under it offline, synced in either order:
 * every device ends in the same state, the expense exists under the deleted category and still counts.
 */
export function defineCategoryExpenseCase(world: World, count: number): void {
  describe.each(['the delete syncs first', 'the expense syncs first'] as const)('%s', (order) => {
    it(`${count} devices: the same state everywhere, the expense kept, not orphaned, counted`, async () => {
      const devices = await startDevices(world, count);
      const [a, b] = devices as [Device, Device];
      const food = a.categoryId(USER, 'Food');
      world.clock.advance(1000);
      a.categories.delete(uid, food);
      world.clock.advance(1000);
      const expense = b.expenses.create(uid, {
        categoryId: food,
        amount: 4_550,
        date: '2026-11-12',
        note: 'Market',
      });
      const [first, second] = order === 'the delete syncs first' ? [a, b] : [b, a];
      await first.sync(USER);
      expect(logCounts(lastLog(first))).toEqual(ok(1, 0));
      await second.sync(USER);
      expect(logCounts(lastLog(second))).toEqual(ok(1, 1));
      await syncAll(devices);
      await expectConverged(world);

      for (const d of devices) {
        expect(d.expenses.get(uid, expense.id), d.name).toMatchObject({
          amount: 4_550,
          categoryId: food,
          categoryName: 'Food',
          categoryDeleted: true,
        });
        expect(rawRow(d, 'category', food)).toMatchObject({ deleted: 1 }); // the parent row is there
        expect(d.conflicts.list(uid)).toEqual([]);
        const reports = new LocalReports(d.store);
        expect(reports.monthly(uid, '2026-11')).toMatchObject({ expenses: 4_550, expenseCount: 1 });
        expect(reports.categories(uid, '2026-11-01', '2026-11-30').categories).toEqual([
          expect.objectContaining({ categoryId: food, name: 'Food', deleted: true, total: 4_550 }),
        ]);
      }
      expect((await centralRow(world.central, 'category', food))?.values.deleted).toBe(1);
      expect(await world.central.reports.monthly(uid, '2026-11')).toMatchObject({ expenses: 4_550 });
    });
  });
}
