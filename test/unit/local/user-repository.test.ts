import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { categoryIdFor, userIdFor } from '../../../src/domain/ids.js';
import { NotFoundError, ValidationError } from '../../../src/domain/validation.js';
import { DEFAULT_CATEGORIES } from '../../../src/local/user-repository.js';
import {
  deviceHlc,
  expectInserted,
  expectStamped,
  markSynced,
  openFixture,
  rawRow,
  type Fixture,
} from '../../support/local-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = openFixture();
});
afterEach(() => f.store.close());

const alice = { name: 'Alice', currency: 'EUR', locale: 'en-US' };

describe('UserRepository', () => {
  it('creates a user whose id derives from the name', () => {
    const user = f.users.create(alice);
    expect(user).toEqual({
      id: userIdFor('alice'),
      name: 'Alice',
      currency: 'EUR',
      locale: 'en-US',
      createdAt: f.now().toISOString(),
      hasPassword: false,
    });
    expect(f.users.get(user.id)).toEqual(user);
    expectInserted(f, 'app_user', rawRow(f.store, 'app_user', user.id), '');
  });

  it('creates the default categories with a new user, with the ids every device derives', () => {
    const user = f.users.create(alice);
    const expense = f.categories.list(user.id, 'expense');
    const income = f.categories.list(user.id, 'income');
    expect(expense.map((c) => c.name).sort()).toEqual([...DEFAULT_CATEGORIES.expense].sort());
    expect(income.map((c) => c.name).sort()).toEqual([...DEFAULT_CATEGORIES.income].sort());
    for (const c of [...expense, ...income]) {
      expect(c.id).toBe(categoryIdFor(user.id, c.kind, c.name));
      expect(c.deleted).toBe(false);
      expect(c.userId).toBe(user.id);
    }
  });

  it('stamps every row it writes with its own strictly increasing hlc', () => {
    const user = f.users.create(alice);
    const rows = f.store.db
      .prepare(
        `SELECT hlc FROM app_user UNION ALL SELECT hlc FROM category WHERE user_id = ?
         UNION ALL SELECT hlc FROM account WHERE user_id = ?`,
      )
      .all(user.id, user.id) as { hlc: string }[];
    const hlcs = rows.map((r) => r.hlc).sort();
    // The user, its default categories and its first account.
    expect(new Set(hlcs).size).toBe(2 + DEFAULT_CATEGORIES.expense.length + DEFAULT_CATEGORIES.income.length);
    expect(deviceHlc(f.store)).toBe(hlcs[hlcs.length - 1]);
    // The user row, a parent, is written before its categories.
    expect(rawRow(f.store, 'app_user', user.id).hlc).toBe(hlcs[0]);
  });

  it('refuses a second user with the same name in any case', () => {
    f.users.create(alice);
    for (const name of ['Alice', 'alice', ' ALICE ']) {
      let caught: unknown;
      try {
        f.users.create({ ...alice, name });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).field).toBe('name');
      expect((caught as Error).message).toMatch(/already exists/);
    }
    expect(f.users.list()).toHaveLength(1);
  });

  it('lists users by name and resolves them by name (any case) or id', () => {
    const bob = f.users.create({ name: 'bob', currency: 'JPY', locale: 'ja-JP' });
    const a = f.users.create(alice);
    expect(f.users.list().map((u) => u.name)).toEqual(['Alice', 'bob']);
    expect(f.users.resolve('ALICE')).toEqual(a);
    expect(f.users.resolve(a.id)).toEqual(a);
    expect(f.users.resolve(' Bob ')).toEqual(bob);
    expect(() => f.users.resolve('carol')).toThrow(NotFoundError);
    expect(() => f.users.resolve('carol')).toThrow(/carol/);
    expect(() => f.users.get(userIdFor('carol'))).toThrow(NotFoundError);
  });

  it('stores a password hash as a change of that field alone', () => {
    const user = f.users.create({ ...alice, passwordHash: null });
    expect(f.users.passwordHash(user.id)).toBeNull();
    markSynced(f.store, 'app_user', user.id);
    const before = rawRow(f.store, 'app_user', user.id);
    f.advance(60_000);
    f.users.setPasswordHash(user.id, 'scrypt$1$2$3$salt$hash');
    expect(f.users.passwordHash(user.id)).toBe('scrypt$1$2$3$salt$hash');
    expect(f.users.get(user.id).hasPassword).toBe(true);
    expectStamped(f, 'app_user', before, rawRow(f.store, 'app_user', user.id), ['password_hash']);
  });

  it('keeps SQL-looking names verbatim', () => {
    const name = "Robert'); DROP TABLE app_user;--";
    const user = f.users.create({ ...alice, name });
    expect(f.users.get(user.id).name).toBe(name);
    expect(f.users.list()).toHaveLength(1);
  });
});
