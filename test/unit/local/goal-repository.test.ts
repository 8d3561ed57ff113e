import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import type { User } from '../../../src/domain/entities.js';
import { NotFoundError } from '../../../src/domain/validation.js';
import {
  deviceHlc,
  expectInserted,
  expectStamped,
  expectUntouched,
  markSynced,
  openFixture,
  rawRow,
  type Fixture,
} from '../../support/local-fixture.js';

let f: Fixture;
let user: User;
let other: User;
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
  other = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
});
afterEach(() => f.store.close());

describe('GoalRepository: goals', () => {
  it('creates a goal with nothing saved yet, and gets it back', () => {
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const g = f.goals.create(user.id, { name: 'Bike', target: 200000, targetDate: '2027-06-30' });
    expect(g).toEqual({
      id: g.id,
      userId: user.id,
      name: 'Bike',
      target: 200000,
      targetDate: '2027-06-30',
      createdOn: '2026-11-25',
      saved: 0,
      accountId: null,
      accountName: null,
    });
    expect(f.goals.get(user.id, g.id)).toEqual(g);
    expectInserted(f, 'savings_goal', rawRow(f.store, 'savings_goal', g.id), previous);
  });

  it('lists goals by name and resolves them by id or unambiguous name', () => {
    const bike = f.goals.create(user.id, { name: 'bike', target: 100 });
    const car = f.goals.create(user.id, { name: 'Car', target: 100 });
    expect(f.goals.list(user.id).map((g) => g.id)).toEqual([bike.id, car.id]);
    expect(f.goals.resolve(user.id, 'BIKE').id).toBe(bike.id);
    expect(f.goals.resolve(user.id, car.id).id).toBe(car.id);
    f.goals.create(user.id, { name: 'Car', target: 500 });
    expect(() => f.goals.resolve(user.id, 'car')).toThrow(/several goals/);
    expect(() => f.goals.resolve(user.id, 'Boat')).toThrow(NotFoundError);
  });

  it('edits only the changed fields; an edit with no change writes nothing', () => {
    const g = f.goals.create(user.id, { name: 'Bike', target: 200000 });
    markSynced(f.store, 'savings_goal', g.id);
    const before = rawRow(f.store, 'savings_goal', g.id);
    f.advance(60_000);
    expect(f.goals.edit(user.id, g.id, { target: 250000, targetDate: '2027-01-31' })).toMatchObject({
      name: 'Bike',
      target: 250000,
      targetDate: '2027-01-31',
    });
    const after = rawRow(f.store, 'savings_goal', g.id);
    expectStamped(f, 'savings_goal', before, after, ['target_amount', 'target_date']);

    markSynced(f.store, 'savings_goal', g.id);
    const synced = rawRow(f.store, 'savings_goal', g.id);
    f.advance(60_000);
    f.goals.edit(user.id, g.id, { name: 'Bike', target: 250000 });
    expectUntouched(synced, rawRow(f.store, 'savings_goal', g.id));

    f.goals.edit(user.id, g.id, { targetDate: null });
    expect(f.goals.get(user.id, g.id).targetDate).toBeNull();
  });

  it('deletes with a tombstone', () => {
    const g = f.goals.create(user.id, { name: 'Bike', target: 200000 });
    markSynced(f.store, 'savings_goal', g.id);
    const before = rawRow(f.store, 'savings_goal', g.id);
    f.advance(60_000);
    f.goals.delete(user.id, g.id);
    const after = rawRow(f.store, 'savings_goal', g.id);
    expect(after.deleted).toBe(1);
    expectStamped(f, 'savings_goal', before, after, ['deleted']);
    expect(f.goals.list(user.id)).toEqual([]);
    expect(() => f.goals.get(user.id, g.id)).toThrow(NotFoundError);
    expect(() => f.goals.contribute(user.id, g.id, 100, '2026-11-25')).toThrow(NotFoundError);
  });
});

