import { describe, expect, it } from 'vitest';
import { MAIN_ACCOUNT_NAME, mainAccountId } from '../../../src/domain/accounts.js';
import { ValidationError } from '../../../src/domain/validation.js';
import { openFixture, type Fixture } from '../../support/local-fixture.js';

function setUp(): { f: Fixture; userId: string; food: string; salary: string } {
  const f = openFixture();
  const user = f.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
  const food = f.categories.list(user.id).find((c) => c.name === 'Food')?.id ?? '';
  const salary = f.categories.list(user.id).find((c) => c.name === 'Salary')?.id ?? '';
  return { f, userId: user.id, food, salary };
}

describe('accounts', () => {
  it('gives every new user a first account whose id is the user’s, holding the rows that name no account', () => {
    const { f, userId, food } = setUp();
    const [main] = f.accounts.list(userId);
    expect(main).toMatchObject({ id: mainAccountId(userId), name: MAIN_ACCOUNT_NAME, balance: 0 });
    const e = f.expenses.create(userId, { categoryId: food, amount: 1250, date: '2026-11-20' });
    expect(e).toMatchObject({
      accountId: mainAccountId(userId),
      accountName: MAIN_ACCOUNT_NAME,
      status: 'uncleared',
    });
    expect(f.accounts.get(userId, mainAccountId(userId)).balance).toBe(-1250);
  });

  it('computes balances from the opening balance, income, expenses and transfers, and never counts a transfer as spending', () => {
    const { f, userId, food, salary } = setUp();
    const checking = f.accounts.create(userId, {
      name: 'Checking',
      kind: 'checking',
      openingBalance: 100_000,
      openingDate: '2026-10-01',
    });
    const savings = f.accounts.create(userId, {
      name: 'Savings',
      kind: 'savings',
      openingDate: '2026-10-01',
    });
    f.income.create(userId, {
      categoryId: salary,
      amount: 300_000,
      date: '2026-10-25',
      accountId: checking.id,
    });
    f.expenses.create(userId, {
      categoryId: food,
      amount: 4_500,
      date: '2026-11-02',
      accountId: checking.id,
    });
    f.transfers.create(userId, {
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 50_000,
      date: '2026-11-05',
    });
    expect(f.accounts.get(userId, checking.id).balance).toBe(100_000 + 300_000 - 4_500 - 50_000);
    expect(f.accounts.get(userId, savings.id).balance).toBe(50_000);
    const november = f.reports.monthly(userId, '2026-11');
    expect(november.expenses).toBe(4_500);
    expect(november.income).toBe(0);

    const balances = f.reports.balances(userId, '2026-10-31');
    expect(balances.accounts.map((a) => [a.name, a.balance])).toEqual([
      ['Checking', 400_000],
      [MAIN_ACCOUNT_NAME, 0],
      ['Savings', 0],
    ]);
    expect(balances.total).toBe(400_000);
    const worth = f.reports.netWorth(userId, '2026-09', '2026-11');
    expect(worth.months.map((m) => m.total)).toEqual([0, 400_000, 395_500]);
    expect(worth.accounts.map((a) => a.name)).toEqual(['Checking', MAIN_ACCOUNT_NAME, 'Savings']);
    expect(worth.months[2]?.balances).toEqual([345_500, 0, 50_000]);
  });

  it('shows a register with the balance after each row, the opening balance first', () => {
    const { f, userId, food } = setUp();
    const card = f.accounts.create(userId, {
      name: 'Card',
      kind: 'credit_card',
      openingBalance: -20_000,
      openingDate: '2026-11-01',
    });
    f.expenses.create(userId, { categoryId: food, amount: 3_000, date: '2026-11-03', accountId: card.id });
    f.transfers.create(userId, {
      fromAccountId: mainAccountId(userId),
      toAccountId: card.id,
      amount: 23_000,
      date: '2026-11-10',
      note: 'pay off',
    });
    const register = f.accounts.register(userId, card.id);
    expect(register.items.map((r) => [r.kind, r.date, r.amount, r.balance])).toEqual([
      ['transfer', '2026-11-10', 23_000, 0],
      ['expense', '2026-11-03', -3_000, -23_000],
      ['opening', '2026-11-01', -20_000, -20_000],
    ]);
    expect(register.items[0]?.counterpart).toBe(MAIN_ACCOUNT_NAME);
  });

  it('refuses bad transfers and accounts with one clear message, writing nothing', () => {
    const { f, userId, food } = setUp();
    const other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-IE' });
    const main = mainAccountId(userId);
    const refused = (fn: () => unknown, field: string) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).field).toBe(field);
        return;
      }
      throw new Error('accepted');
    };
    refused(
      () =>
        f.transfers.create(userId, { fromAccountId: main, toAccountId: main, amount: 1, date: '2026-11-01' }),
      'toAccountId',
    );
    refused(
      () =>
        f.transfers.create(userId, {
          fromAccountId: main,
          toAccountId: mainAccountId(other.id),
          amount: 1,
          date: '2026-11-01',
        }),
      'toAccountId',
    );
    const old = f.accounts.create(userId, { name: 'Old', kind: 'cash' });
    f.accounts.edit(userId, old.id, { archived: true });
    refused(
      () => f.expenses.create(userId, { categoryId: food, amount: 1, date: '2026-11-01', accountId: old.id }),
      'accountId',
    );
    expect(f.transfers.list(userId).total).toBe(0);
    expect(f.expenses.list(userId).total).toBe(0);

    f.expenses.create(userId, { categoryId: food, amount: 1, date: '2026-11-01' });
    refused(() => f.accounts.edit(userId, main, { openingDate: '2026-11-02' }), 'openingDate');
    refused(() => f.accounts.delete(userId, main), 'id');
    expect(f.accounts.get(userId, main).openingDate).toBeNull();
    f.accounts.delete(userId, old.id);
    expect(f.accounts.list(userId, { includeArchived: true }).map((a) => a.name)).toEqual([
      MAIN_ACCOUNT_NAME,
    ]);
  });

  it('reconciles cleared rows against a statement only when the balances agree, and guards reconciled rows', () => {
    const { f, userId, food, salary } = setUp();
    const main = mainAccountId(userId);
    const pay = f.income.create(userId, { categoryId: salary, amount: 10_000, date: '2026-11-01' });
    const lunch = f.expenses.create(userId, { categoryId: food, amount: 1_500, date: '2026-11-02' });
    f.expenses.create(userId, { categoryId: food, amount: 700, date: '2026-11-03' });
    f.accounts.setStatus(userId, main, 'income', pay.id, 'cleared');
    f.accounts.setStatus(userId, main, 'expense', lunch.id, 'cleared');

    const off = f.accounts.reconcile(userId, main, 9_000);
    expect(off).toMatchObject({ clearedBalance: 8_500, difference: 500, reconciled: 0 });
    expect(f.expenses.get(userId, lunch.id).status).toBe('cleared');

    const agreed = f.accounts.reconcile(userId, main, 8_500);
    expect(agreed).toMatchObject({ difference: 0, reconciled: 2 });
    expect(f.expenses.get(userId, lunch.id).status).toBe('reconciled');
    expect(() => f.expenses.edit(userId, lunch.id, { amount: 1_600 })).toThrow(/reconciled/);
    expect(f.expenses.get(userId, lunch.id).amount).toBe(1_500);
    expect(f.expenses.edit(userId, lunch.id, { amount: 1_600 }, { confirmReconciled: true }).amount).toBe(
      1_600,
    );
  });
});
