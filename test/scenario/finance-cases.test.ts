import { describe, expect, it, vi } from 'vitest';
import { ClockError, formatHlc, parseHlc } from '../../src/domain/hlc.js';
import { budgetIdFor, newId, userIdFor } from '../../src/domain/ids.js';
import { SYNCED_TABLES, type FieldValue } from '../../src/domain/tables.js';
import { LocalReports } from '../../src/local/local-reports.js';
import { LocalSyncRows } from '../../src/local/sync-rows.js';
import { applyPush } from '../../src/sync/apply-push.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import type { PushBatch, PushedRow } from '../../src/sync/remote.js';
import { sqliteHarness, postgresHarness } from '../support/central-stores.js';
import { createOneOfEach, defineCategoryExpenseCase, defineSeedScenarios } from './core-scenarios.js';
import {
  centralRow,
  dirtyRows,
  expectConverged,
  InterceptRemote,
  lastLog,
  OffsetClock,
  rawRow,
  startDevices,
  syncAll,
  uid,
  USER,
  useWorld,
  type World,
} from '../support/scenario-world.js';
import { centralSnapshot, Device, TestClock } from '../support/devices.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

const MINUTE = 60_000;

/** `[first, second]` to sync: `[x, y]` when `xFirst`, else `[y, x]`. */
const inOrder = <T>(xFirst: boolean, x: T, y: T): [T, T] => (xFirst ? [x, y] : [y, x]);

/** Three expenses of Ann on device `d`, not yet pushed, as a batch ready for `applyPush`. */
function expenseBatch(d: Device, amounts = [1_000, 2_000, 3_000]): PushBatch {
  for (const amount of amounts) {
    d.expenses.create(uid, { categoryId: d.categoryId(USER, 'Food'), amount, date: '2026-11-10' });
  }
  return {
    batchId: newId(),
    userId: uid,
    deviceId: d.store.deviceId,
    table: 'expense',
    rows: dirtyRows(d, 'expense'),
  };
}

/** A copy of a pushed row with some values, clocks or sync columns replaced. */
function alter(
  row: PushedRow,
  change: { values?: Record<string, FieldValue>; clock?: Record<string, string>; id?: string; hlc?: string },
): PushedRow {
  return {
    ...row,
    id: change.id ?? row.id,
    values: { ...row.values, ...change.values },
    clock: { ...row.clock, ...change.clock },
    hlc: change.hlc ?? row.hlc,
  };
}

/** A clock moved by `ms`. */
const shift = (hlc: string, ms: number) => {
  const h = parseHlc(hlc);
  return formatHlc({ ...h, millis: h.millis + ms });
};

/** The central state a refused batch must leave untouched. */
async function centralState(world: World) {
  return {
    seq: await world.central.maxSeq(uid),
    ann: await centralSnapshot(world.central, USER),
    bob: await centralSnapshot(world.central, 'bob'),
  };
}

