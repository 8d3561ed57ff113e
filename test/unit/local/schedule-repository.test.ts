import { describe, expect, it } from 'vitest';
import { mainAccountId } from '../../../src/domain/accounts.js';
import { occurrenceId } from '../../../src/domain/schedules.js';
import { ValidationError } from '../../../src/domain/validation.js';
import type { NewSchedule } from '../../../src/local/schedule-repository.js';
import { openFixture, rawRow, type Fixture } from '../../support/local-fixture.js';

const DAY = 86_400_000;

/** The fixture's clock says 2026-11-25. */
function setUp() {
  const f: Fixture = openFixture();
  const user = f.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
  const housing = f.categories.list(user.id).find((c) => c.name === 'Housing')?.id ?? '';
  const rent: NewSchedule = {
    kind: 'expense',
    categoryId: housing,
    accountId: mainAccountId(user.id),
    amount: 90_000,
    note: 'rent',
    every: 1,
    unit: 'month',
    startDate: '2026-11-30',
    autoPost: false,
  };
  return { f, userId: user.id, rent };
}

const refusal = (fn: () => unknown): ValidationError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('ScheduleRepository', () => {
  it('refuses a schedule with no end that starts in the past, naming startDate; with a count it posts the past', () => {
    const { f, userId, rent } = setUp();
    const e = refusal(() => f.schedules.create(userId, { ...rent, startDate: '2026-01-31' }));
    expect(e.field).toBe('startDate');
    expect(e.message).toContain('in the past');
    const s = f.schedules.create(userId, { ...rent, startDate: '2026-09-30', count: 2 });
    expect(f.schedules.post(userId).posted.map((o) => o.date)).toEqual(['2026-09-30', '2026-10-30']);
    expect(f.expenses.get(userId, occurrenceId(s.id, '2026-09-30')).amount).toBe(90_000);
  });

  it('refuses bad amounts, rules, and another user’s category or account', () => {
    const { f, userId, rent } = setUp();
    const bob = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-IE' });
    const bobs = f.categories.list(bob.id).find((c) => c.name === 'Housing')?.id ?? '';
    expect(refusal(() => f.schedules.create(userId, { ...rent, amount: 0 })).field).toBe('amount');
    expect(refusal(() => f.schedules.create(userId, { ...rent, every: 0 })).field).toBe('every');
    expect(refusal(() => f.schedules.create(userId, { ...rent, dayOfMonth: 0 })).field).toBe('dayOfMonth');
    expect(refusal(() => f.schedules.create(userId, { ...rent, method: 'x'.repeat(41) })).field).toBe(
      'method',
    );
    expect(refusal(() => f.schedules.create(userId, { ...rent, categoryId: bobs })).field).toBe('categoryId');
    expect(
      refusal(() => f.schedules.create(userId, { ...rent, accountId: mainAccountId(bob.id) })).field,
    ).toBe('accountId');
    expect(
      refusal(() =>
        f.schedules.create(userId, { ...rent, kind: 'transfer', toAccountId: mainAccountId(userId) }),
      ).field,
    ).toBe('toAccountId');
    expect(f.schedules.list(userId)).toEqual([]);
  });

  it('posts each occurrence once, even after its row is deleted', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, rent);
    f.advance(6 * DAY);
    expect(f.schedules.post(userId).posted).toHaveLength(1);
    expect(f.schedules.post(userId).posted).toEqual([]);
    const id = occurrenceId(s.id, '2026-11-30');
    f.expenses.delete(userId, id);
    expect(f.schedules.due(userId)).toEqual([]);
    expect(f.schedules.post(userId).posted).toEqual([]);
    expect(rawRow(f.store, 'expense', id).deleted).toBe(1);
  });

  it('posts a transfer and an income with their own fields', () => {
    const { f, userId, rent } = setUp();
    const savings = f.accounts.create(userId, { name: 'Savings', kind: 'savings' });
    const salary = f.categories.list(userId).find((c) => c.name === 'Salary')?.id ?? '';
    const t = f.schedules.create(userId, {
      ...rent,
      kind: 'transfer',
      categoryId: null,
      toAccountId: savings.id,
      startDate: '2026-11-25',
    });
    const i = f.schedules.create(userId, {
      ...rent,
      kind: 'income',
      categoryId: salary,
      source: 'Acme',
      startDate: '2026-11-25',
    });
    expect(f.schedules.post(userId).posted).toHaveLength(2);
    expect(f.transfers.get(userId, occurrenceId(t.id, '2026-11-25'))).toMatchObject({
      fromAccountId: mainAccountId(userId),
      toAccountId: savings.id,
      amount: 90_000,
    });
    expect(f.income.get(userId, occurrenceId(i.id, '2026-11-25'))).toMatchObject({ source: 'Acme' });
  });

  it('leaves an occurrence whose account was archived since unposted, and says why', () => {
    const { f, userId, rent } = setUp();
    const cash = f.accounts.create(userId, { name: 'Cash', kind: 'cash' });
    f.schedules.create(userId, { ...rent, accountId: cash.id, startDate: '2026-11-25' });
    f.accounts.edit(userId, cash.id, { archived: true });
    const result = f.schedules.post(userId);
    expect(result.posted).toEqual([]);
    expect(result.refused[0]?.reason).toContain('archived');
  });

  it('an edit of the amount changes what is not yet posted; an edit of the rule keeps the past', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, { ...rent, startDate: '2026-11-30', count: 6 });
    f.advance(40 * DAY); // 2027-01-04: two occurrences past
    f.schedules.post(userId);
    const edited = f.schedules.edit(userId, s.id, { amount: 95_000, every: 2 });
    // Starts at the next occurrence of the old rule, on the same day of the month, with 4 occurrences left.
    expect(edited).toMatchObject({ startDate: '2027-01-30', dayOfMonth: 30, count: 4, amount: 95_000 });
    expect(f.schedules.due(userId)).toEqual([]);
    expect(f.expenses.get(userId, occurrenceId(s.id, '2026-12-30')).amount).toBe(90_000);
    expect(f.schedules.upcoming(userId, 120).map((o) => o.date)).toEqual(['2027-01-30', '2027-03-30']);
  });

  it('skips an occurrence, refusing a date that is none or one already posted', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, { ...rent, startDate: '2026-11-25' });
    expect(refusal(() => f.schedules.skip(userId, s.id, '2026-11-26')).field).toBe('date');
    f.schedules.post(userId);
    expect(refusal(() => f.schedules.skip(userId, s.id, '2026-11-25')).message).toContain('already posted');
    expect(f.schedules.skip(userId, s.id, '2026-12-25').skipped).toEqual(['2026-12-25']);
    expect(f.schedules.upcoming(userId, 61).map((o) => [o.date, o.posted])).toEqual([
      ['2026-11-25', true],
      ['2027-01-25', false],
    ]);
  });

  it('posts the next occurrence of a manual schedule now, before it is due, under its derived id', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, rent); // manual, first on 2026-11-30, today 2026-11-25
    expect(f.schedules.due(userId)).toEqual([]);
    const first = f.schedules.postOccurrence(userId, s.id);
    expect(first).toMatchObject({
      date: '2026-11-30',
      rowId: occurrenceId(s.id, '2026-11-30'),
      posted: true,
    });
    expect(f.expenses.get(userId, first.rowId)).toMatchObject({ amount: 90_000, date: '2026-11-30' });
    // The next one is the one after; the skipped one is passed over.
    f.schedules.skip(userId, s.id, '2026-12-30');
    expect(f.schedules.postOccurrence(userId, s.id).date).toBe('2027-01-30');
    // Once posted, the occurrence is neither due nor posted again by the automatic run.
    f.advance(70 * DAY);
    expect(f.schedules.post(userId).posted.map((o) => o.date)).toEqual([]);
  });

  it('posts one occurrence changed (amount, day, note) as an ordinary row; the schedule stays as it was', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, { ...rent, autoPost: true });
    const posted = f.schedules.postOccurrence(userId, s.id, {
      date: '2026-12-30',
      amount: 45_000,
      on: '2026-12-28',
      note: 'half this month',
    });
    expect(posted).toMatchObject({ date: '2026-12-30', amount: 45_000, note: 'half this month' });
    expect(f.expenses.get(userId, occurrenceId(s.id, '2026-12-30'))).toMatchObject({
      amount: 45_000,
      date: '2026-12-28',
      note: 'half this month',
    });
    expect(f.schedules.get(userId, s.id)).toMatchObject({ amount: 90_000, note: 'rent' });
    f.advance(40 * DAY); // 2027-01-04: November's posts as the schedule says, December's is posted already
    expect(f.schedules.post(userId).posted.map((o) => [o.date, o.amount])).toEqual([['2026-11-30', 90_000]]);
    // Editing the posted row changes only that row.
    f.expenses.edit(userId, posted.rowId, { amount: 46_000 });
    expect(f.expenses.get(userId, occurrenceId(s.id, '2026-11-30')).amount).toBe(90_000);
  });

  it('refuses to post a date that is no occurrence, is skipped or already posted, or a bad amount', () => {
    const { f, userId, rent } = setUp();
    const s = f.schedules.create(userId, { ...rent, count: 2 });
    expect(refusal(() => f.schedules.postOccurrence(userId, s.id, { date: '2026-12-01' })).field).toBe(
      'date',
    );
    f.schedules.skip(userId, s.id, '2026-12-30');
    expect(refusal(() => f.schedules.postOccurrence(userId, s.id, { date: '2026-12-30' })).message).toContain(
      'skipped',
    );
    expect(refusal(() => f.schedules.postOccurrence(userId, s.id, { amount: 0 })).field).toBe('amount');
    f.schedules.postOccurrence(userId, s.id);
    expect(refusal(() => f.schedules.postOccurrence(userId, s.id, { date: '2026-11-30' })).message).toContain(
      'already posted',
    );
    expect(refusal(() => f.schedules.postOccurrence(userId, s.id)).message).toContain('no occurrence left');
    expect(f.expenses.list(userId).total).toBe(1);
  });

  it('posts every user’s automatic schedules, and only those', () => {
    const { f, userId, rent } = setUp();
    f.schedules.create(userId, { ...rent, startDate: '2026-11-25', autoPost: true });
    f.schedules.create(userId, { ...rent, startDate: '2026-11-25' });
    expect(f.schedules.postAllAutomatic().posted).toHaveLength(1);
    expect(f.schedules.due(userId)).toHaveLength(1);
  });
});
