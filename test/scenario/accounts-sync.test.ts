import { describe, expect, it } from 'vitest';
import { embeddedScenario } from './embedded-scenario.js';
import { mainAccountId } from '../../src/domain/accounts.js';
import { userIdFor } from '../../src/domain/ids.js';
import { centralSnapshot, type Device } from '../support/devices.js';

const USER = 'ann';
const uid = userIdFor(USER);
const scenario = embeddedScenario();
const device = scenario.device;

/** Two devices of one user that have synced a checking and a savings account. */
async function twoDevices() {
  const laptop = device('laptop');
  const phone = device('phone');
  laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  const checking = laptop.accounts.create(uid, {
    name: 'Checking',
    kind: 'checking',
    openingBalance: 100_000,
    openingDate: '2026-10-01',
  });
  const savings = laptop.accounts.create(uid, {
    name: 'Savings',
    kind: 'savings',
    openingDate: '2026-10-01',
  });
  await laptop.sync(USER);
  await phone.sync(USER);
  return { laptop, phone, checking, savings };
}

const balances = (d: Device) =>
  d.accounts.list(uid, { includeArchived: true }).map((a) => [a.name, a.balance]);

describe('accounts and transfers across devices', () => {
  it('two devices add transfers and edit an opening balance offline, sync, and agree on every balance', async () => {
    const { laptop, phone, checking, savings } = await twoDevices();
    scenario.clock().advance(1000);
    laptop.transfers.create(uid, {
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 20_000,
      date: '2026-11-01',
    });
    laptop.accounts.edit(uid, checking.id, { openingBalance: 150_000 });
    scenario.clock().advance(1000);
    phone.transfers.create(uid, {
      fromAccountId: savings.id,
      toAccountId: checking.id,
      amount: 5_000,
      date: '2026-11-02',
    });
    phone.accounts.edit(uid, savings.id, { openingBalance: 1_000, name: 'Rainy day' });
    phone.expenses.create(uid, {
      categoryId: phone.categoryId(USER, 'Food'),
      amount: 2_500,
      date: '2026-11-03',
      accountId: checking.id,
    });

    for (const d of [laptop, phone, laptop]) expect((await d.sync(USER)).log.status).toBe('Success');
    const expected = [
      ['Checking', 150_000 - 20_000 + 5_000 - 2_500],
      ['Main account', 0],
      ['Rainy day', 1_000 + 20_000 - 5_000],
    ];
    expect(balances(laptop)).toEqual(expected);
    expect(balances(phone)).toEqual(expected);
    expect(phone.snapshot(USER)).toEqual(laptop.snapshot(USER));
    expect(await centralSnapshot(scenario.central(), USER)).toEqual(laptop.snapshot(USER));
    // A transfer is never spending: the month's expenses are the one lunch.
    expect(laptop.reports.monthly(uid, '2026-11').expenses).toBe(2_500);
    expect(await scenario.central().reports.monthly(uid, '2026-11')).toEqual(
      laptop.reports.monthly(uid, '2026-11'),
    );
  });

  it('keeps a row visible under an account deleted on another device, and keeps a concurrent edit of a reconciled row as a conflict', async () => {
    const { laptop, phone, checking } = await twoDevices();
    const cash = laptop.accounts.create(uid, { name: 'Cash', kind: 'cash' });
    const lunch = laptop.expenses.create(uid, {
      categoryId: laptop.categoryId(USER, 'Food'),
      amount: 1_200,
      date: '2026-11-05',
      accountId: checking.id,
    });
    laptop.accounts.setStatus(uid, checking.id, 'expense', lunch.id, 'cleared');
    expect(laptop.accounts.reconcile(uid, checking.id, 100_000 - 1_200).reconciled).toBe(1);
    await laptop.sync(USER);
    await phone.sync(USER);

    scenario.clock().advance(1000);
    laptop.accounts.delete(uid, cash.id);
    laptop.expenses.edit(uid, lunch.id, { amount: 1_250 }, { confirmReconciled: true });
    scenario.clock().advance(1000);
    const coffee = phone.expenses.create(uid, {
      categoryId: phone.categoryId(USER, 'Food'),
      amount: 300,
      date: '2026-11-06',
      accountId: cash.id,
    });
    phone.expenses.edit(uid, lunch.id, { amount: 1_300 }, { confirmReconciled: true });

    await laptop.sync(USER);
    await phone.sync(USER);
    await laptop.sync(USER);
    for (const d of [laptop, phone]) {
      expect(d.expenses.get(uid, coffee.id)).toMatchObject({ accountName: 'Cash', accountDeleted: true });
      expect(d.expenses.get(uid, lunch.id)).toMatchObject({ amount: 1_300, status: 'reconciled' });
      expect(d.reports.balances(uid, '2026-11-30').accounts.find((a) => a.name === 'Cash')?.balance).toBe(
        -300,
      );
    }
    const conflicts = laptop.conflicts.list(uid);
    expect(conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rowId: lunch.id, field: 'amount', lostValue: 1_250 }),
      ]),
    );
    expect(phone.snapshot(USER)).toEqual(laptop.snapshot(USER));
  });

  it('gives every device the same first account for a user, and never a conflict over it', async () => {
    const { laptop, phone } = await twoDevices();
    expect(laptop.accounts.get(uid, mainAccountId(uid)).name).toBe('Main account');
    expect(phone.accounts.get(uid, mainAccountId(uid)).name).toBe('Main account');
    expect(laptop.conflicts.list(uid)).toEqual([]);
    expect(phone.conflicts.list(uid)).toEqual([]);
  });
});