function financeCases(world: World, count: number): void {
  defineCategoryExpenseCase(world, count);

  describe.each(['the later edit syncs first', 'the later edit syncs second'] as const)(
    'a budget for one category and month set on two devices offline, %s',
    (order) => {
      it(`${count} devices: one budget, the later limit wins, the other is a restorable conflict`, async () => {
        const devices = await startDevices(world, count);
        const [a, b] = devices as [Device, Device];
        const food = a.categoryId(USER, 'Food');
        world.clock.advance(1000);
        const early = a.budgets.set(uid, food, '2026-11', 30_000);
        world.clock.advance(1000);
        const late = b.budgets.set(uid, food, '2026-11', 45_000);
        expect(late.id).toBe(early.id);
        expect(late.id).toBe(budgetIdFor(uid, food, '2026-11'));
        const [first, second] = inOrder(order === 'the later edit syncs first', b, a);
        await first.sync(USER);
        await second.sync(USER);
        expect(lastLog(second)).toMatchObject({ status: 'Success', pushed: 1, conflicts: 1 });
        await syncAll(devices);
        await expectConverged(world);
        for (const d of devices) {
          expect(d.budgets.list(uid)).toEqual([expect.objectContaining({ id: early.id, limit: 45_000 })]);
        }
        expect((await centralSnapshot(world.central, USER)).budget).toHaveLength(1);

        const conflicts = second.conflicts.list(uid);
        // Conflicts travel: every device lists the one loss, as its own where it wrote the losing value.
        for (const d of devices) {
          expect(
            d.conflicts.list(uid).map((c) => [c.id, c.lostSide]),
            d.name,
          ).toEqual([[conflicts[0]?.id, d === a ? 'local' : 'central']]);
        }
        expect(conflicts).toEqual([
          expect.objectContaining({
            table: 'budget',
            rowId: early.id,
            field: 'limit_amount',
            keptValue: 45_000,
            lostValue: 30_000,
            lostSide: second === a ? 'local' : 'central',
            resolvedAt: null,
          }),
        ]);

        world.clock.advance(1000);
        const restored = second.conflicts.restore((conflicts[0] as { id: string }).id);
        expect(restored.resolution).toBe('restored');
        expect(second.budgets.get(uid, early.id).limit).toBe(30_000);
        await syncAll([second, ...devices.filter((x) => x !== second)]);
        await expectConverged(world);
        for (const d of devices) {
          expect(d.budgets.get(uid, early.id).limit, d.name).toBe(30_000);
          expect(d.conflicts.list(uid), d.name).toEqual([]);
        }
      });
    },
  );

  it(`${count} devices: goal contributions added offline on every device all count in saved`, async () => {
    const devices = await startDevices(world, count);
    const [a] = devices as [Device];
    const goal = a.goals.create(uid, { name: 'Holiday', target: 200_000, targetDate: '2027-06-30' });
    await syncAll(devices);
    world.clock.advance(1000);
    const amounts = [5_000, 7_000, 1_100].slice(0, count);
    devices.forEach((d, i) => d.goals.contribute(uid, goal.id, amounts[i] as number, '2026-11-20', d.name));
    for (const [i, d] of devices.entries()) expect(d.goals.get(uid, goal.id).saved).toBe(amounts[i]);
    await syncAll(devices);
    await expectConverged(world);
    const total = amounts.reduce((x, y) => x + y, 0);
    for (const d of devices) {
      expect(d.goals.get(uid, goal.id).saved, d.name).toBe(total);
      expect(d.goals.contributions(uid, goal.id)).toHaveLength(count);
      expect(new LocalReports(d.store).goals(uid, '2026-11-30').goals[0]).toMatchObject({ saved: total });
      expect(d.conflicts.list(uid)).toEqual([]);
    }
    expect((await world.central.reports.goals(uid, '2026-11-30')).goals[0]).toMatchObject({ saved: total });
  });

  describe.each(['A syncs first', 'B syncs first'] as const)('field-level merge, %s', (order) => {
    it(`${count} devices: A's amount and B's category, edited offline, both survive`, async () => {
      const devices = await startDevices(world, count);
      const [a, b] = devices as [Device, Device];
      const { expense } = createOneOfEach(a);
      await syncAll(devices);
      world.clock.advance(1000);
      a.expenses.edit(uid, expense.id, { amount: 3_333 });
      world.clock.advance(1000);
      const transport = b.categoryId(USER, 'Transport');
      b.expenses.edit(uid, expense.id, { categoryId: transport });
      const [first, second] = inOrder(order === 'A syncs first', a, b);
      await first.sync(USER);
      await second.sync(USER);
      // (The other device's field arrives in the push reply, so it is not counted as pulled.)
      expect(lastLog(second)).toMatchObject({ status: 'Success', pushed: 1, conflicts: 0 });
      await syncAll(devices);
      await expectConverged(world);
      for (const d of devices) {
        expect(d.expenses.get(uid, expense.id), d.name).toMatchObject({
          amount: 3_333,
          categoryId: transport,
          categoryName: 'Transport',
          note: 'Lunch',
        });
        expect(d.conflicts.list(uid)).toEqual([]);
      }
    });
  });

  describe.each(['the later edit syncs first', 'the later edit syncs second'] as const)(
    'the same field edited on two devices, %s',
    (order) => {
      it(`${count} devices: the greater clock wins, the loser is listed on every device and restorable`, async () => {
        const devices = await startDevices(world, count);
        const [a, b] = devices as [Device, Device];
        const { expense } = createOneOfEach(a);
        await syncAll(devices);
        world.clock.advance(1000);
        a.expenses.edit(uid, expense.id, { amount: 2_000 });
        const aClock = JSON.parse(String(rawRow(a, 'expense', expense.id)?.clock)) as Record<string, string>;
        world.clock.advance(1000);
        b.expenses.edit(uid, expense.id, { amount: 3_000 });
        const bClock = JSON.parse(String(rawRow(b, 'expense', expense.id)?.clock)) as Record<string, string>;
        expect(String(bClock.amount) > String(aClock.amount)).toBe(true);
        const [first, second] = inOrder(order === 'the later edit syncs first', b, a);
        await first.sync(USER);
        await second.sync(USER);
        await syncAll(devices);
        await expectConverged(world);
        for (const d of devices) expect(d.expenses.get(uid, expense.id).amount, d.name).toBe(3_000);
        expect((await centralRow(world.central, 'expense', expense.id))?.clock.amount).toBe(bClock.amount);

        const [conflict, ...more] = second.conflicts.list(uid);
        // Conflicts travel: every device lists the one loss, as its own where it wrote the losing value.
        for (const d of devices) {
          expect(
            d.conflicts.list(uid).map((c) => [c.id, c.lostSide]),
            d.name,
          ).toEqual([[conflict?.id, d === a ? 'local' : 'central']]);
        }
        expect(more).toEqual([]);
        expect(conflict).toMatchObject({
          table: 'expense',
          rowId: expense.id,
          field: 'amount',
          keptValue: 3_000,
          keptHlc: bClock.amount,
          lostValue: 2_000,
          lostHlc: aClock.amount,
          lostSide: second === a ? 'local' : 'central',
        });

        world.clock.advance(1000);
        second.conflicts.restore(conflict?.id as string);
        await syncAll([second, ...devices.filter((x) => x !== second)]);
        await expectConverged(world);
        for (const d of devices) {
          expect(d.expenses.get(uid, expense.id).amount, d.name).toBe(2_000);
          expect(d.conflicts.list(uid)).toEqual([]);
        }
      });
    },
  );

  it(`${count} devices: a device whose clock runs slow still wins with an edit made after it saw newer data`, async () => {
    const a = world.device('laptop');
    const b = world.device('phone', { clock: new OffsetClock(world.clock, -2 * MINUTE) });
    const others = count > 2 ? [world.device('tablet')] : [];
    a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
    const { expense } = createOneOfEach(a);
    await syncAll([a, b, ...others]);
    world.clock.advance(1000);
    a.expenses.edit(uid, expense.id, { amount: 2_000 });
    await a.sync(USER);
    await b.sync(USER);
    b.expenses.edit(uid, expense.id, { amount: 3_000 }); // b's wall clock is 2 minutes behind a's edit
    await syncAll([b, a, ...others]);
    await expectConverged(world);
    for (const d of world.devices) {
      expect(d.expenses.get(uid, expense.id).amount, d.name).toBe(3_000);
      expect(d.conflicts.list(uid)).toEqual([]);
    }
  });

  describe.each(['the delete syncs first', 'the edit syncs first'] as const)(
    'a delete and a concurrent edit of one expense, %s',
    (order) => {
      it(`${count} devices: deleted everywhere, a 'deleted' conflict kept, restoring brings the row back with the edit`, async () => {
        const devices = await startDevices(world, count);
        const [a, b] = devices as [Device, Device];
        const { expense } = createOneOfEach(a);
        await syncAll(devices);
        world.clock.advance(1000);
        a.expenses.delete(uid, expense.id);
        world.clock.advance(1000);
        b.expenses.edit(uid, expense.id, { amount: 9_900, note: 'Lunch, corrected' });
        const [first, second] = inOrder(order === 'the delete syncs first', a, b);
        await first.sync(USER);
        await second.sync(USER);
        await syncAll(devices);
        await expectConverged(world);
        for (const d of devices) {
          expect(() => d.expenses.get(uid, expense.id), d.name).toThrow(/no expense/);
          // The tombstone carries the concurrent edit, so nothing is lost.
          expect(rawRow(d, 'expense', expense.id)).toMatchObject({ deleted: 1, amount: 9_900 });
          expect(new LocalReports(d.store).monthly(uid, '2026-11').expenses).toBe(0);
        }
        const conflicts = second.conflicts.list(uid);
        // Conflicts travel: every device lists the one loss, as its own where it wrote the losing value.
        for (const d of devices) {
          expect(
            d.conflicts.list(uid).map((c) => [c.id, c.lostSide]),
            d.name,
          ).toEqual([[conflicts[0]?.id, d === b ? 'local' : 'central']]);
        }
        expect(conflicts).toEqual([
          expect.objectContaining({
            table: 'expense',
            rowId: expense.id,
            field: 'deleted',
            keptValue: 1,
            lostValue: 0,
            lostSide: second === b ? 'local' : 'central',
          }),
        ]);

        world.clock.advance(1000);
        second.conflicts.restore((conflicts[0] as { id: string }).id);
        await syncAll([second, ...devices.filter((x) => x !== second)]);
        await expectConverged(world);
        for (const d of devices) {
          expect(d.expenses.get(uid, expense.id), d.name).toMatchObject({
            amount: 9_900,
            note: 'Lunch, corrected',
          });
          expect(new LocalReports(d.store).monthly(uid, '2026-11').expenses).toBe(9_900);
          expect(d.conflicts.list(uid)).toEqual([]);
        }
      });
    },
  );
}