describe('GoalRepository: contributions', () => {
  it('saved is the sum of the live contributions', () => {
    const g = f.goals.create(user.id, { name: 'Bike', target: 200000 });
    const c1 = f.goals.contribute(user.id, g.id, 5000, '2026-11-01', 'first');
    f.goals.contribute(user.id, g.id, 2550, '2026-11-15');
    f.goals.contribute(user.id, g.id, 1, '2026-11-20');
    expect(c1).toEqual({ id: c1.id, goalId: g.id, amount: 5000, date: '2026-11-01', note: 'first' });
    expect(f.goals.get(user.id, g.id).saved).toBe(7551);
    expect(f.goals.list(user.id)[0]?.saved).toBe(7551);
    expect(f.goals.contributions(user.id, g.id).map((c) => c.amount)).toEqual([5000, 2550, 1]);

    markSynced(f.store, 'goal_contribution', c1.id);
    const before = rawRow(f.store, 'goal_contribution', c1.id);
    f.advance(60_000);
    f.goals.deleteContribution(user.id, c1.id);
    const after = rawRow(f.store, 'goal_contribution', c1.id);
    expect(after.deleted).toBe(1);
    expectStamped(f, 'goal_contribution', before, after, ['deleted']);
    expect(f.goals.get(user.id, g.id).saved).toBe(2551);
    expect(f.goals.contributions(user.id, g.id)).toHaveLength(2);
    expect(() => f.goals.contribution(user.id, c1.id)).toThrow(NotFoundError);
  });

  it('counts only the contributions of that goal', () => {
    const bike = f.goals.create(user.id, { name: 'Bike', target: 100000 });
    const car = f.goals.create(user.id, { name: 'Car', target: 100000 });
    f.goals.contribute(user.id, bike.id, 300, '2026-11-01');
    f.goals.contribute(user.id, car.id, 700, '2026-11-01');
    expect(f.goals.get(user.id, bike.id).saved).toBe(300);
    expect(f.goals.get(user.id, car.id).saved).toBe(700);
  });

  it('stamps each contribution as a new row with a new hlc', () => {
    const g = f.goals.create(user.id, { name: 'Bike', target: 100000 });
    const previous = deviceHlc(f.store);
    f.advance(1000);
    const c = f.goals.contribute(user.id, g.id, 300, '2026-11-01', "'); DROP TABLE goal_contribution;--");
    const row = rawRow(f.store, 'goal_contribution', c.id);
    expectInserted(f, 'goal_contribution', row, previous);
    expect(row.description).toBe("'); DROP TABLE goal_contribution;--");
  });

  it("does not find, contribute to or delete another user's goals and contributions", () => {
    const g = f.goals.create(user.id, { name: 'Bike', target: 100000 });
    const c = f.goals.contribute(user.id, g.id, 300, '2026-11-01');
    expect(() => f.goals.get(other.id, g.id)).toThrow(NotFoundError);
    expect(() => f.goals.resolve(other.id, 'Bike')).toThrow(NotFoundError);
    expect(() => f.goals.edit(other.id, g.id, { target: 1 })).toThrow(NotFoundError);
    expect(() => f.goals.delete(other.id, g.id)).toThrow(NotFoundError);
    expect(() => f.goals.contribute(other.id, g.id, 100, '2026-11-02')).toThrow(NotFoundError);
    expect(() => f.goals.contribution(other.id, c.id)).toThrow(NotFoundError);
    expect(() => f.goals.deleteContribution(other.id, c.id)).toThrow(NotFoundError);
    expect(f.goals.contributions(other.id, g.id)).toEqual([]);
    expect(f.goals.list(other.id)).toEqual([]);
    expect(f.goals.get(user.id, g.id)).toMatchObject({ target: 100000, saved: 300 });
    expect(f.goals.ownerOf(g.id)).toBe(user.id);
  });
});