function syncProtocolCases(world: World): void {
  describe('an edit made while a sync runs stays dirty and is pushed next time', () => {
    for (const when of ['between push and its result', 'during the pull'] as const) {
      it(when, async () => {
        let act: (() => void) | null = null;
        const fire = () => {
          const f = act;
          act = null;
          f?.();
        };
        const a = world.device('laptop', {
          remote: (inner) =>
            new InterceptRemote(inner, {
              afterPush: (batch, result) => {
                if (batch.table === 'expense') fire();
                return result;
              },
              beforePull: (table) => {
                if (table === 'expense') fire();
              },
            }),
        });
        const b = world.device('phone');
        a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
        const { expense } = createOneOfEach(a);
        await syncAll([a, b]);
        world.clock.advance(1000);
        b.expenses.edit(uid, expense.id, { amount: 1_500 });
        await b.sync(USER);
        a.expenses.edit(uid, expense.id, { extra: 'cash' }); // pushed by the next sync
        act = () => a.expenses.edit(uid, expense.id, { note: 'edited during the sync' });
        const report = await a.sync(USER);
        expect(act).toBeNull(); // the edit happened
        expect(report.log).toMatchObject({ status: 'Success', pushed: 1, conflicts: 0 });
        expect(a.expenses.get(uid, expense.id)).toMatchObject({
          amount: 1_500,
          method: 'cash',
          note: 'edited during the sync',
        });
        expect(rawRow(a, 'expense', expense.id)).toMatchObject({ is_synced: 0 });
        expect(a.dirtyCount()).toBe(1);
        expect((await centralRow(world.central, 'expense', expense.id))?.values).toMatchObject({
          amount: 1_500,
          payment_method: 'cash',
          description: 'Lunch',
        });

        const next = await a.sync(USER);
        expect(next.log).toMatchObject({ status: 'Success', pushed: 1, pulled: 0, conflicts: 0 });
        expect(a.dirtyCount()).toBe(0);
        await b.sync(USER);
        await expectConverged(world);
        expect(b.expenses.get(uid, expense.id)).toMatchObject({
          amount: 1_500,
          method: 'cash',
          note: 'edited during the sync',
        });
        for (const d of [a, b]) expect(d.conflicts.list(uid)).toEqual([]);
      });
    }

    it('a row created before the push and edited before its result is applied', async () => {
      let act: (() => void) | null = null;
      const a = world.device('laptop', {
        remote: (inner) =>
          new InterceptRemote(inner, {
            afterPush: (batch, result) => {
              if (batch.table === 'expense' && act) {
                act();
                act = null;
              }
              return result;
            },
          }),
      });
      a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
      await a.sync(USER);
      const created = a.expenses.create(uid, {
        categoryId: a.categoryId(USER, 'Food'),
        amount: 800,
        date: '2026-11-02',
      });
      act = () => a.expenses.edit(uid, created.id, { amount: 850 });
      expect((await a.sync(USER)).log).toMatchObject({ status: 'Success', pushed: 1, conflicts: 0 });
      expect(a.expenses.get(uid, created.id).amount).toBe(850);
      expect(a.dirtyCount()).toBe(1);
      expect((await centralRow(world.central, 'expense', created.id))?.values.amount).toBe(800);
      expect((await a.sync(USER)).log).toMatchObject({ status: 'Success', pushed: 1, conflicts: 0 });
      expect((await centralRow(world.central, 'expense', created.id))?.values.amount).toBe(850);
      expect(a.dirtyCount()).toBe(0);
      expect(a.conflicts.list(uid)).toEqual([]);
      await expectConverged(world);
    });
  });

  it('a pulled row whose parent was created after the parent table was pulled: the parent is fetched, nothing orphaned', async () => {
    let during: (() => Promise<void>) | null = null;
    const b = world.device('phone', {
      remote: (inner) =>
        new InterceptRemote(inner, {
          beforePull: async (table) => {
            const f = during;
            if (table === 'expense' && f) {
              during = null;
              await f();
            }
          },
        }),
    });
    const a = world.device('laptop');
    a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
    await syncAll([a, b]);
    const goal = a.goals.create(uid, { name: 'Car', target: 500_000 });
    await a.sync(USER);
    let pets = '';
    let expenseId = '';
    let contributionId = '';
    // While B pulls (categories and goals already done), A adds a category and an expense in it, renames the goal
    // and adds a contribution to it, and syncs.
    during = async () => {
      world.clock.advance(1000);
      pets = a.categories.create(uid, 'Pets', 'expense').id;
      expenseId = a.expenses.create(uid, { categoryId: pets, amount: 3_000, date: '2026-11-21' }).id;
      a.goals.edit(uid, goal.id, { name: 'New car' });
      contributionId = a.goals.contribute(uid, goal.id, 10_000, '2026-11-21').id;
      expect((await a.sync(USER)).log.status).toBe('Success');
    };
    const report = await b.sync(USER);
    expect(during).toBeNull();
    expect(report.log.status).toBe('Success');
    expect(b.expenses.get(uid, expenseId)).toMatchObject({ categoryName: 'Pets', categoryDeleted: false });
    expect(b.goals.get(uid, goal.id).saved).toBe(10_000);
    expect(b.goals.contribution(uid, contributionId).amount).toBe(10_000);
    await syncAll([b, a]);
    await expectConverged(world);
    expect(b.goals.get(uid, goal.id)).toMatchObject({ name: 'New car', saved: 10_000 }); // the rename, next run
  });

  describe('clock skew: a clock 10 minutes ahead is refused with a clear error, nothing written', () => {
    it('push, a crafted batch to applyPush', async () => {
      const [a] = (await startDevices(world, 1)) as [Device];
      const fast = world.device('fast', { clock: new OffsetClock(world.clock, 10 * MINUTE) });
      fast.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' }); // the same user and categories
      const batch = expenseBatch(fast);
      const before = await centralState(world);
      const refused = applyPush(world.central, batch, world.clock.now().getTime());
      await expect(refused).rejects.toThrow(ClockError);
      await expect(refused).rejects.toThrow(/more than 5 minutes ahead.*check the system clock of device/);
      expect(await centralState(world)).toEqual(before);
      // One row of the batch is enough to refuse it all.
      const good = expenseBatch(a, [4_000, 5_000]);
      const mixed = { ...good, rows: [...good.rows, ...batch.rows.slice(0, 1)] };
      await expect(applyPush(world.central, mixed, world.clock.now().getTime())).rejects.toThrow(ClockError);
      expect(await centralState(world)).toEqual(before);
      // The batch id was not used up: the good rows alone go through under it.
      expect((await applyPush(world.central, good, world.clock.now().getTime())).replayed).toBe(false);
      expect((await centralSnapshot(world.central, USER)).expense).toHaveLength(2);
    });

    it('push, a device whose clock runs 10 minutes fast: the sync fails, logged, the central store untouched', async () => {
      const fast = world.device('fast', {
        clock: new OffsetClock(world.clock, 10 * MINUTE),
        centralNow: world.clock.now,
      });
      fast.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
      const report = await fast.sync(USER);
      expect(report.log).toMatchObject({ status: 'Failed', pushed: 0, pulled: 0 });
      expect(report.log.errorMessage).toMatch(/more than 5 minutes ahead of the central store's time/);
      expect(await world.central.maxSeq(uid)).toBe(0);
      expect(fast.dirtyCount()).toBe(14); // nothing lost locally: it goes once the clocks agree
    });

    it('pull: a central row 10 minutes ahead of the device is refused, nothing written locally', async () => {
      const [a, b] = (await startDevices(world, 2)) as [Device, Device];
      const { expense } = createOneOfEach(a);
      await syncAll([a, b]);
      const current = await centralRow(world.central, 'expense', expense.id);
      if (!current) throw new Error('expense missing centrally');
      const future = formatHlc({
        millis: world.clock.now().getTime() + 10 * MINUTE,
        counter: 0,
        node: parseHlc(current.hlc).node,
      });
      await world.central.withUserWrite(uid, (w) =>
        w.writeRows(
          'expense',
          [
            {
              ...current,
              values: { ...current.values, amount: 6_666 },
              clock: { ...current.clock, amount: future },
              hlc: future,
            },
          ],
          'skewed-writer',
        ),
      );
      const rows = new LocalSyncRows(b.store);
      const { remoteId } = await new DirectRemote(world.central).handshake();
      const cursor = rows.cursor(uid, remoteId, 'expense');
      const snapshot = b.snapshot(USER);
      const lastHlc = () =>
        (b.store.db.prepare('SELECT last_hlc FROM device').get() as { last_hlc: string }).last_hlc;
      const hlcBefore = lastHlc();

      const report = await b.sync(USER);
      expect(report.log).toMatchObject({ status: 'Failed', pulled: 0 });
      expect(report.log.errorMessage).toMatch(/ahead of this machine's time/);
      expect(b.snapshot(USER)).toEqual(snapshot);
      expect(rows.cursor(uid, remoteId, 'expense')).toBe(cursor);
      expect(lastHlc()).toBe(hlcBefore); // the device clock was not dragged into the future
      expect(b.expenses.get(uid, expense.id).amount).toBe(1_250);

      world.clock.advance(10 * MINUTE); // the clocks agree again
      expect((await b.sync(USER)).log).toMatchObject({ status: 'Success', pulled: 1 });
      expect(b.expenses.get(uid, expense.id).amount).toBe(6_666);
    });
  });

  describe('a malformed pushed batch is refused whole, nothing written', () => {
    const bad: [string, (row: PushedRow, bobsRow: string) => PushedRow, RegExp][] = [
      [
        'a negative amount',
        (r) => alter(r, { values: { amount: -500 } }),
        /amount must be a positive whole number/,
      ],
      [
        'a fractional amount',
        (r) => alter(r, { values: { amount: 12.5 } }),
        /amount must be a positive whole number/,
      ],
      [
        'an amount as text',
        (r) => alter(r, { values: { amount: '12.50' } }),
        /amount must be a positive whole number/,
      ],
      [
        'a row of another user',
        (r) => alter(r, { values: { user_id: userIdFor('bob') } }),
        /belongs to another user/,
      ],
      [
        "another user's row id, claimed for this user",
        (r, bobs) => alter(r, { id: bobs }),
        /belongs to another user/,
      ],
      [
        'a field clock that is no clock',
        (r) => alter(r, { clock: { amount: 'yesterday' } }),
        /amount has no valid clock/,
      ],
      [
        'a row clock older than its field clocks',
        (r) => alter(r, { hlc: shift(r.hlc, -1000) }),
        /latest of the field clocks/,
      ],
      [
        'a row clock newer than its field clocks',
        (r) => alter(r, { hlc: shift(r.hlc, 1000) }),
        /latest of the field clocks/,
      ],
      [
        'a missing field',
        (r) => ({ ...r, values: { ...r.values, description: undefined } as never }),
        /description is missing/,
      ],
    ];
    it.each(bad)('%s', async (_name, spoil, message) => {
      const [a] = (await startDevices(world, 1)) as [Device];
      a.users.create({ name: 'Bob', currency: 'GBP', locale: 'en-GB' });
      const bobs = a.expenses.create(userIdFor('bob'), {
        categoryId: a.categoryId('bob', 'Food'),
        amount: 7_000,
        date: '2026-11-01',
      });
      await a.sync('bob');
      world.clock.advance(1000);
      const batch = expenseBatch(a);
      const before = await centralState(world);
      const rows = batch.rows.map((r, i) => (i === 1 ? spoil(r, bobs.id) : r));
      await expect(applyPush(world.central, { ...batch, rows }, world.clock.now().getTime())).rejects.toThrow(
        message,
      );
      expect(await centralState(world)).toEqual(before);
      const [bobsRow] = await world.central.readRowsById(userIdFor('bob'), 'expense', [bobs.id]);
      expect(bobsRow?.values).toMatchObject({ amount: 7_000, user_id: userIdFor('bob') });
      // The refused batch id was not recorded: the valid batch goes through under the same id.
      const ok = await applyPush(world.central, batch, world.clock.now().getTime());
      expect(ok.replayed).toBe(false);
      expect((await centralSnapshot(world.central, USER)).expense).toHaveLength(3);
    });
  });

  describe('a replayed batch id writes nothing', () => {
    it('applyPush twice with one batch id, the second even with other values', async () => {
      const [a] = (await startDevices(world, 1)) as [Device];
      const batch = expenseBatch(a);
      const first = await applyPush(world.central, batch, world.clock.now().getTime());
      expect(first.replayed).toBe(false);
      const after = await centralState(world);
      const again = await applyPush(world.central, batch, world.clock.now().getTime());
      expect(again).toMatchObject({ replayed: true, conflicts: [] });
      expect(again.rows.map(({ id, values, clock, hlc }) => ({ id, values, clock, hlc }))).toEqual(
        first.rows.map(({ id, values, clock, hlc }) => ({ id, values, clock, hlc })),
      );
      world.clock.advance(1000);
      a.expenses.edit(uid, batch.rows[0]?.id as string, { amount: 7_777 });
      const changed = { ...batch, rows: dirtyRows(a, 'expense') };
      expect((await applyPush(world.central, changed, world.clock.now().getTime())).replayed).toBe(true);
      expect(await centralState(world)).toEqual(after);
    });

    it('a conflict found by a batch whose reply was lost is still kept when the replay answers', async () => {
      // The hub (or any transport) re-sends a batch under its id after a lost reply; the replay writes nothing,
      // but the device must still learn which of its values lost, or they are gone without a trace.
      const a = world.device('laptop');
      const b = world.device('phone', {
        remote: (inner) => new InterceptRemote(inner, { afterPush: (batch) => inner.push(batch) }),
      });
      a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
      const { expense } = createOneOfEach(a);
      await syncAll([a, b]);
      world.clock.advance(1000);
      b.expenses.edit(uid, expense.id, { amount: 2_000 });
      world.clock.advance(1000);
      a.expenses.edit(uid, expense.id, { amount: 3_000 });
      await a.sync(USER);
      expect((await b.sync(USER)).log.status).toBe('Success');
      await syncAll([a, b]);
      await expectConverged(world);
      expect(b.expenses.get(uid, expense.id).amount).toBe(3_000);
      expect(b.conflicts.list(uid)).toEqual([
        expect.objectContaining({ rowId: expense.id, field: 'amount', lostValue: 2_000, lostSide: 'local' }),
      ]);
      expect(a.conflicts.list(uid)).toEqual([
        expect.objectContaining({
          rowId: expense.id,
          field: 'amount',
          lostValue: 2_000,
          lostSide: 'central',
        }),
      ]);
    });

    it('a sync whose every batch is delivered twice (a retry after a lost reply) converges without duplicates', async () => {
      const a = world.device('laptop', {
        remote: (inner) => new InterceptRemote(inner, { afterPush: (batch) => inner.push(batch) }),
      });
      const b = world.device('phone');
      a.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
      createOneOfEach(a);
      expect((await a.sync(USER)).log).toMatchObject({ status: 'Success', pushed: 20 });
      // Each row written once: one user's writes take consecutive sequence numbers, a second write leaves a gap.
      const seqs: number[] = [];
      for (const table of SYNCED_TABLES) {
        seqs.push(...(await world.central.readChanges(uid, table, 0, 1000)).map((r) => r.seq));
      }
      expect(seqs).toHaveLength(20);
      expect(Math.max(...seqs) - Math.min(...seqs) + 1).toBe(20);
      await syncAll([b, a]);
      await expectConverged(world);
      expect(a.dirtyCount()).toBe(0);
    });
  });
}

describe('finance cases (SQLite)', () => {
  const world = useWorld(embedded);
  describe.each([2, 3])('%i devices', (count) => financeCases(world, count));
  describe('sync protocol', () => syncProtocolCases(world));
});

// The same cases with every device syncing through a hub (HTTP on loopback, device tokens): two devices are
// enough to cover each path through the hub, and keep the run short.
describe('finance cases through the hub (SQLite)', () => {
  const world = useWorld(embedded, 'hub');
  describe('2 devices', () => financeCases(world, 2));
  describe('sync protocol', () => syncProtocolCases(world));
});

const pg = await postgresHarness();
const skip = pg.skipReason;
describe.skipIf(skip !== null)(
  `core cases on the PostgreSQL server${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    const world = useWorld(pg);
    describe.each([2, 3])('conflict scenarios of the original specification, %i devices', (count) =>
      defineSeedScenarios(world, count),
    );
    describe.each([2, 3])('category deleted while an expense is filed under it, %i devices', (count) =>
      defineCategoryExpenseCase(world, count),
    );

    it('a device whose system clock runs 10 minutes fast, syncing directly, is refused by the server', async () => {
      // The production wiring: the device store and the direct remote both read this machine's clock (new
      // Date()), while the server keeps its own time. docs/architecture.md: clocks more than 5 minutes ahead
      // of the receiver's wall time are refused; the receiver of a push is the central store.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * MINUTE });
      try {
        const fast = new Device('fast', () => new DirectRemote(world.central), new TestClock(Date.now()));
        world.devices.push(fast);
        fast.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
        const { log } = await fast.sync(USER);
        const central = await centralSnapshot(world.central, USER);
        expect({ status: log.status, usersCentrally: central.app_user.length }).toEqual({
          status: 'Failed',
          usersCentrally: 0,
        });
        expect(log.errorMessage).toMatch(/ahead/);
      } finally {
        vi.useRealTimers();
      }
    });
  },
);
